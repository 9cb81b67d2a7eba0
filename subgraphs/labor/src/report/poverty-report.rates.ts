// Turning a unit's counts into the published report: rates in percent with two decimals, changes
// in percentage points between the published (rounded) rates, and the yearly reduction target.
import type { PovertyCounts } from './poverty-report.sql';

/** The yearly target of the programme: the poor rate falls by at least this many percentage points. */
export const TARGET_REDUCTION_POINTS = 1.0;

/**
 * `count` as a percent of `total` in hundredths of a point, rounded half away from zero (exact
 * integer arithmetic, so 1.005 never becomes 1.00 by a float error); 0 when `total` is 0.
 */
export function percentHundredths(count: number, total: number): number {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`percentHundredths needs whole counts and a non-negative total, got ${count} / ${total}`);
  }
  if (total === 0) return 0;
  const n = Math.abs(count) * 10_000;
  const q = Math.floor(n / total);
  const rounded = 2 * (n - q * total) >= total ? q + 1 : q;
  return Math.sign(count) * rounded;
}

/** `count` as a percent of `total` with two decimals (1.92), rounded half away from zero; 0 when `total` is 0. */
export const percent = (count: number, total: number): number => percentHundredths(count, total) / 100;

/** The difference of two published rates in percentage points, from their hundredths (no float residue). */
const pointsBetween = (now: number, before: number) => (now - before) / 100;

export interface IndicatorRow {
  indicator: number;
  name: string;
  dimension: string;
  households: number;
  share: number;
  poorHouseholds: number;
  poorShare: number;
}

export interface PovertyFigures {
  households: number;
  reviewed: number;
  poor: number;
  nearPoor: number;
  poorRate: number;
  nearPoorRate: number;
  previousYear: number | null;
  previousPoor: number | null;
  previousNearPoor: number | null;
  previousPoorRate: number | null;
  previousNearPoorRate: number | null;
  poorChange: number | null;
  poorRateChangePoints: number | null;
  nearPoorRateChangePoints: number | null;
  targetReductionPoints: number;
  targetMet: boolean | null;
  movements: {
    escapedPoverty: number;
    escapedNearPoverty: number;
    relapsed: number;
    newlyArising: number;
    stayed: number;
    newlyEscapedInWindow: number;
  };
  deprivation: IndicatorRow[];
}

/** Counts of a unit with nothing in it (or nothing in the reader's scope). */
export const emptyCounts = (key: string, indicators: number): PovertyCounts => ({
  key,
  households: 0,
  reviewed: 0,
  poor: 0,
  nearPoor: 0,
  previousHouseholds: 0,
  previousReviewed: 0,
  previousPoor: 0,
  previousNearPoor: 0,
  escapedPoverty: 0,
  escapedNearPoverty: 0,
  relapsed: 0,
  newlyArising: 0,
  stayed: 0,
  newlyEscapedInWindow: 0,
  deprived: Array<number>(indicators).fill(0),
  deprivedPoor: Array<number>(indicators).fill(0),
});

/**
 * The report's figures from a unit's counts. The previous year counts only when the unit had
 * certified reviews in it; `indicators` names the deprivation rows in the counts' order.
 */
export function povertyFigures(
  counts: PovertyCounts,
  year: number,
  indicators: ReadonlyArray<{ number: number; name: string; dimension: string }>,
): PovertyFigures {
  const poorH = percentHundredths(counts.poor, counts.households);
  const nearPoorH = percentHundredths(counts.nearPoor, counts.households);
  const hasPrevious = counts.previousReviewed > 0;
  const prevPoorH = percentHundredths(counts.previousPoor, counts.previousHouseholds);
  const prevNearPoorH = percentHundredths(counts.previousNearPoor, counts.previousHouseholds);
  const poorRateChangePoints = hasPrevious ? pointsBetween(poorH, prevPoorH) : null;
  return {
    households: counts.households,
    reviewed: counts.reviewed,
    poor: counts.poor,
    nearPoor: counts.nearPoor,
    poorRate: poorH / 100,
    nearPoorRate: nearPoorH / 100,
    previousYear: hasPrevious ? year - 1 : null,
    previousPoor: hasPrevious ? counts.previousPoor : null,
    previousNearPoor: hasPrevious ? counts.previousNearPoor : null,
    previousPoorRate: hasPrevious ? prevPoorH / 100 : null,
    previousNearPoorRate: hasPrevious ? prevNearPoorH / 100 : null,
    poorChange: hasPrevious ? counts.poor - counts.previousPoor : null,
    poorRateChangePoints,
    nearPoorRateChangePoints: hasPrevious ? pointsBetween(nearPoorH, prevNearPoorH) : null,
    targetReductionPoints: TARGET_REDUCTION_POINTS,
    // Compared in hundredths, so a fall of exactly 1.00 point meets the target.
    targetMet: hasPrevious ? prevPoorH - poorH >= Math.round(TARGET_REDUCTION_POINTS * 100) : null,
    movements: {
      escapedPoverty: counts.escapedPoverty,
      escapedNearPoverty: counts.escapedNearPoverty,
      relapsed: counts.relapsed,
      newlyArising: counts.newlyArising,
      stayed: counts.stayed,
      newlyEscapedInWindow: counts.newlyEscapedInWindow,
    },
    deprivation: indicators.map((indicator, i) => {
      const households = counts.deprived[i] ?? 0;
      const poorHouseholds = counts.deprivedPoor[i] ?? 0;
      return {
        indicator: indicator.number,
        name: indicator.name,
        dimension: indicator.dimension,
        households,
        share: percent(households, counts.reviewed),
        poorHouseholds,
        poorShare: percent(poorHouseholds, counts.poor),
      };
    }),
  };
}
