import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { Loan, LoanInstalment, LoanPurposeCheck, LoanRepayment } from './loan/loan.entity';
import { Lending1763780300000 } from './migrations/1763780300000-Lending';
import { LendingAuditTrail1763790300000 } from './migrations/1763790300000-LendingAuditTrail';
import { LoanProgrammes1764300000000 } from './migrations/1764300000000-LoanProgrammes';
import { LendingNetwork1764300100000 } from './migrations/1764300100000-LendingNetwork';
import { LoanLifecycle1764300200000 } from './migrations/1764300200000-LoanLifecycle';
import { BankIdempotency1764300300000 } from './migrations/1764300300000-BankIdempotency';
import { LoanProgramme } from './programme/programme.entity';
import { SavingsGroup, SavingsGroupMember } from './savings-group/savings-group.entity';
import { TransactionPoint } from './transaction-point/transaction-point.entity';

export const entities = [
  LoanProgramme,
  TransactionPoint,
  SavingsGroup,
  SavingsGroupMember,
  Loan,
  LoanInstalment,
  LoanRepayment,
  LoanPurposeCheck,
];
export const migrations = [
  Lending1763780300000,
  LendingAuditTrail1763790300000,
  LoanProgrammes1764300000000,
  LendingNetwork1764300100000,
  LoanLifecycle1764300200000,
  BankIdempotency1764300300000,
];

/** The social-policy-bank database (not yet connected). */
export function socialPolicyBankDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
