import 'reflect-metadata';

export * from './audit';
export * from './benchmark';
export * from './budget';
export * from '@gnbv/platform';
export * from './dates';
export * from './db';
export * from './embedded';
export * from './idempotency';
export * from './loaders';
export * from './pagination';
export * from './program';
export * from './permissions';
export * from './refs';
export * from './registry-attestation';
export * from './report';
export * from './scalars';
export * from './schema';
export * from './scope';
export * from './subgraph';
export * from './support';
export * from './subgraph-config';
export * from './validate';
export * from './write';
export { agencyMain, type AgencyDefinition, defineAgency } from './agency/definition';
export {
  entityTable,
  specTable,
  type AgencyDemoData,
  type AgencySeed,
  type DemoTable,
  type DerivedTable,
  type SeededTable,
  addYears,
  dayFromCivil,
  dayOfIso,
  isoOfDay,
  BOOKS_AS_OF,
  BUDGET_LINE_TABLE,
  budgetLine,
  CANCEL_REASONS,
  certifiedCategoryOn,
  deliveringOffice,
  deprivedOn,
  DISBURSEMENT_TABLE,
  eligible,
  indicatorsOf,
  officesOf,
  quantityOf,
  REFORM_DAY,
  SEED_RECORDER,
  sixteenthBirthday,
  SUPPORT_ITEMS,
  SUPPORT_TABLE,
  unitBudgetLines,
  type BudgetLineRow,
  type CategoryName,
  type DisbursementRow,
  type LinePlan,
  type Offices,
  type Payout,
  type ProjectLine,
  type ReviewOnList,
  type SupportItem,
  type SupportRow,
  type SupportStatusName,
  type UnitBudget,
  Random,
  cumulate,
  fmix32,
  mix,
  pickWeighted,
  generateSupports,
  HouseholdSupports,
  onList,
  targeted,
  type Draft,
  type Initiative,
  type Period,
  type SupportCommune,
  type SupportHousehold,
  type SupportMember,
  type SupportPlan,
  type Column,
  type Row,
  type TableSpec,
} from './seed';
