export { AdminLevel, AdminUnit } from './admin-unit/admin-unit.entity';
export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { entities, laborDataSource, migrations } from './data-source';
export { Area, Household, HouseholdCategory } from './household/household.entity';
export { Member, RelationToHead, Sex } from './member/member.entity';
export { buildLaborSchema } from './schema';
export { createServer } from './server';
