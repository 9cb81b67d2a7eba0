import type { AgencySeed, TableSpec } from '@gnbv/kit';
import type { ProgrammeVersionRow } from './lending';
import {
  LOAN_INSTALMENT_TABLE,
  LOAN_PURPOSE_CHECK_TABLE,
  LOAN_REPAYMENT_TABLE,
  LOAN_TABLE,
  SAVINGS_GROUP_MEMBER_TABLE,
  SAVINGS_GROUP_TABLE,
  TRANSACTION_POINT_TABLE,
} from './tables';

/** The bank's part in `npm run seed`: its network in every commune, memberships and loans with their movements. */
export const socialPolicyBankSeed: AgencySeed = {
  tables: [
    TRANSACTION_POINT_TABLE.table,
    SAVINGS_GROUP_TABLE.table,
    SAVINGS_GROUP_MEMBER_TABLE.table,
    LOAN_TABLE.table,
    LOAN_INSTALMENT_TABLE.table,
    LOAN_REPAYMENT_TABLE.table,
    LOAN_PURPOSE_CHECK_TABLE.table,
  ],
  chunkTables: [
    {
      spec: SAVINGS_GROUP_MEMBER_TABLE as TableSpec<never>,
      rows: 'memberships',
      keepIndexes:
        "the bank's statement trigger on loan (loan_legacy_schedule) inserts into it ON CONFLICT on its open-membership index, whatever rows the COPY brings: the index must be there",
    },
    { spec: LOAN_TABLE as TableSpec<never>, rows: 'loans' },
    { spec: LOAN_INSTALMENT_TABLE as TableSpec<never>, rows: 'instalments' },
    { spec: LOAN_REPAYMENT_TABLE as TableSpec<never>, rows: 'repayments' },
    { spec: LOAN_PURPOSE_CHECK_TABLE as TableSpec<never>, rows: 'purposeChecks' },
  ],
  territoryTables: [
    { spec: TRANSACTION_POINT_TABLE as TableSpec<never>, rows: 'transactionPoints' },
    { spec: SAVINGS_GROUP_TABLE as TableSpec<never>, rows: 'savingsGroups' },
  ],
};

interface ProgrammeVersionRecord {
  id: string;
  code: string;
  valid_from: string;
  valid_to: string | null;
  annual_rate_percent: string;
  overdue_rate_percent: string;
  ceiling_per_household: string;
  max_term_months: number;
  qualifying_categories: string[];
}

/** The programme versions in the bank's database: loans are made under them and name them (loan.programme_id). */
export async function readProgrammeVersions(
  query: (sql: string) => Promise<{ rows: ProgrammeVersionRecord[] }>,
): Promise<ProgrammeVersionRow[]> {
  const { rows } = await query(
    `SELECT id, code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
            annual_rate_percent::text, overdue_rate_percent::text, ceiling_per_household::text, max_term_months,
            qualifying_categories
       FROM loan_programme ORDER BY code, valid_from`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code as ProgrammeVersionRow['code'],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    annualRatePercent: Number(r.annual_rate_percent),
    overdueRatePercent: Number(r.overdue_rate_percent),
    ceilingPerHousehold: Number(r.ceiling_per_household),
    maxTermMonths: r.max_term_months,
    qualifyingCategories: r.qualifying_categories,
  }));
}
