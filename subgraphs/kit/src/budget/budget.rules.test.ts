import { disbursementCheck, disbursementRate, isLate } from './budget.rules';

const line = { allocated: 1_000_000_000, disbursed: 600_000_000, deadline: '2025-09-30' };

describe('budget line rules', () => {
  it('lets a disbursement reach the allocation exactly, and not a đồng more', () => {
    expect(disbursementCheck(line, 400_000_000)).toEqual({ fits: true });
    expect(disbursementCheck(line, 400_000_001)).toEqual({ fits: false, headroom: 400_000_000, after: 1_000_000_001 });
    expect(disbursementCheck({ ...line, disbursed: 1_200_000_000 }, 1)).toEqual({
      fits: false,
      headroom: 0,
      after: 1_200_000_001,
    });
  });

  it('computes the disbursement rate, 0 for a line with nothing allocated', () => {
    expect(disbursementRate(line)).toBe(0.6);
    expect(disbursementRate({ allocated: 3, disbursed: 1 })).toBe(0.3333);
    expect(disbursementRate({ allocated: 0, disbursed: 0 })).toBe(0);
  });

  it('calls a line late only after its deadline and only while money is undisbursed', () => {
    expect(isLate(line, '2025-09-30')).toBe(false);
    expect(isLate(line, '2025-10-01')).toBe(true);
    expect(isLate({ ...line, disbursed: line.allocated }, '2026-01-01')).toBe(false);
  });
});
