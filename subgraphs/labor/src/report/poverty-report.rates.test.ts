import { emptyCounts, percent, percentHundredths, povertyFigures, TARGET_REDUCTION_POINTS } from './poverty-report.rates';

const INDICATORS = [
  { number: 1, name: 'Employment', dimension: 'Employment' },
  { number: 2, name: 'Dependants', dimension: 'Employment' },
];

describe('rates: percent with two decimals, half away from zero', () => {
  it('rounds exactly, with no float residue', () => {
    expect(percent(777, 40_469)).toBe(1.92); //  1.91999...
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 80_000)).toBe(0); //       0.00125 -> 0.00
    expect(percent(1, 20_000)).toBe(0.01); //    0.005 -> 0.01 (half away from zero)
    expect(percent(201, 20_000)).toBe(1.01); //  1.005 -> 1.01, where 1.005.toFixed(2) gives 1.00
    expect(percentHundredths(-1, 20_000)).toBe(-1);
  });

  it('is 0 over no households, and refuses fractions', () => {
    expect(percent(0, 0)).toBe(0);
    expect(() => percent(1.5, 10)).toThrow(RangeError);
  });
});

describe('the report figures from the counts', () => {
  const counts = {
    ...emptyCounts('03160', 2),
    households: 40_469,
    reviewed: 40_000,
    poor: 777,
    nearPoor: 1_000,
    previousHouseholds: 40_000,
    previousReviewed: 39_000,
    previousPoor: 932,
    previousNearPoor: 1_000,
    deprived: [400, 0],
    deprivedPoor: [7, 0],
  };

  it('changes are between the published rates: "777 poor households, 1.92%, down 155, 0.41 points"', () => {
    const f = povertyFigures(counts, 2025, INDICATORS);
    expect(f).toMatchObject({
      poorRate: 1.92,
      previousYear: 2024,
      previousPoorRate: 2.33,
      poorChange: -155,
      poorRateChangePoints: -0.41,
      nearPoorRate: 2.47,
      previousNearPoorRate: 2.5,
      nearPoorRateChangePoints: -0.03,
      targetReductionPoints: TARGET_REDUCTION_POINTS,
      targetMet: false,
    });
    expect(f.deprivation).toEqual([
      { indicator: 1, name: 'Employment', dimension: 'Employment', households: 400, share: 1, poorHouseholds: 7, poorShare: 0.9 },
      { indicator: 2, name: 'Dependants', dimension: 'Employment', households: 0, share: 0, poorHouseholds: 0, poorShare: 0 },
    ]);
  });

  it('a fall of exactly the target meets it', () => {
    const f = povertyFigures(
      { ...counts, poor: 100, households: 10_000, previousPoor: 200, previousHouseholds: 10_000 },
      2025,
      INDICATORS,
    );
    expect([f.poorRateChangePoints, f.targetMet]).toEqual([-1, true]);
  });

  it('without certified reviews the year before, every previous figure and the target are null', () => {
    const f = povertyFigures({ ...counts, previousReviewed: 0 }, 2025, INDICATORS);
    expect(f).toMatchObject({
      previousYear: null,
      previousPoor: null,
      previousPoorRate: null,
      poorChange: null,
      poorRateChangePoints: null,
      nearPoorRateChangePoints: null,
      targetMet: null,
    });
  });
});
