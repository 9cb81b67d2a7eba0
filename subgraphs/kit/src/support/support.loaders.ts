import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '@gnbv/platform';
import { SUPPORT_RULES } from '../program/catalogue';
import { SupportRecord } from '../program/program.entity';
import { fromRawRows } from '../program/raw-rows';
import { rowsByHousehold, scopeParam, scopeSqlRaw, summariesByUnit } from '../scope';
import type { SupportStatus } from './support.rules';

/** One page request of a unit's supports; requests with the same filters are read together. */
export interface SupportPageRequest {
  code: string;
  limit: number;
  /** The sort key (planned_on, id) of the previous page's last row. */
  after: [string, string] | null;
  status: SupportStatus | null;
  year: number | null;
}

export interface SupportSummaryRow {
  code: string;
  project: number;
  subProject: number | null;
  kind: string;
  supportCount: number;
  householdsSupported: number;
  totalValue: number;
  householdsDeprivedOnAddressed: number;
}

/** The indicators each kind addresses, as SQL over the row's `kind` (from the catalogue, no input). */
const ADDRESSES_SQL = `(CASE kind ${Object.values(SUPPORT_RULES)
  .map((r) => `WHEN '${r.kind}' THEN ARRAY[${r.addresses.join(',')}]::smallint[]`)
  .join(' ')} ELSE '{}'::smallint[] END)`;

const filtersKey = (r: SupportPageRequest) => JSON.stringify([r.limit, r.after, r.status, r.year]);

/** `commune_code` for a commune's code, `province_code` for a province's: the index each uses. */
const UNIT_MATCH = `((length(u.code) = 5 AND s.commune_code = u.code) OR (length(u.code) = 2 AND s.province_code = u.code))`;

const inScope = (principal: Principal, n: number) => scopeSqlRaw(principal, 's.commune_code', 's.province_code', n);

/** Batch of page requests: one statement per distinct filter, however many units. */
async function pages(db: DataSource, principal: Principal, requests: readonly SupportPageRequest[]): Promise<SupportRecord[][]> {
  const groups = new Map<string, SupportPageRequest[]>();
  for (const r of requests) groups.set(filtersKey(r), [...(groups.get(filtersKey(r)) ?? []), r]);
  const byRequest = new Map<SupportPageRequest, SupportRecord[]>();
  for (const group of groups.values()) {
    const { limit, after, status, year } = group[0]!;
    const params: unknown[] = [group.map((r) => r.code), scopeParam(principal), limit + 1];
    const where = [inScope(principal, 2)];
    if (status) where.push(`s.status = $${params.push(status)}`);
    if (year) where.push(`s.program_year = $${params.push(year)}`);
    if (after) where.push(`(s.planned_on, s.id) < ($${params.push(after[0])}::date, $${params.push(after[1])}::uuid)`);
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT u.code AS unit__code, s.* FROM unnest($1::text[]) AS u(code)
       CROSS JOIN LATERAL (SELECT s.* FROM support s WHERE ${UNIT_MATCH} AND ${where.join(' AND ')}
                           ORDER BY s.planned_on DESC, s.id DESC LIMIT $3) s`,
      params,
    );
    const records = fromRawRows(db, SupportRecord, rows);
    for (const r of group)
      byRequest.set(
        r,
        records.filter((_, i) => rows[i]!.unit__code === r.code),
      );
  }
  return requests.map((r) => byRequest.get(r) ?? []);
}

/** Batch of page requests: each unit's total under the request's filters. */
async function counts(db: DataSource, principal: Principal, requests: readonly SupportPageRequest[]): Promise<number[]> {
  const groups = new Map<string, SupportPageRequest[]>();
  const key = (r: SupportPageRequest) => JSON.stringify([r.status, r.year]);
  for (const r of requests) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const byCode = new Map<string, number>();
  for (const group of groups.values()) {
    const { status, year } = group[0]!;
    const params: unknown[] = [group.map((r) => r.code), scopeParam(principal)];
    const where = [inScope(principal, 2)];
    if (status) where.push(`s.status = $${params.push(status)}`);
    if (year) where.push(`s.program_year = $${params.push(year)}`);
    const rows: Array<{ code: string; n: number }> = await db.query(
      `SELECT u.code, (SELECT count(*)::int FROM support s WHERE ${UNIT_MATCH} AND ${where.join(' AND ')}) AS n
       FROM unnest($1::text[]) AS u(code)`,
      params,
    );
    for (const row of rows) byCode.set(`${key(group[0]!)}|${row.code}`, row.n);
  }
  return requests.map((r) => byCode.get(`${key(r)}|${r.code}`) ?? 0);
}

/** Batch of `code|year` keys: totals per unit, project, sub-project and kind, delivered or verified only. */
async function summaries(db: DataSource, principal: Principal, keys: readonly string[]): Promise<SupportSummaryRow[][]> {
  const byYear = new Map<string, string[]>();
  for (const k of keys) {
    const [code, year] = k.split('|') as [string, string];
    byYear.set(year, [...(byYear.get(year) ?? []), code]);
  }
  const out = new Map<string, SupportSummaryRow[]>();
  for (const [year, codes] of byYear) {
    const rows = await summariesByUnit<{
      project: number;
      sub_project: number | null;
      kind: string;
      n: number;
      h: number;
      v: string;
      d: number;
    }>(db, {
      table: 'support',
      where: `status IN ('DELIVERED', 'VERIFIED')${year ? ' AND program_year = $3' : ''}`,
      params: year ? [Number(year)] : [],
      select: `project, sub_project, kind, count(*)::int AS n, count(DISTINCT household_id)::int AS h,
                 coalesce(sum(value), 0)::text AS v,
                 count(DISTINCT household_id) FILTER (WHERE deprived_on_delivery && ${ADDRESSES_SQL})::int AS d`,
      groupBy: 'project, sub_project, kind',
      principal,
      codes,
    });
    for (const r of rows) {
      const k = `${r.code}|${year}`;
      out.set(k, [
        ...(out.get(k) ?? []),
        {
          code: r.code,
          project: r.project,
          subProject: r.sub_project,
          kind: r.kind,
          supportCount: r.n,
          householdsSupported: r.h,
          totalValue: Number(r.v),
          householdsDeprivedOnAddressed: r.d,
        },
      ]);
    }
  }
  return keys.map((k) => (out.get(k) ?? []).sort((a, b) => a.project - b.project || a.kind.localeCompare(b.kind)));
}

/**
 * Per-request loaders of the `support` table, each reading only rows in the principal's scope
 * and each one SQL statement per batch: a household's supports; a page of a unit's supports (one
 * statement per distinct filter, however many units) and its total; per-unit totals by kind.
 */
export function supportLoaders(db: DataSource, principal: Principal) {
  return {
    byHousehold: rowsByHousehold(db, SupportRecord, 's', principal, { 's.planned_on': 'ASC', 's.id': 'ASC' }),
    pageByUnit: new DataLoader<SupportPageRequest, SupportRecord[]>((r) => pages(db, principal, r), { cache: false }),
    countByUnit: new DataLoader<SupportPageRequest, number>((r) => counts(db, principal, r), { cache: false }),
    /** Totals per unit, project, sub-project and kind, for one programme year (or all), delivered or verified only. */
    summaryByUnit: new DataLoader<string, SupportSummaryRow[]>((keys) => summaries(db, principal, keys)),
  };
}

export type SupportLoaders = ReturnType<typeof supportLoaders>;
