// The coverage report's figures for a batch of units of one year, in one SQL statement in
// labor's database. Definitions:
//
// Households: those registered today in the unit (household.commune_code or province_code) that
//   the reader may see. Their lists for the year (report_fact, the facts the poverty report reads,
//   kept by the database: migration 1764500000000-ReportFacts): POOR and NEAR_POOR from the year's
//   certified review (corrections applied); NEWLY_ESCAPED when newly escaped on the year's last
//   day (review/movements.ts, `isNewlyEscaped(reviews, 'YYYY-12-31')`). A household is on at most one of POOR and
//   NEAR_POOR, and may be both NEAR_POOR and NEWLY_ESCAPED.
// Reached, in the year:
//   projects 2, 4, 5  labor's own `support` rows: DELIVERED or VERIFIED, program_year = year, in scope;
//   project 3, 6      the households agriculture / culture-information sent (their supports of the
//                     same kind in the unit), decoded from the household sets;
//   borrowing         the households the bank sent: owing on a loan made in the unit during the year.
//   `several` = reached by at least two of the six (each project once, borrowing once); `none` = by none.
// Targeting: over every household of the unit: deprived on 11 or 12 in the year's review, and
//   of those with Project 6; Project 6 households not deprived on 11 or 12 (no review that
//   year counts as not deprived); poor households with no working capacity (household flag),
//   and of those with Project 3.
import type { DataSource } from 'typeorm';
import { fromRawRows, scopeParam, scopeSqlRaw } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { Household } from '../household/household.entity';
import { LABOR_SUPPORT_PROJECTS } from '../projects/projects';
import { unitRowsSql } from './unit-rows';

/** Where a household set came from; the code is the project, 0 for the bank. */
export const SET_SOURCES = { productionHouseholds: 3, informationHouseholds: 6, borrowingHouseholds: 0 } as const;
export type SetField = keyof typeof SET_SOURCES;

/** Every list of the report, in the order groups are shown. */
export const COVERAGE_CATEGORIES = ['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED'] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/** Projects reported, in order: labor's own, then agriculture's and culture-information's. */
export const COVERAGE_PROJECTS = [2, 3, 4, 5, 6] as const;

/** One report's input: its unit and the households each other agency sent. */
export interface CoverageInput {
  unitCode: string;
  sets: Record<SetField, readonly string[]>;
}

/** Counts of one list in one unit (and commune), as SQL returns them. */
export interface GroupCounts {
  households: number;
  /** Households reached per project, in COVERAGE_PROJECTS order. */
  projects: number[];
  borrowing: number;
  several: number;
  none: number;
}

export interface TargetingCounts {
  informationDeprived: number;
  informationDeprivedReached: number;
  informationReachedNotDeprived: number;
  poorNoWorkingCapacity: number;
  poorNoWorkingCapacityReached: number;
}

export interface CoverageCounts {
  unitCode: string;
  groups: Map<CoverageCategory, GroupCounts>;
  /** Per commune of the unit with a household in scope, in code order. */
  communes: Array<{ communeCode: string; groups: Map<CoverageCategory, GroupCounts> }>;
  targeting: TargetingCounts;
}

/** The households sets as three parallel arrays: report index (1-based into $1), source, household. */
function setParams(inputs: readonly CoverageInput[]): [number[], number[], string[]] {
  const index: number[] = [];
  const source: number[] = [];
  const ids: string[] = [];
  inputs.forEach((input, i) => {
    for (const field of Object.keys(SET_SOURCES) as SetField[])
      for (const id of input.sets[field]) {
        index.push(i + 1);
        source.push(SET_SOURCES[field]);
        ids.push(id);
      }
  });
  return [index, source, ids];
}

/** report_fact.deprived_mask bits of indicators 11 and 12 (information). */
const INFORMATION_MASK = (1 << 10) | (1 << 11);

/*
 * The per-household flags of every report of the batch. $1 unit codes, $2 scope, $3 year,
 * $4/$5/$6 the agencies' sets (report index, source, household). `scored`: one row per (report
 * unit, household on a list of the year: POOR, NEAR_POOR or newly escaped), from report_fact,
 * with what reached it.
 */
const flagsSql = (principal: Principal) => `
  WITH listed_facts AS (${unitRowsSql(
    `t.household_id AS id, t.household_code AS code, t.commune_code, t.no_working_capacity AS nwc,
            t.classification AS cls, t.newly_escaped AS ne`,
    'report_fact',
    `t.year = $3 AND (t.classification IN ('POOR', 'NEAR_POOR') OR t.newly_escaped)
       AND ${scopeSqlRaw(principal, 't.commune_code', 't.province_code', 2)}`,
    true,
  )}
  ),
  labor_reach AS (
    SELECT s.household_id AS hid, bool_or(s.project = 2) AS p2, bool_or(s.project = 4) AS p4, bool_or(s.project = 5) AS p5
      FROM support s
     WHERE s.program_year = $3 AND s.status IN ('DELIVERED', 'VERIFIED')
       AND s.project IN (${LABOR_SUPPORT_PROJECTS.join(', ')})
       AND ${scopeSqlRaw(principal, 's.commune_code', 's.province_code', 2)}
       AND s.household_id IN (SELECT id FROM listed_facts)
     GROUP BY s.household_id
  ),
  agency_reach AS (
    SELECT ($1::text[])[x.i] AS key, x.hid, bool_or(x.src = 3) AS p3, bool_or(x.src = 6) AS p6, bool_or(x.src = 0) AS bank
      FROM unnest($4::int[], $5::smallint[], $6::uuid[]) AS x(i, src, hid)
     GROUP BY 1, 2
  ),
  scored AS (
    SELECT f.*, p2::int + p3::int + p4::int + p5::int + p6::int + bank::int AS reach
      FROM (
        SELECT f.*, coalesce(l.p2, FALSE) AS p2, coalesce(a.p3, FALSE) AS p3, coalesce(l.p4, FALSE) AS p4,
               coalesce(l.p5, FALSE) AS p5, coalesce(a.p6, FALSE) AS p6, coalesce(a.bank, FALSE) AS bank
          FROM listed_facts f
          LEFT JOIN labor_reach l ON l.hid = f.id
          LEFT JOIN agency_reach a ON a.key = f.key AND a.hid = f.id
      ) f
  )`;

/** The SQL condition "on list `category`" over a `scored` row. */
const ON_LIST: Record<CoverageCategory, string> = {
  POOR: `cls = 'POOR'`,
  NEAR_POOR: `cls = 'NEAR_POOR'`,
  NEWLY_ESCAPED: `ne`,
};

/**
 * Figures per unit and list, per unit, commune and list, and the unit's targeting. Every commune
 * of a unit with a household in scope has an 'ALL' row (so it is listed, with zeros on lists
 * nobody of it is on). Information deprivation is counted over every reviewed household of the
 * unit (its facts of the year); Project 6 households over every household of the unit, reviewed
 * or not (their deprivation looked up by household).
 */
const countsSql = (principal: Principal) => `${flagsSql(principal)},
  keys AS (SELECT DISTINCT key FROM unnest($1::text[]) AS k(key)),
  listed AS (
    SELECT s.*, c.category FROM scored s
     CROSS JOIN LATERAL unnest(ARRAY[${COVERAGE_CATEGORIES.map((c) => `CASE WHEN ${ON_LIST[c]} THEN '${c}' END`).join(', ')}])
           AS c(category)
     WHERE c.category IS NOT NULL
  ),
  information_deprived AS (${unitRowsSql(
    'count(*) AS n',
    'report_fact',
    `t.year = $3 AND t.deprived_mask & ${INFORMATION_MASK} <> 0 AND ${scopeSqlRaw(principal, 't.commune_code', 't.province_code', 2)}`,
    true,
    'GROUP BY key',
  )}
  ),
  information_reached AS (
    SELECT a.key, count(*) FILTER (WHERE f.deprived_mask & ${INFORMATION_MASK} <> 0) AS deprived,
           count(*) FILTER (WHERE f.deprived_mask & ${INFORMATION_MASK} <> 0 IS NOT TRUE) AS not_deprived
      FROM agency_reach a JOIN household h ON h.id = a.hid AND a.key IN (h.commune_code, h.province_code)
      LEFT JOIN report_fact f ON f.household_id = a.hid AND f.year = $3
     WHERE a.p6 AND ${scopeSqlRaw(principal, 'h.commune_code', 'h.province_code', 2)}
     GROUP BY a.key
  ),
  poor_nwc AS (
    SELECT key, count(*) FILTER (WHERE cls = 'POOR' AND nwc) AS n, count(*) FILTER (WHERE cls = 'POOR' AND nwc AND p3) AS reached
      FROM scored GROUP BY key
  )
  SELECT 'group' AS part, key, CASE WHEN grouping(commune_code) = 0 THEN commune_code END AS commune, category,
         ARRAY[count(*), ${COVERAGE_PROJECTS.map((p) => `count(*) FILTER (WHERE p${p})`).join(', ')},
               count(*) FILTER (WHERE bank), count(*) FILTER (WHERE reach >= 2), count(*) FILTER (WHERE reach = 0)]::int[] AS n
    FROM listed GROUP BY GROUPING SETS ((key, category), (key, commune_code, category))
  UNION ALL
  SELECT 'group', k.key, u.code, 'ALL', '{}'
    FROM admin_unit u JOIN keys k ON k.key IN (u.code, u.parent_code)
   WHERE u.level = 'COMMUNE' AND u.valid_to IS NULL
     AND EXISTS (SELECT 1 FROM household h WHERE h.province_code = u.parent_code AND h.commune_code = u.code
                    AND ${scopeSqlRaw(principal, 'h.commune_code', 'h.province_code', 2)})
  UNION ALL
  SELECT 'targeting', k.key, NULL, NULL,
         ARRAY[coalesce(d.n, 0), coalesce(r.deprived, 0), coalesce(r.not_deprived, 0), coalesce(p.n, 0), coalesce(p.reached, 0)]::int[]
    FROM keys k LEFT JOIN information_deprived d ON d.key = k.key LEFT JOIN information_reached r ON r.key = k.key
    LEFT JOIN poor_nwc p ON p.key = k.key`;

interface CountRow {
  part: 'group' | 'targeting';
  key: string;
  commune: string | null;
  category: CoverageCategory | 'ALL' | null;
  n: number[];
}

const emptyGroup = (): GroupCounts => ({
  households: 0,
  projects: COVERAGE_PROJECTS.map(() => 0),
  borrowing: 0,
  several: 0,
  none: 0,
});
const emptyTargeting = (): TargetingCounts => ({
  informationDeprived: 0,
  informationDeprivedReached: 0,
  informationReachedNotDeprived: 0,
  poorNoWorkingCapacity: 0,
  poorNoWorkingCapacityReached: 0,
});
const allGroups = () => new Map(COVERAGE_CATEGORIES.map((c) => [c, emptyGroup()]));

function groupOf(n: number[]): GroupCounts {
  const k = COVERAGE_PROJECTS.length;
  return { households: n[0]!, projects: n.slice(1, 1 + k), borrowing: n[1 + k]!, several: n[2 + k]!, none: n[3 + k]! };
}

/**
 * The counts of a batch of reports of one year: one statement. Two inputs for the same unit
 * (one request asking twice) are computed once; every input gets its figures, zeros when the
 * unit has no household in scope.
 */
export async function coverageCountsByUnit(
  db: DataSource,
  principal: Principal,
  year: number,
  inputs: readonly CoverageInput[],
): Promise<CoverageCounts[]> {
  if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${String(year)}`);
  const rows: CountRow[] = await db.query(countsSql(principal), [
    inputs.map((i) => i.unitCode),
    scopeParam(principal),
    year,
    ...setParams(inputs),
  ]);
  const byKey = new Map<string, CoverageCounts>();
  for (const input of inputs)
    byKey.set(input.unitCode, { unitCode: input.unitCode, groups: allGroups(), communes: [], targeting: emptyTargeting() });
  const communes = new Map<string, Map<string, Map<CoverageCategory, GroupCounts>>>();
  for (const row of rows) {
    const report = byKey.get(row.key);
    if (!report) continue;
    if (row.part === 'targeting') {
      const [a, b, c, d, e] = row.n as [number, number, number, number, number];
      report.targeting = {
        informationDeprived: a,
        informationDeprivedReached: b,
        informationReachedNotDeprived: c,
        poorNoWorkingCapacity: d,
        poorNoWorkingCapacityReached: e,
      };
      continue;
    }
    let groups = report.groups;
    if (row.commune !== null) {
      const ofUnit = communes.get(row.key) ?? new Map<string, Map<CoverageCategory, GroupCounts>>();
      communes.set(row.key, ofUnit);
      groups = ofUnit.get(row.commune) ?? allGroups();
      ofUnit.set(row.commune, groups);
    }
    // 'ALL' only makes a commune with households in scope appear, with zeros on every list.
    if (row.category !== 'ALL' && row.category !== null) groups.set(row.category, groupOf(row.n));
  }
  for (const [key, ofUnit] of communes)
    byKey.get(key)!.communes = [...ofUnit.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([communeCode, groups]) => ({ communeCode, groups }));
  return inputs.map((i) => byKey.get(i.unitCode)!);
}

/** A page of the households of one report on the lists asked that nothing reached, in (code, id) order, with the total. */
export async function noneReceivedPage(
  db: DataSource,
  principal: Principal,
  year: number,
  input: CoverageInput,
  page: { categories: readonly CoverageCategory[]; limit: number; after: [string, string] | null },
): Promise<{ rows: Household[]; totalCount: number }> {
  if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${String(year)}`);
  const params: unknown[] = [[input.unitCode], scopeParam(principal), year, ...setParams([input]), page.limit + 1];
  const after = page.after
    ? `AND (c.code, c.id) > ($${params.push(page.after[0])}::text, $${params.push(page.after[1])}::uuid)`
    : '';
  const rows: Array<Record<string, unknown>> = await db.query(
    `${flagsSql(principal)},
     candidates AS (
       SELECT id, code FROM scored WHERE reach = 0 AND (${page.categories.map((c) => ON_LIST[c]).join(' OR ')})
     )
     SELECT t.total, h.* FROM (SELECT count(*)::int AS total FROM candidates) t
       LEFT JOIN LATERAL (SELECT c.id FROM candidates c WHERE TRUE ${after} ORDER BY c.code, c.id LIMIT $7) p ON TRUE
       LEFT JOIN household h ON h.id = p.id
      ORDER BY h.code, h.id`,
    params,
  );
  const totalCount = (rows[0]?.total as number | undefined) ?? 0;
  const found = rows.filter((r) => r.id !== null);
  return { rows: fromRawRows(db, Household, found), totalCount };
}
