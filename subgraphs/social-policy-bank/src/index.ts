export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { entities, migrations, socialPolicyBankDataSource } from './data-source';
export { EligibilityReasonCode, loanEligibility } from './eligibility/eligibility.rules';
export {
  DISBURSED_STATUSES,
  Loan,
  LoanInstalment,
  LoanPurposeCheck,
  LoanRepayment,
  LoanStatus,
  PurposeCheckBy,
  PurposeFinding,
} from './loan/loan.entity';
export { loanStanding } from './loan/loan-standing';
export { INSTALMENT_INTERVAL_MONTHS, repaymentSchedule } from './loan/loan.rules';
export { LoanProgramme, LoanProgrammeCode } from './programme/programme.entity';
export { EntrustingOrganisation, SavingsGroup, SavingsGroupMember } from './savings-group/savings-group.entity';
export { TransactionPoint } from './transaction-point/transaction-point.entity';
export { buildSocialPolicyBankSchema } from './schema';
export { createServer } from './server';
export { definition } from './agency';
