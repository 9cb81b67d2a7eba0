import { LoanStatus } from './loan.entity';
import { LoanAction, nextLoanStatus, owedOn, repaymentSchedule } from './loan.rules';

describe('the repayment schedule made at disbursement', () => {
  it('equal principal every 6 months, the last at maturity; instalments add up to the principal exactly', () => {
    const schedule = repaymentSchedule(100_000_001, 60, '2025-03-10');
    expect(schedule.map((i) => i.dueOn)).toEqual([
      '2025-09-10',
      '2026-03-10',
      '2026-09-10',
      '2027-03-10',
      '2027-09-10',
      '2028-03-10',
      '2028-09-10',
      '2029-03-10',
      '2029-09-10',
      '2030-03-10',
    ]);
    expect(schedule.slice(0, 9).every((i) => i.principal === 10_000_000)).toBe(true);
    expect(schedule[9]!.principal).toBe(10_000_001);
    expect(schedule.reduce((s, i) => s + i.principal, 0)).toBe(100_000_001);
  });

  it('a term that is not a multiple of 6 ends with a shorter period; month ends are clamped', () => {
    expect(repaymentSchedule(35_000_000, 40, '2024-08-31').map((i) => [i.number, i.dueOn, i.principal])).toEqual([
      [1, '2025-02-28', 5_000_000],
      [2, '2025-08-31', 5_000_000],
      [3, '2026-02-28', 5_000_000],
      [4, '2026-08-31', 5_000_000],
      [5, '2027-02-28', 5_000_000],
      [6, '2027-08-31', 5_000_000],
      [7, '2027-12-31', 5_000_000],
    ]);
    expect(repaymentSchedule(5_000_000, 3, '2025-01-01')).toEqual([{ number: 1, dueOn: '2025-04-01', principal: 5_000_000 }]);
  });

  it('refuses a principal or term that is not a positive whole number', () => {
    expect(() => repaymentSchedule(0, 12, '2025-01-01')).toThrow(RangeError);
    expect(() => repaymentSchedule(1.5, 12, '2025-01-01')).toThrow(RangeError);
    expect(() => repaymentSchedule(1_000, 0, '2025-01-01')).toThrow(RangeError);
  });
});

describe("a loan's status", () => {
  const { APPLIED, APPROVED, DISBURSED, REPAYING, SETTLED, REJECTED, WRITTEN_OFF } = LoanStatus;

  it('moves application → approved → disbursed → repaying → settled', () => {
    expect(nextLoanStatus(APPLIED, LoanAction.APPROVE)).toBe(APPROVED);
    expect(nextLoanStatus(APPROVED, LoanAction.DISBURSE)).toBe(DISBURSED);
    expect(nextLoanStatus(DISBURSED, LoanAction.REPAY, 5)).toBe(REPAYING);
    expect(nextLoanStatus(REPAYING, LoanAction.REPAY, 5)).toBe(REPAYING);
    expect(nextLoanStatus(REPAYING, LoanAction.REPAY, 0)).toBe(SETTLED);
    expect(nextLoanStatus(DISBURSED, LoanAction.REPAY, 0)).toBe(SETTLED);
  });

  it('rejects before disbursement only, writes off after it only', () => {
    expect(nextLoanStatus(APPLIED, LoanAction.REJECT)).toBe(REJECTED);
    expect(nextLoanStatus(APPROVED, LoanAction.REJECT)).toBe(REJECTED);
    expect(nextLoanStatus(DISBURSED, LoanAction.REJECT)).toEqual({
      refused: 'a DISBURSED loan cannot be rejected: only APPLIED or APPROVED loans can',
    });
    expect(nextLoanStatus(REPAYING, LoanAction.WRITE_OFF)).toBe(WRITTEN_OFF);
    expect(nextLoanStatus(APPROVED, LoanAction.WRITE_OFF)).toHaveProperty('refused');
  });

  it('refuses moves out of order: disbursing an application, repaying a settled loan, approving twice', () => {
    expect(nextLoanStatus(APPLIED, LoanAction.DISBURSE)).toHaveProperty('refused');
    expect(nextLoanStatus(SETTLED, LoanAction.REPAY)).toHaveProperty('refused');
    expect(nextLoanStatus(APPROVED, LoanAction.APPROVE)).toHaveProperty('refused');
    expect(nextLoanStatus(REJECTED, LoanAction.CHECK_PURPOSE)).toHaveProperty('refused');
    expect(nextLoanStatus(SETTLED, LoanAction.CHECK_PURPOSE)).toBe(SETTLED);
  });

  it('a loan is owed from its disbursement day until the day it is settled or written off', () => {
    const loan = { status: SETTLED, disbursedOn: '2024-01-15', settledOn: '2026-01-15', writtenOffOn: null };
    expect(owedOn(loan, '2024-01-14')).toBe(false);
    expect(owedOn(loan, '2024-01-15')).toBe(true);
    expect(owedOn(loan, '2026-01-14')).toBe(true);
    expect(owedOn(loan, '2026-01-15')).toBe(false);
    expect(owedOn({ status: APPROVED, disbursedOn: null }, '2025-01-01')).toBe(false);
  });
});
