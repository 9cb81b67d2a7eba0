import type { DataSource } from 'typeorm';
import { oneByKey, rowsByHousehold, summariesByUnit, type Principal } from '@gnbv/kit';
import { Loan } from './loan.entity';

export interface LendingSummaryRow {
  code: string;
  loanCount: number;
  outstanding: number;
  overdue: number;
}

/** Per-request loaders; they read only loans made in a commune of the principal's scope. */
export function loanLoaders(db: DataSource, principal: Principal) {
  return {
    loansByHousehold: rowsByHousehold(db, Loan, 'l', principal, { 'l.disbursed_on': 'ASC', 'l.id': 'ASC' }),
    /** Totals over the in-scope loans of each commune or province. */
    lendingSummaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<LendingSummaryRow[]> => {
        const rows = await summariesByUnit<{ loans: number; outstanding: string; overdue: string }>(db, {
          table: 'loan',
          select: `count(*) FILTER (WHERE status <> 'REPAID')::int AS loans,
                   coalesce(sum(outstanding), 0)::text AS outstanding,
                   coalesce(sum(outstanding) FILTER (WHERE status = 'OVERDUE'), 0)::text AS overdue`,
          principal,
          codes,
        });
        return rows.map((r) => ({
          code: r.code,
          loanCount: r.loans,
          outstanding: Number(r.outstanding),
          overdue: Number(r.overdue),
        }));
      },
      (r) => r.code,
    ),
  };
}
