import { AuditRecord, buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from './refs';
import type { BankContext } from './context';
import { HouseholdLendingAuditResolver } from './lending-audit/lending-audit.resolver';
import { Loan } from './loan/loan.entity';
import { AdminUnitLendingResolver, HouseholdLoanResolver, LendingSummary, LoanResolver } from './loan/loan.resolver';
import { permissions } from './permissions';
import { SavingsGroupResolver } from './savings-group/savings-group.resolver';

/** The social-policy-bank subgraph's schema; needs no database, so composition can call it too. */
export function buildSocialPolicyBankSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<BankContext>({
    resolvers: [
      SavingsGroupResolver,
      LoanResolver,
      HouseholdLoanResolver,
      AdminUnitLendingResolver,
      HouseholdLendingAuditResolver,
    ],
    // Reached only through `_entities`, so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef, Loan, LendingSummary, AuditRecord],
    permissions,
  });
}
