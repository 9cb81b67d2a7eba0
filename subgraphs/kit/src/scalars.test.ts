import { IsoDateScalar, toVnd, VndScalar } from './scalars';

describe('VND scalar', () => {
  it('carries amounts beyond 32-bit Int exactly (a province budget of 6.4 billion đồng)', () => {
    expect(VndScalar.serialize('6400000000')).toBe(6_400_000_000);
    expect(VndScalar.parseValue(6_400_000_000)).toBe(6_400_000_000);
  });

  it('accepts the largest safe integer and refuses one more', () => {
    expect(toVnd('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toVnd('9007199254740992')).toThrow(/between/);
  });

  it('refuses fractions, text and injection attempts with a coded error', () => {
    for (const bad of [1.5, '12.5', 'abc', "1' OR 1=1 --", { $ne: null }, null]) {
      expect(() => VndScalar.parseValue(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
  });
});

describe('Date scalar', () => {
  it('keeps calendar days as ISO text', () => {
    expect(IsoDateScalar.parseValue('2025-07-01')).toBe('2025-07-01');
    expect(IsoDateScalar.serialize('2024-02-29')).toBe('2024-02-29');
  });

  it('refuses days that do not exist and other formats', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '01/07/2025', '2025-7-1', 20250701]) {
      expect(() => IsoDateScalar.parseValue(bad)).toThrow(/Date:/);
    }
  });
});
