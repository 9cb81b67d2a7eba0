/*
 * The bank's rows as the seed and the demo write them: the columns of the `savings_group` and
 * `loan` tables as migration Lending1763780300000 made them. Plain types here rather than the
 * bank's entity classes, so the data follows the tables (what the seed writes) and not the
 * GraphQL shapes the bank builds on them.
 */

export type LoanProgramName = 'POOR_HOUSEHOLD' | 'NEAR_POOR_HOUSEHOLD' | 'NEWLY_ESCAPED_HOUSEHOLD' | 'CLEAN_WATER_SANITATION';
export type LoanStatusName = 'CURRENT' | 'OVERDUE' | 'REPAID';
export type EntrustingOrganisationName = 'WOMENS_UNION' | 'FARMERS_UNION' | 'VETERANS_ASSOCIATION' | 'YOUTH_UNION';

export interface SavingsGroupRow {
  id: string;
  code: string;
  name: string;
  communeCode: string;
  provinceCode: string;
  entrustedTo: EntrustingOrganisationName;
}

export interface LoanRow {
  id: string;
  householdId: string;
  communeCode: string;
  provinceCode: string;
  savingsGroupId: string;
  program: LoanProgramName;
  principal: number;
  outstanding: number;
  annualRatePercent: number;
  purpose: string;
  disbursedOn: string;
  maturesOn: string;
  status: LoanStatusName;
}
