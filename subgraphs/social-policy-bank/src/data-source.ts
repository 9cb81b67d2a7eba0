import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { Loan } from './loan/loan.entity';
import { Lending1763780300000 } from './migrations/1763780300000-Lending';
import { LendingAuditTrail1763790300000 } from './migrations/1763790300000-LendingAuditTrail';
import { SavingsGroup } from './savings-group/savings-group.entity';

export const entities = [SavingsGroup, Loan];
export const migrations = [Lending1763780300000, LendingAuditTrail1763790300000];

/** The social-policy-bank database (not yet connected). */
export function socialPolicyBankDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
