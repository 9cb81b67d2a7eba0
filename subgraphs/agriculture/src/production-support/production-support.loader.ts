import type { DataSource } from 'typeorm';
import { oneByKey, rowsByHousehold, summariesByUnit, type Principal } from '@gnbv/kit';
import { ProductionSupport, type ProductionSupportSummary } from './production-support.entity';

type SummaryRow = ProductionSupportSummary & { code: string };

/** Per-request loaders; every one reads only rows in the principal's scope. */
export function productionSupportLoaders(db: DataSource, principal: Principal) {
  return {
    supportsByHousehold: rowsByHousehold(db, ProductionSupport, 's', principal, { 's.delivered_on': 'ASC', 's.id': 'ASC' }),
    /** Totals over the in-scope supports of each commune or province. */
    summaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<SummaryRow[]> => {
        const rows = await summariesByUnit<{ support_count: number; households: number; total: string }>(db, {
          table: 'production_support',
          select: `count(*)::int AS support_count, count(DISTINCT household_id)::int AS households,
                   coalesce(sum(value), 0)::text AS total`,
          principal,
          codes,
        });
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
