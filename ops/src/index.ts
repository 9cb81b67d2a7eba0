export { AGENCIES, agencyNames } from './agencies';
export {
  buildDemoDataset,
  DEMO_COMMUNES,
  DEMO_LENDING,
  DEMO_PROGRAMME,
  DEMO_PROVINCE,
  demoLoanOutstanding,
  demoLoanStanding,
  demoLoansOwed,
  type DemoDataset,
  type DemoLending,
} from './demo/dataset';
export { compose } from './compose';
export { devIssuerKeys, signDevToken, type DevTokenOptions } from '@gnbv/platform';
export { prepareDatabases } from './databases';
export { BENCH_QUERIES } from './bench/operations';
export { createPlanner, type Planner } from './bench/plan';
