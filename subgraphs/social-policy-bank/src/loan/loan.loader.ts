import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopeParam, scopeSqlRaw, scopeWhere, type Principal } from '@gnbv/kit';
import { Loan } from './loan.entity';

export interface LendingSummaryRow {
  code: string;
  loanCount: number;
  outstanding: number;
  overdue: number;
}

/** Per-request loaders; they read only loans made in a commune of the principal's scope. */
export function loanLoaders(db: DataSource, principal: Principal) {
  const scope = scopeWhere(principal, 'l.commune_code', 'l.province_code');
  const inScope = scopeSqlRaw(principal, 'commune_code', 'province_code', 2);
  return {
    loansByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(Loan)
          .createQueryBuilder('l')
          .where('l.household_id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .orderBy('l.disbursed_on', 'ASC')
          .addOrderBy('l.id', 'ASC')
          .getMany(),
      (l) => l.householdId,
    ),
    /** Totals over the in-scope loans of each commune or province. */
    lendingSummaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<LendingSummaryRow[]> => {
        const select = `count(*) FILTER (WHERE status <> 'REPAID')::int AS loans,
                        coalesce(sum(outstanding), 0)::text AS outstanding,
                        coalesce(sum(outstanding) FILTER (WHERE status = 'OVERDUE'), 0)::text AS overdue`;
        const rows: Array<{ code: string; loans: number; outstanding: string; overdue: string }> = await db.query(
          `SELECT commune_code AS code, ${select} FROM loan WHERE commune_code = ANY($1) AND ${inScope} GROUP BY commune_code
           UNION ALL
           SELECT province_code AS code, ${select} FROM loan WHERE province_code = ANY($1) AND ${inScope} GROUP BY province_code`,
          [[...codes], scopeParam(principal)],
        );
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
