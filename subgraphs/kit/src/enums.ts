import { registerEnumType } from 'type-graphql';
import { FundingSource, HouseholdCategory, SupportKind } from './program/catalogue';
import { SupportAction, SupportStatus } from './support/support.rules';

/*
 * The GraphQL names of the kit's enums. The enums themselves live with the rules that use them,
 * free of type-graphql, so a rules file can import them (`@gnbv/kit/rules`) without loading the
 * schema machinery; every module that puts one in a GraphQL type imports this file, and so does
 * the schema builder.
 */

registerEnumType(HouseholdCategory, {
  name: 'HouseholdCategory',
  description: 'Category on the latest commune-certified list. NEWLY_ESCAPED lasts 36 months after escaping poverty.',
});
registerEnumType(SupportKind, { name: 'SupportKind', description: 'What was delivered to a household.' });
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Central budget (ngân sách trung ương), local budget (ngân sách địa phương) or other lawful sources.',
});
registerEnumType(SupportStatus, {
  name: 'SupportStatus',
  description: 'PLANNED → DELIVERED → VERIFIED (checked by the commune or an inspection); or CANCELLED, with a reason.',
});
registerEnumType(SupportAction, { name: 'SupportAction', description: 'A step in a support record’s life.' });
