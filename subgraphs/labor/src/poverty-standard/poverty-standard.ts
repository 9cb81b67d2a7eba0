// The multidimensional poverty standard is data with an effective period: a household is
// classified under the standard in force on its review date, and a new decree (or a province
// that sets higher lines) is a new row, not a code change. The functions here therefore take the
// standards as a parameter; BUILT_IN_STANDARDS is only the seed for the database table.
import { assertIsoDate, isIsoDate } from '@gnbv/kit/rules';

export type Area = 'RURAL' | 'URBAN';

export const AREAS: readonly Area[] = ['RURAL', 'URBAN'];

/** Lines of one area, in VND per person per month (whole đồng). */
export interface AreaLines {
  /** Income at or below this line is poor or near-poor. */
  povertyLine: number;
  /** Income above the poverty line and at or below this bound is the average living standard; null when not known. */
  averageLivingUpperBound: number | null;
}

export interface PovertyStandard {
  /** Stable key, stored on each classification. */
  code: string;
  /** Short name cited in reasons, e.g. "Decree 07/2021/NĐ-CP". */
  name: string;
  legalBasis: string;
  /** First day in force (ISO date, inclusive). */
  validFrom: string;
  /** First day no longer in force (ISO date, exclusive); null while open-ended. */
  validTo: string | null;
  /** A household at or below the line is poor when deprived in at least this many indicators. */
  minDeprivations: number;
  lines: Record<Area, AreaLines>;
}

export const BUILT_IN_STANDARDS: readonly PovertyStandard[] = [
  {
    code: 'ND07-2021',
    name: 'Decree 07/2021/NĐ-CP',
    legalBasis: 'Decree 07/2021/NĐ-CP; kept for 2026 by Decree 351/2025/NĐ-CP',
    validFrom: '2022-01-01',
    validTo: '2027-01-01',
    minDeprivations: 3,
    lines: {
      RURAL: { povertyLine: 1_500_000, averageLivingUpperBound: 2_250_000 },
      URBAN: { povertyLine: 2_000_000, averageLivingUpperBound: 3_000_000 },
    },
  },
  {
    code: 'ND351-2025',
    name: 'Decree 351/2025/NĐ-CP',
    legalBasis: 'Decree 351/2025/NĐ-CP',
    validFrom: '2027-01-01',
    validTo: '2031-01-01',
    minDeprivations: 3,
    lines: {
      // The average-living-standard bounds of Decree 351 are not in the domain brief. They are
      // left unknown rather than guessed; correct this row (and the table) from the decree's text.
      RURAL: { povertyLine: 2_200_000, averageLivingUpperBound: null },
      URBAN: { povertyLine: 2_800_000, averageLivingUpperBound: null },
    },
  },
];

/** A standard as stored: one line row per area (the shape of the poverty_standard and poverty_line tables). */
export type StoredStandard = Omit<PovertyStandard, 'lines'> & { lines: readonly ({ area: Area } & AreaLines)[] };

/** The standard with its lines keyed by area; throws a RangeError when an area has no line row or two. */
export function toPovertyStandard(stored: StoredStandard): PovertyStandard {
  const lines: Partial<Record<Area, AreaLines>> = {};
  for (const { area, povertyLine, averageLivingUpperBound } of stored.lines) {
    if (!AREAS.includes(area)) throw new RangeError(`standard ${stored.code}: lines has an unknown area ${String(area)}`);
    if (lines[area]) throw new RangeError(`standard ${stored.code}: lines has two ${area} rows`);
    lines[area] = { povertyLine, averageLivingUpperBound };
  }
  const { RURAL, URBAN } = lines;
  if (!RURAL || !URBAN) throw new RangeError(`standard ${stored.code}: lines needs one RURAL and one URBAN row`);
  const { code, name, legalBasis, validFrom, validTo, minDeprivations } = stored;
  return { code, name, legalBasis, validFrom, validTo, minDeprivations, lines: { RURAL, URBAN } };
}

const INDICATOR_COUNT = 12;

const isPositiveWholeVnd = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

// Two periods [from, to) overlap when each starts before the other ends (null = open-ended).
const overlaps = (a: PovertyStandard, b: PovertyStandard) =>
  (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);

const period = (s: PovertyStandard) => `${s.validFrom} to ${s.validTo ?? 'open end'}`;

/**
 * Problems that make a set of standards unusable: bad dates or periods, duplicate codes, lines
 * that are not positive whole đồng, an upper bound not above the poverty line, a minimum number
 * of deprivations outside 1-12, and overlapping periods. Gaps are not problems (a date in a gap
 * simply has no standard); list them with `standardGaps`. Empty list = valid.
 */
export function validateStandards(standards: readonly PovertyStandard[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of standards) {
    const label = `standard ${JSON.stringify(s.code)}`;
    if (typeof s.code !== 'string' || s.code.trim() === '') problems.push(`${label}: code is empty`);
    else if (seen.has(s.code)) problems.push(`${label}: code is used by more than one standard`);
    seen.add(s.code);
    if (typeof s.name !== 'string' || s.name.trim() === '') problems.push(`${label}: name is empty`);
    if (!isIsoDate(s.validFrom)) problems.push(`${label}: validFrom ${JSON.stringify(s.validFrom)} is not a YYYY-MM-DD date`);
    if (s.validTo !== null && !isIsoDate(s.validTo)) {
      problems.push(`${label}: validTo ${JSON.stringify(s.validTo)} is not a YYYY-MM-DD date or null`);
    } else if (s.validTo !== null && isIsoDate(s.validFrom) && s.validTo <= s.validFrom) {
      problems.push(`${label}: validTo ${s.validTo} is not after validFrom ${s.validFrom}`);
    }
    if (!Number.isInteger(s.minDeprivations) || s.minDeprivations < 1 || s.minDeprivations > INDICATOR_COUNT) {
      problems.push(`${label}: minDeprivations ${s.minDeprivations} is not a whole number from 1 to ${INDICATOR_COUNT}`);
    }
    for (const area of AREAS) {
      const lines = s.lines?.[area];
      if (!lines) {
        problems.push(`${label}: no ${area.toLowerCase()} lines`);
        continue;
      }
      if (!isPositiveWholeVnd(lines.povertyLine)) {
        problems.push(`${label}: ${area.toLowerCase()} poverty line ${lines.povertyLine} is not a positive whole number of đồng`);
      }
      const bound = lines.averageLivingUpperBound;
      if (bound === null) continue;
      if (!isPositiveWholeVnd(bound)) {
        problems.push(
          `${label}: ${area.toLowerCase()} average-living-standard upper bound ${bound} is not a positive whole number of đồng`,
        );
      } else if (isPositiveWholeVnd(lines.povertyLine) && bound <= lines.povertyLine) {
        problems.push(
          `${label}: ${area.toLowerCase()} average-living-standard upper bound ${bound} is not above the poverty line ${lines.povertyLine}`,
        );
      }
    }
  }
  const dated = standards.filter((s) => isIsoDate(s.validFrom) && (s.validTo === null || isIsoDate(s.validTo)));
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const [a, b] = [dated[i]!, dated[j]!];
      if (overlaps(a, b)) {
        problems.push(`standards ${JSON.stringify(a.code)} (${period(a)}) and ${JSON.stringify(b.code)} (${period(b)}) overlap`);
      }
    }
  }
  return problems;
}

/** Periods [from, to) between the first validFrom and the last validTo that no standard covers. */
export function standardGaps(standards: readonly PovertyStandard[]): { from: string; to: string }[] {
  const sorted = [...standards].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const gaps: { from: string; to: string }[] = [];
  let coveredUntil: string | null | undefined; // undefined = nothing seen yet, null = open-ended
  for (const s of sorted) {
    if (coveredUntil === null) break;
    if (coveredUntil !== undefined && s.validFrom > coveredUntil) gaps.push({ from: coveredUntil, to: s.validFrom });
    if (coveredUntil === undefined || s.validTo === null || s.validTo > coveredUntil) coveredUntil = s.validTo;
  }
  return gaps;
}

/**
 * The standard in force on `date` (validFrom <= date < validTo). Throws when none is in force or
 * when more than one is, naming the date, since classifying under a guessed standard is worse
 * than not classifying.
 */
export function standardInForce(standards: readonly PovertyStandard[], date: string): PovertyStandard {
  assertIsoDate(date, 'date');
  const inForce = standards.filter((s) => s.validFrom <= date && (s.validTo === null || date < s.validTo));
  if (inForce.length === 0) throw new Error(`No poverty standard is in force on ${date}`);
  if (inForce.length > 1) {
    throw new Error(`More than one poverty standard is in force on ${date}: ${inForce.map((s) => s.code).join(', ')}`);
  }
  return inForce[0]!;
}
