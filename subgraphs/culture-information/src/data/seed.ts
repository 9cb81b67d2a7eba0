import { BUDGET_LINE_TABLE, DISBURSEMENT_TABLE, SUPPORT_TABLE, type AgencySeed, type TableSpec } from '@gnbv/kit';
import { COMMUNICATION_PRODUCT_TABLE } from './tables';
import { cultureInformationSupports } from './supports';

/** The agency's part in `npm run seed`: Project 6's communication products, information-access supports and budget. */
export const cultureInformationSeed: AgencySeed = {
  tables: [COMMUNICATION_PRODUCT_TABLE.table, BUDGET_LINE_TABLE.table, DISBURSEMENT_TABLE.table, SUPPORT_TABLE.table],
  chunkTables: [{ spec: SUPPORT_TABLE as TableSpec<never>, rows: 'cultureSupports' }],
  territoryTables: [{ spec: COMMUNICATION_PRODUCT_TABLE as TableSpec<never>, rows: 'communicationProducts' }],
  budgetLines: [
    { project: 6, subProject: 1 },
    { project: 6, subProject: 2 },
  ],
  supports: cultureInformationSupports,
};
