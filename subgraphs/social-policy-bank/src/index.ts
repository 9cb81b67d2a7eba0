export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { entities, migrations, socialPolicyBankDataSource } from './data-source';
export { Loan, LoanProgram, LoanStatus } from './loan/loan.entity';
export { EntrustingOrganisation, SavingsGroup } from './savings-group/savings-group.entity';
export { buildSocialPolicyBankSchema } from './schema';
export { createServer } from './server';
