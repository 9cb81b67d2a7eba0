import { allow, analyst, anyOf, anyone, can, officer, type PermissionTable } from '@gnbv/kit';

/*
 * Who may read what in the agriculture subgraph (Project 3 supports). Anything not listed is
 * denied. Supports are not personal data: every agency's officers read them, so a commune page
 * can show every agency's help; rows are limited to the reader's units by the loaders and queries.
 */

const anyOfficer = officer();
/** Totals per unit, no household in sight: the steering committee's analysts read them too. */
const aggregateReader = anyOf(anyOfficer, analyst);

export const permissions: PermissionTable = {
  Query: {
    productionSupports: can(anyOfficer),
  },
  ProductionSupportConnection: allow, //            reached only through a field checked above
  ProductionSupport: can(anyOfficer),
  ProductionSupportSummary: can(aggregateReader),
  Household: {
    id: can(anyone), //                               the key: the gateway holds it already
    productionSupports: can(anyOfficer),
  },
  AdminUnit: {
    code: can(anyone), //                             the key
    productionSupportSummary: can(aggregateReader),
  },
};
