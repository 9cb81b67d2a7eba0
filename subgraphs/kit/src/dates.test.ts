import { addMonths, assertIsoDate, isIsoDate } from './dates';

describe('ISO dates', () => {
  it('accept only real calendar days written YYYY-MM-DD', () => {
    expect(['2024-02-29', '2025-12-31', '2026-01-01'].every(isIsoDate)).toBe(true);
    expect(['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-1', '2025-01-01T00:00:00Z', '', 20250101].some(isIsoDate)).toBe(
      false,
    );
  });

  it('name the input when refusing one', () => {
    expect(() => assertIsoDate('31/12/2025', 'certifiedOn')).toThrow(
      new RangeError('certifiedOn must be a calendar date written YYYY-MM-DD, got "31/12/2025"'),
    );
  });

  it('add calendar months, ending on the last day of a shorter month', () => {
    expect(addMonths('2023-12-20', 36)).toBe('2026-12-20');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28');
    expect(addMonths('2025-01-31', -2)).toBe('2024-11-30');
    expect(addMonths('2025-05-15', 0)).toBe('2025-05-15');
  });
});
