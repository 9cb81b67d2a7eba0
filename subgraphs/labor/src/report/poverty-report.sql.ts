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
import type { DataSource } from 'typeorm';
import { scopeParam, scopeSqlRaw, type Principal } from '@gnbv/kit';
import { INDICATORS } from '../poverty-standard/classify';
import { NEWLY_ESCAPED_MONTHS } from '../review/movements';

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
 * Per household of `hh` (column id, plus the columns `carry` names), from its certified reviews
 * ($3 = the year): the year's class and deprivations, the rank of the previous review and the
 * worst rank before (movements), the previous year's class, and whether it is newly escaped on
 * the year's last day D.
 * - "The review of the latest year before" is read as max(year * 4 + rank): plain aggregates,
 *   no per-household sort.
 * - Newly escaped: of the reviews known on D, L = the latest POOR year; when the latest known
 *   review is not POOR, the escape is the first year after L with a review certified by D, and
 *   its list was first certified on that year's earliest certification (the original review: a
 *   correction does not restart the clock). Looked up only for those few households; (year, day)
 *   is packed as year * 100000 + days since 1900 so one min() picks both.
 * Corrections are few: hashed once (`corr`) instead of probed per review.
 */
const factsSql = (carry: readonly string[] = []) => {
  const carried = carry.map((c) => `, max(${c}) AS ${c}`).join('');
  const D = 'make_date($3, 12, 31)';
  return `
  corr AS (
    SELECT correction_of AS id, certified_on FROM poverty_review WHERE correction_of IS NOT NULL AND state = 'CERTIFIED'
  ),
  rv AS (
    SELECT hh.id AS hid${carry.map((c) => `, hh.${c}`).join('')}, r.year, r.classification AS cls,
           r.deprived_indicators AS dep,
           CASE r.classification WHEN 'POOR' THEN 2 WHEN 'NEAR_POOR' THEN 1 ELSE 0 END AS rk,
           r.id IS NOT NULL AND c.id IS NULL AS eff_now,
           r.certified_on <= ${D} AND (c.id IS NULL OR c.certified_on > ${D}) AS eff_d
      FROM hh LEFT JOIN poverty_review r
        ON r.household_id = hh.id AND r.state = 'CERTIFIED' AND (r.year <= $3 OR r.certified_on <= ${D})
      LEFT JOIN corr c ON c.id = r.id
  ),
  facts AS (
    SELECT hid${carried},
           max(cls) FILTER (WHERE year = $3 AND eff_now) AS cls,
           max(rk) FILTER (WHERE year = $3 AND eff_now) AS now_rank,
           max(dep) FILTER (WHERE year = $3 AND eff_now) AS dep,
           max(year * 4 + rk) FILTER (WHERE year < $3 AND eff_now) % 4 AS prev_rank,
           max(rk) FILTER (WHERE year < $3 AND eff_now) AS worst_before,
           max(cls) FILTER (WHERE year = $3 - 1 AND eff_now) AS cls_prev,
           max(year * 4 + rk) FILTER (WHERE eff_d) % 4 AS rank_d,
           max(year) FILTER (WHERE eff_d AND cls = 'POOR') AS last_poor_d
      FROM rv GROUP BY hid
  ),
  facts2 AS (
    SELECT f.*, CASE WHEN f.last_poor_d IS NOT NULL AND f.rank_d <> 2 THEN ${D} < DATE '1900-01-01' + (
             SELECT (min(o.year * 100000 + (o.certified_on - DATE '1900-01-01')) % 100000)::int FROM poverty_review o
              WHERE o.household_id = f.hid AND o.state = 'CERTIFIED' AND o.certified_on <= ${D} AND o.year > f.last_poor_d
           ) + make_interval(months => ${NEWLY_ESCAPED_MONTHS}) ELSE FALSE END AS ne
      FROM facts f
  )`;
};

/**
 * CTEs `corr`, `rv`, `facts` and `facts2` over a CTE `hh` (column id) that the statement defines
 * first: `facts2` has one row per household with reviews, with `hid`, `cls` and `dep` (the year's
 * class and deprivations, null when not reviewed), `cls_prev` (the previous year's class) and
 * `ne` (newly escaped on the year's last day); $3 is the year. Shared with the coverage report.
 */
export const FACTS = factsSql();

/*
 * What is counted, over rows of households' facts with in_cur (the row is in the year's
 * population) and in_prev (in the previous year's). Counted per commune first, then summed per
 * unit asked for: the many household rows are aggregated once.
 */
export const POVERTY_COUNTS: ReadonlyArray<readonly [alias: string, condition: string]> = [
  ['households', 'in_cur'],
  ['reviewed', 'in_cur AND cls IS NOT NULL'],
  ['poor', `in_cur AND cls = 'POOR'`],
  ['nearPoor', `in_cur AND cls = 'NEAR_POOR'`],
  ['previousHouseholds', 'in_prev'],
  ['previousReviewed', 'in_prev AND cls_prev IS NOT NULL'],
  ['previousPoor', `in_prev AND cls_prev = 'POOR'`],
  ['previousNearPoor', `in_prev AND cls_prev = 'NEAR_POOR'`],
  ['escapedPoverty', 'in_cur AND now_rank < prev_rank AND prev_rank = 2'],
  ['escapedNearPoverty', 'in_cur AND now_rank < prev_rank AND prev_rank = 1'],
  ['relapsed', 'in_cur AND now_rank > coalesce(prev_rank, 0) AND worst_before >= now_rank'],
  ['newlyArising', 'in_cur AND now_rank > coalesce(prev_rank, 0) AND coalesce(worst_before, 0) < now_rank'],
  ['stayed', 'in_cur AND now_rank > 0 AND now_rank = prev_rank'],
  ['newlyEscapedInWindow', 'in_cur AND ne'],
  ...INDICATORS.map((i) => [`d${i.number}`, `in_cur AND cls IS NOT NULL AND ${i.number} = ANY(dep)`] as const),
  ...INDICATORS.map((i) => [`p${i.number}`, `in_cur AND cls = 'POOR' AND ${i.number} = ANY(dep)`] as const),
];
const SCALARS = POVERTY_COUNTS.filter(([alias]) => !/^[dp]\d+$/.test(alias)).map(([alias]) => alias);

/** Per-commune counts of the household rows. */
const countColumns = POVERTY_COUNTS.map(([alias, condition]) => `count(*) FILTER (WHERE ${condition}) AS "${alias}"`).join(
  ',\n         ',
);
/** Sums of the per-commune counts, shaped as `PovertyCounts`. */
const sumColumns = [
  ...SCALARS.map((alias) => `sum("${alias}")::int AS "${alias}"`),
  `ARRAY[${INDICATORS.map((i) => `sum("d${i.number}")::int`).join(', ')}] AS deprived`,
  `ARRAY[${INDICATORS.map((i) => `sum("p${i.number}")::int`).join(', ')}] AS "deprivedPoor"`,
].join(',\n         ');
/** The columns of `PovertyCounts`. */
const OUTPUT = ['key', ...SCALARS, 'deprived', 'deprivedPoor'].map((c) => `"${c}"`).join(', ');

/*
 * AS_IS: $1 today's unit codes, $2 the scope, $3 the year. The households of the provinces asked
 * for, then those of the communes asked for outside them: each household once, read from the
 * (province_code, commune_code) index. Counted per commune, then summed per commune and province.
 */
export const asIsSql = (principal: Principal) => `
  WITH hh AS (
    SELECT h.id, h.commune_code, h.province_code, h.registered_on FROM household h
     WHERE h.province_code = ANY($1::text[]) AND h.registered_on <= make_date($3, 12, 31)
       AND ${scopeSqlRaw(principal, 'h.commune_code', 'h.province_code', 2)}
    UNION ALL
    SELECT h.id, h.commune_code, h.province_code, h.registered_on
      FROM admin_unit u JOIN household h ON h.province_code = u.parent_code AND h.commune_code = u.code
     WHERE u.code = ANY($1::text[]) AND u.level = 'COMMUNE' AND u.valid_to IS NULL AND u.parent_code <> ALL($1::text[])
       AND h.registered_on <= make_date($3, 12, 31)
       AND ${scopeSqlRaw(principal, 'h.commune_code', 'h.province_code', 2)}
  ),
  ${factsSql(['commune_code', 'province_code', 'registered_on'])},
  communes AS (
    SELECT commune_code, province_code,
         ${countColumns}
      FROM facts2 CROSS JOIN LATERAL (SELECT TRUE AS in_cur, registered_on <= make_date($3 - 1, 12, 31) AS in_prev) p
     GROUP BY commune_code, province_code
  )
  SELECT ${OUTPUT} FROM (
    SELECT CASE WHEN GROUPING(commune_code) = 0 THEN commune_code ELSE province_code END AS key,
           GROUPING(commune_code) = 0 AS is_commune, province_code,
         ${sumColumns}
      FROM communes GROUP BY GROUPING SETS ((commune_code, province_code), (province_code))
  ) t WHERE key = ANY($1::text[]) OR (is_commune AND province_code = ANY($1::text[]))`;

/**
 * AS_WAS: $1 unit version ids, $2 the scope, $3 the year. A review of the year or the year
 * before counts in its commune version and in that version's province.
 */
export const asWasSql = (principal: Principal) => `
  WITH units AS (
    SELECT id AS commune_id, id AS key FROM admin_unit WHERE id = ANY($1::uuid[]) AND level = 'COMMUNE'
    UNION ALL
    SELECT id, parent_id FROM admin_unit WHERE parent_id = ANY($1::uuid[])
  ),
  placed AS (
    SELECT r.commune_id, r.household_id AS hid, r.year = $3 AS in_cur, r.year <> $3 AS in_prev
      FROM poverty_review r JOIN household h ON h.id = r.household_id
     WHERE r.commune_id IN (SELECT commune_id FROM units) AND r.year IN ($3, $3 - 1) AND r.state = 'CERTIFIED'
       AND NOT EXISTS (SELECT 1 FROM poverty_review c WHERE c.correction_of = r.id AND c.state = 'CERTIFIED')
       AND ${scopeSqlRaw(principal, 'h.commune_code', 'h.province_code', 2)}
  ),
  hh AS (SELECT DISTINCT hid AS id FROM placed),
  ${FACTS},
  communes AS (
    SELECT p.commune_id,
         ${countColumns}
      FROM placed p JOIN facts2 f ON f.hid = p.hid
     GROUP BY p.commune_id
  )
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
