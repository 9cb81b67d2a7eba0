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
import { COMMUNICATION_PRODUCT_TABLE, type CommunicationProductRow } from './tables';

/** The agency's share of the demo data set. */
export interface CultureInformationDemoRows {
  /** Project 6, information access. */
  informationSupports: SupportRow[];
  communicationProducts: CommunicationProductRow[];
  budgetLines: BudgetLineRow[];
  disbursements: DisbursementRow[];
}

export const cultureInformationDemo: AgencyDemoData<CultureInformationDemoRows> = {
  key: 'cultureInformation',
  tables: (rows) => [
    specTable(COMMUNICATION_PRODUCT_TABLE, rows.communicationProducts),
    specTable(SUPPORT_TABLE, rows.informationSupports),
    specTable(BUDGET_LINE_TABLE, rows.budgetLines),
    specTable(DISBURSEMENT_TABLE, rows.disbursements),
  ],
};
