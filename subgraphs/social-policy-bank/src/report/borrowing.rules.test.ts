import { LoanStatus } from '../loan/loan.entity';
import { owedDuringYear } from './borrowing.rules';

const loan = (status: LoanStatus, disbursedOn: string | null, closed: { settledOn?: string; writtenOffOn?: string } = {}) => ({
  status,
  disbursedOn,
  ...closed,
});

describe('a household borrows in a year when it owes on a loan at some time during it', () => {
  it('counts a loan disbursed during the year, or before and still owed', () => {
    expect(owedDuringYear(loan(LoanStatus.DISBURSED, '2025-12-31'), 2025)).toBe(true);
    expect(owedDuringYear(loan(LoanStatus.REPAYING, '2021-03-01'), 2025)).toBe(true);
  });

  it('does not count a loan disbursed after the year', () => {
    expect(owedDuringYear(loan(LoanStatus.DISBURSED, '2026-01-01'), 2025)).toBe(false);
  });

  it('counts a loan settled or written off during the year, even on 1 January, not one closed before', () => {
    expect(owedDuringYear(loan(LoanStatus.SETTLED, '2022-05-01', { settledOn: '2025-01-01' }), 2025)).toBe(true);
    expect(owedDuringYear(loan(LoanStatus.WRITTEN_OFF, '2022-05-01', { writtenOffOn: '2025-06-30' }), 2025)).toBe(true);
    expect(owedDuringYear(loan(LoanStatus.SETTLED, '2022-05-01', { settledOn: '2024-12-31' }), 2025)).toBe(false);
  });

  it('never counts a loan that lent nothing', () => {
    for (const status of [LoanStatus.APPLIED, LoanStatus.APPROVED, LoanStatus.REJECTED])
      expect(owedDuringYear(loan(status, null), 2025)).toBe(false);
  });
});
