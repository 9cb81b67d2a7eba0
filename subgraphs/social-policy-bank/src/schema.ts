import { AuditRecord, buildFederatedSchema, CategoryPeriod, type FederatedSchema } from '@gnbv/kit';
import type { BankContext } from './context';
import { HouseholdEligibilityResolver, LoanEligibilityBatchResolver } from './eligibility/eligibility.resolver';
import { HouseholdLendingAuditResolver } from './lending-audit/lending-audit.resolver';
import { AdminUnitLendingResolver } from './lending-summary/lending-summary.resolver';
import { LoanMutationResolver } from './loan/loan.mutations';
import { HouseholdLoanResolver, LoanResolver } from './loan/loan.resolver';
import { permissions } from './permissions';
import { LoanProgrammeResolver } from './programme/programme.resolver';
import { AdminUnitRef, HouseholdRef } from './refs';
import { bankCoverage } from './report/coverage';
import { SavingsGroupMemberMutationResolver } from './savings-group/savings-group.mutations';
import {
  HouseholdMembershipResolver,
  SavingsGroupMemberResolver,
  SavingsGroupResolver,
} from './savings-group/savings-group.resolver';

/** The social-policy-bank subgraph's schema; needs no database, so composition can call it too. */
export function buildSocialPolicyBankSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<BankContext>({
    resolvers: [
      LoanProgrammeResolver,
      SavingsGroupResolver,
      SavingsGroupMemberResolver,
      SavingsGroupMemberMutationResolver,
      HouseholdMembershipResolver,
      LoanResolver,
      LoanMutationResolver,
      HouseholdLoanResolver,
      HouseholdEligibilityResolver,
      LoanEligibilityBatchResolver,
      AdminUnitLendingResolver,
      HouseholdLendingAuditResolver,
      ...bankCoverage.resolvers,
    ],
    // Reached only through `_entities` (or as external fields), so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef, CategoryPeriod, AuditRecord, bankCoverage.CoverageReport],
    referenceResolvers: { CoverageReport: bankCoverage.resolveReference },
    permissions,
  });
}
