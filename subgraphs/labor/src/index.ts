export { AdminLevel, AdminUnit, AdminUnitLinkKind, AdminUnitLinkRow } from './admin-unit/admin-unit.entity';
export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { entities, laborDataSource, migrations } from './data-source';
export { Area, Household, HouseholdCategory } from './household/household.entity';
export { Member, RelationToHead, Sex } from './household/member.entity';
export { buildLaborSchema } from './schema';
export { createServer } from './server';
export { classify, deprivationsFromNumbers } from './poverty-standard/classify';
export { BUILT_IN_STANDARDS, standardInForce } from './poverty-standard/poverty-standard';
export { PovertyReview, PovertyClass, ReviewState } from './review/review.entity';
export { INDICATORS } from './poverty-standard/classify';
export { isIsoDate } from '@gnbv/kit';
export { toPovertyStandard, validateStandards } from './poverty-standard/poverty-standard';
export { laborDemo, type LaborDemoRows } from './data/demo';
export { laborSeed } from './data/seed';
export { laborSupports } from './data/supports';
export { ADMIN_UNIT_TABLE, HOUSEHOLD_TABLE, MEMBER_TABLE, REVIEW_TABLE } from './data/tables';
export {
  generateRegistryHousehold,
  type RegistryCommune,
  type RegistryHousehold,
  type ReviewRound,
  type Village,
} from './data/households';
export { ETHNIC, FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M } from './data/names';
export { demoReviews } from './data/demo-reviews';
export { buildDemoTerritory, DEMO_COMMUNES, DEMO_PROVINCE, REFORM_DATE, type DemoTerritory } from './data/demo-territory';
export { loadStandards } from './poverty-standard/poverty-standard.loader';
export { definition } from './agency';
