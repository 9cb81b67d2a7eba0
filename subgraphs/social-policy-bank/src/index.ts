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
export { socialPolicyBankDemo, type DemoLending } from './data/demo';
export {
  DISBURSED_STATUS_NAMES,
  generateLending,
  MAX_REPAYMENTS,
  meetingOnOrAfter,
  MIGRATION_PROGRAMMES,
  MISUSES,
  ORGANISATIONS,
  owedOn,
  PRODUCTION_PURPOSES,
  PROGRAMME_OF_CATEGORY,
  programmeOn,
  repay,
  WATER_PURPOSES,
  type EntrustingOrganisationName,
  type InstalmentRow,
  type LendingCommune,
  type LendingGroup,
  type LendingHousehold,
  type LendingIds,
  type LendingRows,
  type LoanRow,
  type LoanStatusName,
  type ProgrammeVersionRow,
  type PurposeCheckByName,
  type PurposeCheckRow,
  type PurposeFindingName,
  type Repaying,
  type RepaymentOutcome,
  type RepaymentRow,
  type SavingsGroupMemberRow,
  type SavingsGroupRow,
  type TransactionPointRow,
} from './data/lending';
export { lendingBook, lendingStats, lendingViolations, type LendingData, type LendingStats } from './data/lending-check';
export { readProgrammeVersions, socialPolicyBankSeed } from './data/seed';
export {
  LOAN_INSTALMENT_TABLE,
  LOAN_PURPOSE_CHECK_TABLE,
  LOAN_REPAYMENT_TABLE,
  LOAN_TABLE,
  SAVINGS_GROUP_MEMBER_TABLE,
  SAVINGS_GROUP_TABLE,
  TRANSACTION_POINT_TABLE,
} from './data/tables';
export {
  buildDemoLending,
  DEMO_LENDING,
  demoLoanOutstanding,
  demoLoansOwed,
  demoLoanStanding,
  type DemoHousehold,
  type DemoPlace,
  type DemoReview,
} from './data/demo-lending';
export { communeNetwork, type CommuneNetwork } from './data/network';
export { definition } from './agency';
