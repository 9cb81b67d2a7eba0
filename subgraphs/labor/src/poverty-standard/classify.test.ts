import { type ClassifyInput, DIMENSIONS, INDICATORS, classify, deprivationsFromNumbers, formatVnd } from './classify';
import { BUILT_IN_STANDARDS, standardInForce } from './poverty-standard';

const decree07 = standardInForce(BUILT_IN_STANDARDS, '2025-10-01');
const decree351 = standardInForce(BUILT_IN_STANDARDS, '2027-10-01');

/** The 12 answers of form B2 with the given indicator numbers deprived. */
const deprivedIn = (...numbers: number[]) => INDICATORS.map((indicator) => numbers.includes(indicator.number));

const rural = (incomePerPersonMonthly: number, ...deprived: number[]): ClassifyInput => ({
  incomePerPersonMonthly,
  deprivations: deprivedIn(...deprived),
  area: 'RURAL',
  standard: decree07,
});

describe('indicators', () => {
  it('are the 12 indicators numbered 1-12 in six dimensions, two each', () => {
    expect(INDICATORS.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(INDICATORS.map((i) => i.key)).size).toBe(12);
    for (const dimension of DIMENSIONS) {
      expect(INDICATORS.filter((i) => i.dimension === dimension.key)).toHaveLength(2);
    }
    expect(INDICATORS[3]).toMatchObject({ key: 'HEALTH_INSURANCE', dimension: 'HEALTH', nameVi: 'Bảo hiểm y tế' });
    expect(INDICATORS.slice(10).map((i) => i.key)).toEqual(['TELECOM', 'DEVICES']);
  });
});

describe('classify under Decree 07/2021 (rural line 1,500,000, bound 2,250,000)', () => {
  it('an income exactly on the line with exactly 3 deprivations is poor, and the reasons name the line and indicators', () => {
    const result = classify(rural(1_500_000, 4, 9, 12));
    expect(result).toEqual({
      classification: 'POOR',
      deprivedCount: 3,
      deprivedIndicators: [4, 9, 12],
      reasons: [
        'income 1,500,000 ≤ rural poverty line 1,500,000 (Decree 07/2021/NĐ-CP)',
        'deprived in 3 indicators (≥ 3): 4 health insurance, 9 water, 12 devices',
      ],
      standardCode: 'ND07-2021',
      povertyLine: 1_500_000,
      averageLivingUpperBound: 2_250_000,
    });
  });

  it('an income exactly on the line with exactly 2 deprivations is near-poor', () => {
    const result = classify(rural(1_500_000, 11, 12));
    expect(result.classification).toBe('NEAR_POOR');
    expect(result.reasons).toEqual([
      'income 1,500,000 ≤ rural poverty line 1,500,000 (Decree 07/2021/NĐ-CP)',
      'deprived in 2 indicators (< 3): 11 telecom, 12 devices',
    ]);
  });

  it('an income below the line with no deprivation is near-poor', () => {
    const result = classify(rural(0));
    expect(result.classification).toBe('NEAR_POOR');
    expect(result.reasons[1]).toBe('deprived in no indicator (< 3)');
    expect(classify(rural(900_000, 1)).reasons[1]).toBe('deprived in 1 indicator (< 3): 1 employment');
  });

  it('one đồng above the line is not poor, however many deprivations', () => {
    const result = classify(rural(1_500_001, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    expect(result.classification).toBe('AVERAGE_LIVING_STANDARD');
    expect(result.deprivedCount).toBe(12);
    expect(result.reasons).toEqual([
      'income 1,500,001 > rural poverty line 1,500,000 (Decree 07/2021/NĐ-CP)',
      'income 1,500,001 ≤ rural average-living-standard upper bound 2,250,000 (Decree 07/2021/NĐ-CP)',
    ]);
  });

  it('exactly on the upper bound is average living standard; one đồng above is above average', () => {
    expect(classify(rural(2_250_000)).classification).toBe('AVERAGE_LIVING_STANDARD');
    const above = classify(rural(2_250_001));
    expect(above.classification).toBe('ABOVE_AVERAGE');
    expect(above.reasons[1]).toBe(
      'income 2,250,001 > rural average-living-standard upper bound 2,250,000 (Decree 07/2021/NĐ-CP)',
    );
  });

  it('the same income is above the rural line but poor in town', () => {
    const input = rural(1_800_000, 7, 8, 10);
    expect(classify(input).classification).toBe('AVERAGE_LIVING_STANDARD');
    const urban = classify({ ...input, area: 'URBAN' });
    expect(urban.classification).toBe('POOR');
    expect(urban.reasons[0]).toBe('income 1,800,000 ≤ urban poverty line 2,000,000 (Decree 07/2021/NĐ-CP)');
  });

  it('follows the minimum number of deprivations of the standard it is given', () => {
    const stricter = { ...decree07, code: 'PROVINCE-X', name: 'Province X standard', minDeprivations: 2 };
    const result = classify({ ...rural(1_000_000, 5, 6), standard: stricter });
    expect(result.classification).toBe('POOR');
    expect(result.standardCode).toBe('PROVINCE-X');
    expect(result.reasons[1]).toBe('deprived in 2 indicators (≥ 2): 5 adult education, 6 child schooling');
  });
});

describe('classify on the review date picks the standard in force', () => {
  const onDate = (date: string, income: number) =>
    classify({ ...rural(income, 3, 4, 9), standard: standardInForce(BUILT_IN_STANDARDS, date) });

  it('1,800,000 in a 2026 review is above the line (Decree 07 kept for 2026) but poor in a 2027 review (Decree 351)', () => {
    const in2026 = onDate('2026-10-15', 1_800_000);
    expect(in2026.classification).toBe('AVERAGE_LIVING_STANDARD');
    expect(in2026.standardCode).toBe('ND07-2021');
    const in2027 = onDate('2027-10-15', 1_800_000);
    expect(in2027.classification).toBe('POOR');
    expect(in2027.standardCode).toBe('ND351-2025');
    expect(in2027.reasons[0]).toBe('income 1,800,000 ≤ rural poverty line 2,200,000 (Decree 351/2025/NĐ-CP)');
  });

  it('the last day of 2026 still uses Decree 07, the first day of 2027 Decree 351', () => {
    expect(onDate('2026-12-31', 2_000_000).standardCode).toBe('ND07-2021');
    expect(onDate('2027-01-01', 2_000_000).standardCode).toBe('ND351-2025');
  });
});

describe('classify under Decree 351/2025, whose average-living-standard bounds are unknown', () => {
  it('on the line is poor or near-poor as usual', () => {
    expect(classify({ ...rural(2_200_000, 1, 2, 3), standard: decree351 }).classification).toBe('POOR');
    expect(classify({ ...rural(2_800_000, 1, 2), area: 'URBAN', standard: decree351 }).classification).toBe('NEAR_POOR');
  });

  it('above the line counts as above average and says the bound is unknown', () => {
    const result = classify({ ...rural(2_200_001), standard: decree351 });
    expect(result.classification).toBe('ABOVE_AVERAGE');
    expect(result.averageLivingUpperBound).toBeNull();
    expect(result.reasons).toEqual([
      'income 2,200,001 > rural poverty line 2,200,000 (Decree 351/2025/NĐ-CP)',
      'the rural average-living-standard upper bound of Decree 351/2025/NĐ-CP is not known, so the household is counted above average',
    ]);
  });
});

describe('classify refuses invalid input with a RangeError naming it', () => {
  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('income %p', (income) => {
    expect(() => classify(rural(income))).toThrow(RangeError);
    expect(() => classify(rural(income))).toThrow(/^incomePerPersonMonthly must be a non-negative whole number of đồng/);
  });

  it('not exactly 12 answers', () => {
    expect(() => classify({ ...rural(1), deprivations: deprivedIn().slice(1) })).toThrow(
      new RangeError('deprivations must have exactly 12 answers, one per indicator, got 11 answers'),
    );
    expect(() => classify({ ...rural(1), deprivations: [...deprivedIn(), true] })).toThrow('got 13 answers');
  });

  it('an answer that is not true or false', () => {
    const answers = deprivedIn() as unknown[];
    answers[4] = null;
    expect(() => classify({ ...rural(1), deprivations: answers as boolean[] })).toThrow(
      new RangeError('deprivations[4] (indicator 5) must be true or false, got null'),
    );
  });

  it('an unknown area', () => {
    expect(() => classify({ ...rural(1), area: 'MOUNTAIN' as 'RURAL' })).toThrow(
      new RangeError('area must be RURAL or URBAN, got MOUNTAIN'),
    );
  });

  it('an unusable standard', () => {
    const broken = { ...decree07, lines: { ...decree07.lines, RURAL: { povertyLine: 0, averageLivingUpperBound: null } } };
    expect(() => classify({ ...rural(1), standard: broken })).toThrow(/^standard is not usable: .*rural poverty line 0/);
  });
});

describe('formatVnd', () => {
  it('groups thousands with commas whatever the locale', () => {
    expect([0, 999, 1_000, 1_500_000, 12_345_678].map(formatVnd)).toEqual(['0', '999', '1,000', '1,500,000', '12,345,678']);
  });
});

describe('deprivationsFromNumbers', () => {
  it('turns stored indicator numbers into the 12 answers classify takes', () => {
    const answers = deprivationsFromNumbers([12, 4, 9]);
    expect(answers).toHaveLength(12);
    expect(answers.flatMap((deprived, i) => (deprived ? [i + 1] : []))).toEqual([4, 9, 12]);
    expect(deprivationsFromNumbers([])).toEqual(Array(12).fill(false));
  });

  it('refuses numbers outside 1-12 and repeats, naming the position', () => {
    expect(() => deprivationsFromNumbers([0])).toThrow(
      new RangeError('deprivedIndicators[0] must be an indicator number from 1 to 12, got 0'),
    );
    expect(() => deprivationsFromNumbers([3, 13])).toThrow(
      'deprivedIndicators[1] must be an indicator number from 1 to 12, got 13',
    );
    expect(() => deprivationsFromNumbers([4, 4])).toThrow('deprivedIndicators[1]: indicator 4 is listed twice');
  });
});
