import {
  BUILT_IN_STANDARDS,
  type PovertyStandard,
  standardGaps,
  standardInForce,
  toPovertyStandard,
  validateStandards,
} from './poverty-standard';

const standard = (
  code: string,
  validFrom: string,
  validTo: string | null,
  overrides: Partial<PovertyStandard> = {},
): PovertyStandard => ({
  code,
  name: `Decree ${code}`,
  legalBasis: `Decree ${code}`,
  validFrom,
  validTo,
  minDeprivations: 3,
  lines: {
    RURAL: { povertyLine: 1_000_000, averageLivingUpperBound: 1_500_000 },
    URBAN: { povertyLine: 1_300_000, averageLivingUpperBound: null },
  },
  ...overrides,
});

describe('the built-in standards', () => {
  it('are valid and leave no gap from 2022 to 2030', () => {
    expect(validateStandards(BUILT_IN_STANDARDS)).toEqual([]);
    expect(standardGaps(BUILT_IN_STANDARDS)).toEqual([]);
  });

  it('keep Decree 07 lines through 2026 and use Decree 351 lines from 2027', () => {
    const in2026 = standardInForce(BUILT_IN_STANDARDS, '2026-12-31');
    expect(in2026.name).toBe('Decree 07/2021/NĐ-CP');
    expect(in2026.lines.RURAL).toEqual({ povertyLine: 1_500_000, averageLivingUpperBound: 2_250_000 });
    expect(in2026.lines.URBAN).toEqual({ povertyLine: 2_000_000, averageLivingUpperBound: 3_000_000 });
    const in2027 = standardInForce(BUILT_IN_STANDARDS, '2027-01-01');
    expect(in2027.name).toBe('Decree 351/2025/NĐ-CP');
    expect(in2027.lines.RURAL.povertyLine).toBe(2_200_000);
    expect(in2027.lines.URBAN.povertyLine).toBe(2_800_000);
    expect(in2027.minDeprivations).toBe(3);
  });

  it('leave the Decree 351 average-living-standard bounds unknown rather than invented', () => {
    const decree351 = standardInForce(BUILT_IN_STANDARDS, '2028-06-30');
    expect(decree351.lines.RURAL.averageLivingUpperBound).toBeNull();
    expect(decree351.lines.URBAN.averageLivingUpperBound).toBeNull();
  });
});

describe('standardInForce', () => {
  const standards = [standard('A', '2022-01-01', '2027-01-01'), standard('B', '2027-01-01', null)];

  it('includes validFrom and excludes validTo', () => {
    expect(standardInForce(standards, '2022-01-01').code).toBe('A');
    expect(standardInForce(standards, '2026-12-31').code).toBe('A');
    expect(standardInForce(standards, '2027-01-01').code).toBe('B');
    expect(standardInForce(standards, '2099-12-31').code).toBe('B');
  });

  it('uses only the standards it is given, not the built-in ones', () => {
    expect(standardInForce([standard('PROVINCE', '2024-01-01', '2025-01-01')], '2024-06-01').code).toBe('PROVINCE');
    expect(() => standardInForce([], '2024-06-01')).toThrow('No poverty standard is in force on 2024-06-01');
  });

  it('throws naming the date when no standard is in force', () => {
    expect(() => standardInForce(standards, '2021-12-31')).toThrow('No poverty standard is in force on 2021-12-31');
    expect(() => standardInForce(BUILT_IN_STANDARDS, '2031-01-01')).toThrow('No poverty standard is in force on 2031-01-01');
  });

  it('throws naming the date and the codes when two standards overlap on it', () => {
    const overlapping = [...standards, standard('C', '2026-07-01', '2027-07-01')];
    expect(() => standardInForce(overlapping, '2026-08-01')).toThrow(
      'More than one poverty standard is in force on 2026-08-01: A, C',
    );
    expect(() => standardInForce(overlapping, '2027-02-01')).toThrow('2027-02-01: B, C');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => standardInForce(standards, '2026-02-30')).toThrow(RangeError);
    expect(() => standardInForce(standards, '1/1/2026')).toThrow(
      'date must be a calendar date written YYYY-MM-DD, got "1/1/2026"',
    );
  });
});

describe('validateStandards', () => {
  it('reports overlapping periods, including an open-ended one', () => {
    expect(validateStandards([standard('A', '2022-01-01', '2027-01-01'), standard('B', '2026-01-01', null)])).toEqual([
      'standards "A" (2022-01-01 to 2027-01-01) and "B" (2026-01-01 to open end) overlap',
    ]);
  });

  it('accepts adjacent periods: validTo is exclusive', () => {
    expect(validateStandards([standard('A', '2022-01-01', '2027-01-01'), standard('B', '2027-01-01', null)])).toEqual([]);
  });

  it('does not treat a gap as a problem but lists it separately', () => {
    const withGap = [standard('B', '2028-01-01', null), standard('A', '2022-01-01', '2027-01-01')];
    expect(validateStandards(withGap)).toEqual([]);
    expect(standardGaps(withGap)).toEqual([{ from: '2027-01-01', to: '2028-01-01' }]);
  });

  it('requires lines to be positive whole đồng', () => {
    const lines = {
      RURAL: { povertyLine: 0, averageLivingUpperBound: null },
      URBAN: { povertyLine: 1_500_000.5, averageLivingUpperBound: null },
    };
    expect(validateStandards([standard('A', '2022-01-01', null, { lines })])).toEqual([
      'standard "A": rural poverty line 0 is not a positive whole number of đồng',
      'standard "A": urban poverty line 1500000.5 is not a positive whole number of đồng',
    ]);
  });

  it('requires a known upper bound to be above the poverty line', () => {
    const lines = {
      RURAL: { povertyLine: 1_500_000, averageLivingUpperBound: 1_500_000 },
      URBAN: { povertyLine: 2_000_000, averageLivingUpperBound: -1 },
    };
    expect(validateStandards([standard('A', '2022-01-01', null, { lines })])).toEqual([
      'standard "A": rural average-living-standard upper bound 1500000 is not above the poverty line 1500000',
      'standard "A": urban average-living-standard upper bound -1 is not a positive whole number of đồng',
    ]);
  });

  it('reports bad periods, duplicate codes and an impossible number of deprivations', () => {
    expect(
      validateStandards([
        standard('A', '2027-01-01', '2027-01-01'),
        standard('A', '2030-13-01', null, { minDeprivations: 13 }),
        standard('', '2040-01-01', 'soon', { minDeprivations: 0 }),
      ]),
    ).toEqual([
      'standard "A": validTo 2027-01-01 is not after validFrom 2027-01-01',
      'standard "A": code is used by more than one standard',
      'standard "A": validFrom "2030-13-01" is not a YYYY-MM-DD date',
      'standard "A": minDeprivations 13 is not a whole number from 1 to 12',
      'standard "": code is empty',
      'standard "": validTo "soon" is not a YYYY-MM-DD date or null',
      'standard "": minDeprivations 0 is not a whole number from 1 to 12',
    ]);
  });
});

describe('toPovertyStandard', () => {
  const stored = {
    code: 'ND07-2021',
    name: 'Decree 07/2021/NĐ-CP',
    legalBasis: 'Decree 07/2021/NĐ-CP',
    validFrom: '2022-01-01',
    validTo: '2027-01-01',
    minDeprivations: 3,
    lines: [
      { area: 'URBAN' as const, povertyLine: 2_000_000, averageLivingUpperBound: 3_000_000 },
      { area: 'RURAL' as const, povertyLine: 1_500_000, averageLivingUpperBound: 2_250_000 },
    ],
  };

  it('keys the stored line rows by area, giving the built-in shape', () => {
    expect(toPovertyStandard(stored)).toEqual({ ...BUILT_IN_STANDARDS[0], legalBasis: 'Decree 07/2021/NĐ-CP' });
  });

  it('refuses a standard missing an area or with an area twice', () => {
    expect(() => toPovertyStandard({ ...stored, lines: stored.lines.slice(0, 1) })).toThrow(
      new RangeError('standard ND07-2021: lines needs one RURAL and one URBAN row'),
    );
    expect(() => toPovertyStandard({ ...stored, lines: [...stored.lines, stored.lines[0]!] })).toThrow(
      'standard ND07-2021: lines has two URBAN rows',
    );
  });
});
