import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type SubgraphContext } from '@gnbv/kit';
import { Loan } from './loan/loan.entity';
import { SavingsGroup } from './savings-group/savings-group.entity';

export interface LendingSummaryRow {
  code: string;
  loanCount: number;
  outstanding: number;
  overdue: number;
}

/** Fresh DataLoaders for one request. */
export function createLoaders(db: DataSource) {
  return {
    loansByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(Loan).find({ where: { householdId: In([...ids]) }, order: { disbursedOn: 'ASC', id: 'ASC' } }),
      (l) => l.householdId,
    ),
    savingsGroupById: oneByKey(
      (ids: readonly string[]) => db.getRepository(SavingsGroup).findBy({ id: In([...ids]) }),
      (g) => g.id,
    ),
    savingsGroupsByCommune: manyByKey(
      (codes: readonly string[]) =>
        db.getRepository(SavingsGroup).find({ where: { communeCode: In([...codes]) }, order: { code: 'ASC' } }),
      (g) => g.communeCode,
    ),
    lendingSummaryByUnit: oneByKey(
      async (codes: readonly string[]): Promise<LendingSummaryRow[]> => {
        const select = `count(*) FILTER (WHERE status <> 'REPAID')::int AS loans,
                        coalesce(sum(outstanding), 0)::text AS outstanding,
                        coalesce(sum(outstanding) FILTER (WHERE status = 'OVERDUE'), 0)::text AS overdue`;
        const rows: Array<{ code: string; loans: number; outstanding: string; overdue: string }> = await db.query(
          `SELECT commune_code AS code, ${select} FROM loan WHERE commune_code = ANY($1) GROUP BY commune_code
           UNION ALL
           SELECT province_code AS code, ${select} FROM loan WHERE province_code = ANY($1) GROUP BY province_code`,
          [[...codes]],
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

export type BankContext = SubgraphContext<ReturnType<typeof createLoaders>>;
