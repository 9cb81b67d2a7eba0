import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '@gnbv/platform';
import { manyByKey } from '../loaders';
import { projectNamed } from '../program/catalogue';
import { BudgetLineRecord, DisbursementRecord } from '../program/program.entity';
import { fromRawRows } from '../program/raw-rows';
import { scopeParam, scopeSqlRaw } from '../scope';
import type { SubgraphContext } from '../subgraph';
import { disbursementRate } from './budget.rules';
import type { BudgetProjectTotal } from './budget.types';

/** `unit_code` for a commune; for a province its own lines, and with `communes` its communes' too. */
const LINE_MATCH = `(b.unit_code = u.code OR ($3::boolean AND length(u.code) = 2 AND b.province_code = u.code))`;

const inScope = (principal: Principal, n: number) => scopeSqlRaw(principal, 'b.unit_code', 'b.province_code', n);

/** Keys `code|rest...` grouped by their `rest`, so each group is one statement over many codes. */
function byRest(keys: readonly string[], restOf: (parts: string[]) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const [code, ...parts] = k.split('|');
    const rest = restOf(parts);
    groups.set(rest, [...(groups.get(rest) ?? []), code!]);
  }
  return groups;
}

/** Batch of `code|year|communes` keys: each unit's lines of a year. */
async function linesByUnit(db: DataSource, principal: Principal, keys: readonly string[]): Promise<BudgetLineRecord[][]> {
  const out = new Map<string, BudgetLineRecord[]>();
  for (const [group, codes] of byRest(keys, (parts) => parts.join('|'))) {
    const [year, communes] = group.split('|');
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT u.code AS unit__code, b.* FROM unnest($1::text[]) AS u(code) JOIN budget_line b ON ${LINE_MATCH}
           WHERE b.year = $4 AND ${inScope(principal, 2)}
           ORDER BY u.code, b.project, b.sub_project NULLS FIRST, length(b.unit_code), b.unit_code, b.funding_source`,
      [codes, scopeParam(principal), communes === 'true', Number(year)],
    );
    const records = fromRawRows(db, BudgetLineRecord, rows);
    records.forEach((r, i) => {
      const k = `${rows[i]!.unit__code as string}|${group}`;
      out.set(k, [...(out.get(k) ?? []), r]);
    });
  }
  return keys.map((k) => out.get(k) ?? []);
}

interface TotalRow {
  code: string;
  project: number;
  n: number;
  p: string;
  a: string;
  d: string;
  late: number;
  lu: string;
}

/** Batch of `code|year|asOf` keys: each unit's lines totalled by project; a province includes its communes. */
async function totalsByUnit(db: DataSource, principal: Principal, keys: readonly string[]): Promise<BudgetProjectTotal[][]> {
  const out = new Map<string, BudgetProjectTotal[]>();
  for (const [group, codes] of byRest(keys, ([year, asOf]) => `${year}|${asOf}`)) {
    const [year, asOf] = group.split('|');
    const rows: TotalRow[] = await db.query(
      `SELECT u.code, b.project, count(*)::int AS n, sum(b.planned)::text AS p, sum(b.allocated)::text AS a,
                    sum(b.disbursed)::text AS d,
                    (count(*) FILTER (WHERE b.deadline < $5 AND b.disbursed < b.allocated))::int AS late,
                    coalesce(sum(b.allocated - b.disbursed) FILTER (WHERE b.deadline < $5 AND b.disbursed < b.allocated), 0)::text AS lu
             FROM unnest($1::text[]) AS u(code) JOIN budget_line b ON ${LINE_MATCH}
             WHERE b.year = $4 AND ${inScope(principal, 2)}
             GROUP BY u.code, b.project ORDER BY u.code, b.project`,
      [codes, scopeParam(principal), true, Number(year), asOf],
    );
    for (const r of rows) {
      const k = `${r.code}|${group}`;
      const money = { allocated: Number(r.a), disbursed: Number(r.d) };
      out.set(k, [
        ...(out.get(k) ?? []),
        {
          project: r.project,
          projectName: projectNamed(r.project)?.name ?? `Project ${r.project}`,
          lineCount: r.n,
          planned: Number(r.p),
          ...money,
          disbursementRate: disbursementRate(money),
          lateLineCount: r.late,
          lateUndisbursed: Number(r.lu),
        },
      ]);
    }
  }
  return keys.map((k) => out.get(k) ?? []);
}

/** Per-request loaders of the budget tables, in the principal's scope, one statement per batch. */
export function budgetLoaders(db: DataSource, principal: Principal) {
  return {
    /** Key `code|year|communes`: a unit's lines of a year. */
    linesByUnit: new DataLoader<string, BudgetLineRecord[]>((keys) => linesByUnit(db, principal, keys)),
    /** Key `code|year|asOf`: a unit's lines totalled by project; a province includes its communes. */
    totalsByUnit: new DataLoader<string, BudgetProjectTotal[]>((keys) => totalsByUnit(db, principal, keys)),
    disbursementsByLine: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(DisbursementRecord)
          .createQueryBuilder('d')
          .where('d.budget_line_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 'd.disbursed_on': 'ASC', 'd.id': 'ASC' })
          .getMany(),
      (d) => d.budgetLineId,
    ),
  };
}

export type BudgetLoaders = ReturnType<typeof budgetLoaders>;
export type BudgetContext = SubgraphContext<{ budget: BudgetLoaders }>;
