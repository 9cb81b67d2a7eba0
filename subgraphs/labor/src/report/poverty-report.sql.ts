// The poverty report's figures for a batch of units, in one SQL statement. Definitions:
//
// The year's review of a household. Its CERTIFIED review of that year that no CERTIFIED
//   correction replaces (`effectiveReviewSql` in household.counts.ts), as known today: every
//   certified review and correction counts, whenever it was certified (corrections applied).
//
// Geography.
//   AS_IS   today's unit: the households registered in it today (household.commune_code or
//           province_code), registered on or before the year's last day. `households` (the rates'
//           denominator) is all of them; `reviewed` those with a review of the year. Previous-year
//           figures are the same over the households registered on or before the previous year's
//           last day, so they equal the AS_IS report of the previous year.
//   AS_WAS  one version of a unit (an admin_unit row): the households whose review of the year
//           was recorded in that commune version (poverty_review.commune_id) or, for a province
//           version, in one of its communes (admin_unit.parent_id). `households` = `reviewed`.
//           Previous-year figures: the reviews of the previous year recorded in the same version.
//   The previous year counts only when the unit has certified reviews in it; otherwise null.
//
// Movements (review/movements.ts, `movementOn`): of the households reviewed in the year, how the
//   year's review moved against the household's previous review (its latest earlier year, not
//   necessarily the calendar year before); RELAPSED against NEWLY_ARISING looks at every earlier
//   review. The same as `movementOn(reviews of years <= year, today)`.
// Newly escaped in window: the household counts as newly escaped (hộ mới thoát nghèo) on the
//   year's last day, `isNewlyEscaped(reviews, 'YYYY-12-31')`: as known on that day (reviews and
//   corrections certified by then), the latest review is not POOR, and the review that left the
//   poor list was first certified less than NEWLY_ESCAPED_MONTHS before that day. Counted over
//   the unit's households (AS_IS: registered ones; AS_WAS: those reviewed there in the year).
// Deprivation: of the reviewed households, those deprived on each indicator in the year's review;
//   the same among the poor.
//
// Scope: only households the reader may see (today's commune or province in scope), like
//   `summariesByUnit`; a unit with none in scope has no row (the resolver answers zeros).
//
// The per-household facts of each year (the year's class and deprivations, the movement, newly
//   escaped on the year's last day, the review's recorded commune) are read from report_fact,
//   which the database keeps current on every write of a review or household (the rule is the
//   SQL function report_fact_refresh of migration 1764500000000-ReportFacts), so a statement
//   reads one index range of the unit instead of recomputing every household's history.
import type { DataSource } from 'typeorm';
import { scopeParam, scopeSqlRaw } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { INDICATORS } from '../poverty-standard/classify';
import { unitRowsSql } from './unit-rows';

/** The figures of one unit as counted in SQL (the resolver turns them into rates). */
export interface PovertyCounts {
  /** The unit's code (AS_IS) or version id (AS_WAS). */
  key: string;
  households: number;
  reviewed: number;
  poor: number;
  nearPoor: number;
  previousHouseholds: number;
  previousReviewed: number;
  previousPoor: number;
  previousNearPoor: number;
  escapedPoverty: number;
  escapedNearPoverty: number;
  relapsed: number;
  newlyArising: number;
  stayed: number;
  newlyEscapedInWindow: number;
  /** Households deprived on indicator i + 1, of the reviewed; then of the poor. */
  deprived: number[];
  deprivedPoor: number[];
}

/*
 * What is counted over households' facts (report_fact, kept by the database: the rule is in the
 * ReportFacts migration): CURRENT over the year's rows, PREVIOUS over the previous year's, each
 * read and counted apart (the previous year needs only a few counts). The households themselves
 * (the rates' denominators) are counted apart too: AS_IS from the household register, AS_WAS =
 * the reviewed. Counted per commune first, then summed per unit asked for.
 */
const CURRENT_COUNTS: ReadonlyArray<readonly [alias: string, condition: string]> = [
  ['reviewed', 'classification IS NOT NULL'],
  ['poor', `classification = 'POOR'`],
  ['nearPoor', `classification = 'NEAR_POOR'`],
  ['escapedPoverty', `movement = 'ESCAPED_POVERTY'`],
  ['escapedNearPoverty', `movement = 'ESCAPED_NEAR_POVERTY'`],
  ['relapsed', `movement = 'RELAPSED'`],
  ['newlyArising', `movement = 'NEWLY_ARISING'`],
  ['stayed', `movement = 'STAYED'`],
  ['newlyEscapedInWindow', 'newly_escaped'],
  // deprived_mask: bit i - 1 set when deprived on indicator i (null when not reviewed).
  ...INDICATORS.map((i) => [`d${i.number}`, `deprived_mask & ${1 << (i.number - 1)} <> 0`] as const),
  ...INDICATORS.map((i) => [`p${i.number}`, `deprived_mask & ${1 << (i.number - 1)} <> 0 AND classification = 'POOR'`] as const),
];
const PREVIOUS_COUNTS: ReadonlyArray<readonly [alias: string, condition: string]> = [
  ['previousReviewed', 'classification IS NOT NULL'],
  ['previousPoor', `classification = 'POOR'`],
  ['previousNearPoor', `classification = 'NEAR_POOR'`],
];
const SCALARS = [
  'households',
  'previousHouseholds',
  ...[...CURRENT_COUNTS, ...PREVIOUS_COUNTS].map(([alias]) => alias).filter((alias) => !/^[dp]\d+$/.test(alias)),
];

/** Counts of report_fact rows. */
const countColumns = (counts: typeof CURRENT_COUNTS) =>
  counts.map(([alias, condition]) => `count(*) FILTER (WHERE ${condition}) AS "${alias}"`).join(',\n           ');
/** Sums of the per-commune counts, shaped as `PovertyCounts`. */
const sumColumns = [
  ...SCALARS.map((alias) => `coalesce(sum("${alias}"), 0)::int AS "${alias}"`),
  `ARRAY[${INDICATORS.map((i) => `coalesce(sum("d${i.number}"), 0)::int`).join(', ')}] AS deprived`,
  `ARRAY[${INDICATORS.map((i) => `coalesce(sum("p${i.number}"), 0)::int`).join(', ')}] AS "deprivedPoor"`,
].join(',\n         ');
/** The columns of `PovertyCounts`. */
const OUTPUT = ['key', ...SCALARS, 'deprived', 'deprivedPoor'].map((c) => `"${c}"`).join(', ');

/*
 * AS_IS: $1 today's unit codes, $2 the scope, $3 the year. The households registered by the
 * year's (and the previous year's) last day, counted from the register; the facts of the year
 * (and of the previous year) of those registered by then. Counted per commune, then summed per
 * commune and province.
 */
export const asIsSql = (principal: Principal) => {
  const scope = scopeSqlRaw(principal, 't.commune_code', 't.province_code', 2);
  const byCommune = 'GROUP BY t.commune_code, t.province_code';
  const facts = (year: string, counts: typeof CURRENT_COUNTS) =>
    unitRowsSql(
      `t.commune_code, t.province_code,
           ${countColumns(counts)}`,
      'report_fact',
      `t.year = ${year} AND t.registered_on <= make_date(${year}, 12, 31) AND ${scope}`,
      false,
      byCommune,
    );
  return `
  WITH registered AS (${unitRowsSql(
    `t.commune_code, t.province_code, count(*) AS households,
           count(*) FILTER (WHERE t.registered_on <= make_date($3 - 1, 12, 31)) AS "previousHouseholds"`,
    'household',
    `t.registered_on <= make_date($3, 12, 31) AND ${scope}`,
    false,
    byCommune,
  )}
  ),
  current AS (${facts('$3', CURRENT_COUNTS)}),
  previous AS (${facts('$3 - 1', PREVIOUS_COUNTS)}),
  communes AS (
    SELECT * FROM registered LEFT JOIN current USING (commune_code, province_code) LEFT JOIN previous USING (commune_code, province_code)
  )
  SELECT ${OUTPUT} FROM (
    SELECT CASE WHEN GROUPING(commune_code) = 0 THEN commune_code ELSE province_code END AS key,
           GROUPING(commune_code) = 0 AS is_commune, province_code,
         ${sumColumns}
      FROM communes GROUP BY GROUPING SETS ((commune_code, province_code), (province_code))
  ) t WHERE key = ANY($1::text[]) OR (is_commune AND province_code = ANY($1::text[]))`;
};

/**
 * AS_WAS: $1 unit version ids, $2 the scope, $3 the year. The facts of the year or the year
 * before whose review was recorded in a commune version of the unit count there and in that
 * version's province; `households` are the reviewed.
 */
export const asWasSql = (principal: Principal) => {
  const facts = (year: string, households: string, counts: typeof CURRENT_COUNTS) => `
    SELECT t.review_commune_id AS commune_id, count(*) AS "${households}",
           ${countColumns(counts)}
      FROM report_fact t
     WHERE t.review_commune_id IN (SELECT commune_id FROM units) AND t.year = ${year}
       AND ${scopeSqlRaw(principal, 't.commune_code', 't.province_code', 2)}
     GROUP BY t.review_commune_id`;
  return `
  WITH units AS (
    SELECT id AS commune_id, id AS key FROM admin_unit WHERE id = ANY($1::uuid[]) AND level = 'COMMUNE'
    UNION ALL
    SELECT id, parent_id FROM admin_unit WHERE parent_id = ANY($1::uuid[])
  ),
  current AS (${facts('$3', 'households', CURRENT_COUNTS)}),
  previous AS (${facts('$3 - 1', 'previousHouseholds', PREVIOUS_COUNTS)}),
  communes AS (SELECT * FROM current FULL JOIN previous USING (commune_id))
  SELECT u.key::text AS key,
         ${sumColumns}
    FROM communes c JOIN units u ON u.commune_id = c.commune_id
   GROUP BY u.key
  UNION ALL
  SELECT c.commune_id::text,
         ${sumColumns}
    FROM communes c JOIN admin_unit au ON au.id = c.commune_id
   WHERE au.parent_id = ANY($1::uuid[]) AND au.id <> ALL($1::uuid[])
   GROUP BY c.commune_id`;
};

/**
 * The counts of a batch of units for one year and geography: one statement. A province of the
 * batch brings every commune of it too (their rows are computed on the way), so a province and
 * its communes cost one statement even when the communes are asked for later. Units with no
 * household in scope have no row.
 */
export async function povertyCountsByUnit(
  db: DataSource,
  principal: Principal,
  geography: 'AS_IS' | 'AS_WAS',
  keys: readonly string[],
  year: number,
): Promise<PovertyCounts[]> {
  if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${String(year)}`);
  const sql = geography === 'AS_IS' ? asIsSql(principal) : asWasSql(principal);
  return db.query(sql, [[...keys], scopeParam(principal), year]);
}
