import {
  BUDGET_LINE_TABLE,
  DISBURSEMENT_TABLE,
  specTable,
  SUPPORT_TABLE,
  type AgencyDemoData,
  type BudgetLineRow,
  type DisbursementRow,
  type SupportRow,
} from '@gnbv/kit';
import { PRODUCTION_PARTICIPANT_TABLE, PRODUCTION_PROJECT_TABLE, type ParticipantRow, type ProductionProjectRow } from './tables';

/** Agriculture's share of the demo data set. */
export interface AgricultureDemoRows {
  /** Project 3 (production 3.1, nutrition 3.2). */
  productionSupports: SupportRow[];
  productionProjects: ProductionProjectRow[];
  participants: ParticipantRow[];
  budgetLines: BudgetLineRow[];
  disbursements: DisbursementRow[];
}

export const agricultureDemo: AgencyDemoData<AgricultureDemoRows> = {
  key: 'agriculture',
  tables: (rows) => [
    specTable(PRODUCTION_PROJECT_TABLE, rows.productionProjects),
    specTable(PRODUCTION_PARTICIPANT_TABLE, rows.participants),
    specTable(SUPPORT_TABLE, rows.productionSupports),
    specTable(BUDGET_LINE_TABLE, rows.budgetLines),
    specTable(DISBURSEMENT_TABLE, rows.disbursements),
  ],
};
