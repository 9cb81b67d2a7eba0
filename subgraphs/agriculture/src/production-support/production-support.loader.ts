import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopeParam, scopeSqlRaw, scopeWhere, type Principal } from '@gnbv/kit';
import { ProductionSupport, type ProductionSupportSummary } from './production-support.entity';

type SummaryRow = ProductionSupportSummary & { code: string };

/** The supports a principal may see (alias `s`): delivered in a commune of their scope. */
export const supportScope = (principal: Principal) => scopeWhere(principal, 's.commune_code', 's.province_code');

/** Per-request loaders; every one reads only rows in the principal's scope. */
export function productionSupportLoaders(db: DataSource, principal: Principal) {
  const scope = supportScope(principal);
  const inScope = scopeSqlRaw(principal, 'commune_code', 'province_code', 2);
  return {
    supportsByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(ProductionSupport)
          .createQueryBuilder('s')
          .where('s.household_id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .orderBy('s.delivered_on', 'ASC')
          .addOrderBy('s.id', 'ASC')
          .getMany(),
      (s) => s.householdId,
    ),
    /** Totals over the in-scope supports of each commune or province. */
    summaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<SummaryRow[]> => {
        const rows: Array<{ code: string; support_count: number; households: number; total: string }> = await db.query(
          `SELECT commune_code AS code, count(*)::int AS support_count, count(DISTINCT household_id)::int AS households,
                  coalesce(sum(value), 0)::text AS total
             FROM production_support WHERE commune_code = ANY($1) AND ${inScope} GROUP BY commune_code
           UNION ALL
           SELECT province_code, count(*)::int, count(DISTINCT household_id)::int, coalesce(sum(value), 0)::text
             FROM production_support WHERE province_code = ANY($1) AND ${inScope} GROUP BY province_code`,
          [[...codes], scopeParam(principal)],
        );
        return rows.map((r) => ({
          code: r.code,
          supportCount: r.support_count,
          householdsSupported: r.households,
          totalValue: Number(r.total),
        }));
      },
      (r) => r.code,
    ),
  };
}
