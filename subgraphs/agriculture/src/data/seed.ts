import { BUDGET_LINE_TABLE, DISBURSEMENT_TABLE, SUPPORT_TABLE, type AgencySeed, type TableSpec } from '@gnbv/kit';
import { PRODUCTION_PARTICIPANT_TABLE, PRODUCTION_PROJECT_TABLE } from './tables';
import { agricultureSupports } from './supports';

/** Agriculture's part in `npm run seed`: Project 3's production projects, supports, participants and budget. */
export const agricultureSeed: AgencySeed = {
  tables: [
    PRODUCTION_PROJECT_TABLE.table,
    BUDGET_LINE_TABLE.table,
    DISBURSEMENT_TABLE.table,
    SUPPORT_TABLE.table,
    PRODUCTION_PARTICIPANT_TABLE.table,
  ],
  chunkTables: [
    { spec: SUPPORT_TABLE as TableSpec<never>, rows: 'agricultureSupports' },
    { spec: PRODUCTION_PARTICIPANT_TABLE as TableSpec<never>, rows: 'participants' },
  ],
  territoryTables: [{ spec: PRODUCTION_PROJECT_TABLE as TableSpec<never>, rows: 'productionProjects' }],
  budgetLines: [
    { project: 3, subProject: 1 },
    { project: 3, subProject: 2 },
  ],
  supports: agricultureSupports,
};
