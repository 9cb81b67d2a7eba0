import { BUDGET_LINE_TABLE, DISBURSEMENT_TABLE, SUPPORT_TABLE, type AgencySeed, type TableSpec } from '@gnbv/kit';
import { LABOR_BUDGET_PROJECTS } from '../projects/projects';
import { ADMIN_UNIT_TABLE, HOUSEHOLD_TABLE, MEMBER_TABLE, REVIEW_TABLE } from './tables';
import { laborSupports } from './supports';

/** Labor's part in `npm run seed`: the territory's units, the registry, projects 2, 4, 5 and 7, and the report facts. */
export const laborSeed: AgencySeed = {
  tables: [
    ADMIN_UNIT_TABLE.table,
    HOUSEHOLD_TABLE.table,
    MEMBER_TABLE.table,
    REVIEW_TABLE.table,
    SUPPORT_TABLE.table,
    BUDGET_LINE_TABLE.table,
    DISBURSEMENT_TABLE.table,
    'report_fact',
  ],
  chunkTables: [
    { spec: HOUSEHOLD_TABLE as TableSpec<never>, rows: 'households' },
    { spec: MEMBER_TABLE as TableSpec<never>, rows: 'members' },
    { spec: REVIEW_TABLE as TableSpec<never>, rows: 'reviews' },
    { spec: SUPPORT_TABLE as TableSpec<never>, rows: 'laborSupports' },
  ],
  territoryTables: [{ spec: ADMIN_UNIT_TABLE as TableSpec<never>, rows: 'adminUnits' }],
  /*
   * The report facts (migration 1764500000000-ReportFacts): the triggers that keep them current
   * statement by statement are off for the load, and one statement fills them from everything loaded.
   */
  derived: [
    {
      table: 'report_fact',
      triggers: ['poverty_review report_fact_review_insert', 'household report_fact_household_update'],
      fill: 'SELECT report_fact_refresh(NULL)',
    },
  ],
  budgetLines: LABOR_BUDGET_PROJECTS.map((project) => ({ project, subProject: null })),
  supports: laborSupports,
};
