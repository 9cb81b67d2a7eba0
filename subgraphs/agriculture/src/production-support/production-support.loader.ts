import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey } from '@gnbv/kit';
import { ProductionSupport, type ProductionSupportSummary } from './production-support.entity';

type SummaryRow = ProductionSupportSummary & { code: string };

export function productionSupportLoaders(db: DataSource) {
  return {
    supportsByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(ProductionSupport)
          .find({ where: { householdId: In([...ids]) }, order: { deliveredOn: 'ASC', id: 'ASC' } }),
      (s) => s.householdId,
    ),
    summaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<SummaryRow[]> => {
        const rows: Array<{ code: string; support_count: number; households: number; total: string }> = await db.query(
          `SELECT commune_code AS code, count(*)::int AS support_count, count(DISTINCT household_id)::int AS households,
                  coalesce(sum(value), 0)::text AS total
             FROM production_support WHERE commune_code = ANY($1) GROUP BY commune_code
           UNION ALL
           SELECT province_code, count(*)::int, count(DISTINCT household_id)::int, coalesce(sum(value), 0)::text
             FROM production_support WHERE province_code = ANY($1) GROUP BY province_code`,
          [[...codes]],
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
