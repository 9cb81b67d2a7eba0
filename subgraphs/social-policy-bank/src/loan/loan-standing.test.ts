import { loanStanding, type LoanSchedule, type Repayment } from './loan-standing';
import { repaymentSchedule } from './loan.rules';

/** 60,000,000 over 36 months from 2024-01-15: 10,000,000 due every 6 months, 2024-07-15 to 2027-01-15. */
const SCHEDULE: LoanSchedule = {
  disbursedOn: '2024-01-15',
  annualRatePercent: 6.6,
  instalments: repaymentSchedule(60_000_000, 36, '2024-01-15'),
};
const paid = (paidOn: string, principal: number, interest = 0): Repayment => ({ paidOn, principal, interest });

describe('loanStanding: overdue principal', () => {
  it('nothing is overdue before the first due day, nor on it', () => {
    expect(loanStanding(SCHEDULE, [], '2024-07-14')).toMatchObject({
      principal: 60_000_000,
      outstanding: 60_000_000,
      overdueAmount: 0,
      daysOverdue: 0,
      oldestUnpaidDueOn: '2024-07-15',
      nextDueOn: '2024-07-15',
      nextDueAmount: 10_000_000,
    });
    expect(loanStanding(SCHEDULE, [], '2024-07-15')).toMatchObject({ overdueAmount: 0, daysOverdue: 0 });
  });

  it('the day after an unpaid due day, that instalment is overdue by 1 day', () => {
    expect(loanStanding(SCHEDULE, [], '2024-07-16')).toMatchObject({
      overdueAmount: 10_000_000,
      daysOverdue: 1,
      oldestUnpaidDueOn: '2024-07-15',
      nextDueOn: '2025-01-15',
    });
  });

  it('a repayment counts from its day: overdue the day before, cleared that day', () => {
    const repayments = [paid('2024-07-20', 10_000_000)];
    expect(loanStanding(SCHEDULE, repayments, '2024-07-19')).toMatchObject({ overdueAmount: 10_000_000, daysOverdue: 4 });
    expect(loanStanding(SCHEDULE, repayments, '2024-07-20')).toMatchObject({
      overdueAmount: 0,
      daysOverdue: 0,
      outstanding: 50_000_000,
      principalRepaid: 10_000_000,
      oldestUnpaidDueOn: '2025-01-15',
    });
  });

  it('a part payment leaves the rest overdue, still counted from the oldest unpaid due day', () => {
    expect(loanStanding(SCHEDULE, [paid('2024-08-01', 4_000_000)], '2024-09-14')).toMatchObject({
      overdueAmount: 6_000_000,
      daysOverdue: 61,
      oldestUnpaidDueOn: '2024-07-15',
    });
  });

  it('two missed instalments: the amount of both, the days from the older one', () => {
    expect(loanStanding(SCHEDULE, [], '2025-01-16')).toMatchObject({ overdueAmount: 20_000_000, daysOverdue: 185 });
  });

  it('principal paid ahead covers later instalments oldest first', () => {
    const ahead = [paid('2024-03-01', 25_000_000)];
    expect(loanStanding(SCHEDULE, ahead, '2025-01-16')).toMatchObject({ overdueAmount: 0, oldestUnpaidDueOn: '2025-07-15' });
    expect(loanStanding(SCHEDULE, ahead, '2025-07-16')).toMatchObject({
      overdueAmount: 5_000_000,
      daysOverdue: 1,
      oldestUnpaidDueOn: '2025-07-15',
    });
  });

  it('a repaid loan owes nothing and has nothing overdue, even long after maturity', () => {
    const all = [paid('2024-07-15', 10_000_000), paid('2026-12-01', 50_000_000)];
    expect(loanStanding(SCHEDULE, all, '2030-01-01')).toMatchObject({
      outstanding: 0,
      overdueAmount: 0,
      daysOverdue: 0,
      oldestUnpaidDueOn: null,
      nextDueOn: null,
    });
  });

  it('after maturity, everything unpaid is overdue', () => {
    expect(loanStanding(SCHEDULE, [paid('2024-07-15', 10_000_000)], '2027-02-15')).toMatchObject({
      overdueAmount: 50_000_000,
      daysOverdue: 761, // since the oldest unpaid instalment's due day, 2025-01-15
      oldestUnpaidDueOn: '2025-01-15',
      nextDueOn: null,
    });
  });

  it('before the disbursement day nothing is lent or owed', () => {
    expect(loanStanding(SCHEDULE, [], '2024-01-14')).toMatchObject({
      principal: 0,
      outstanding: 0,
      overdueAmount: 0,
      interestDue: 0,
    });
  });
});

describe('loanStanding: interest', () => {
  const TWELVE: LoanSchedule = {
    disbursedOn: '2024-01-31',
    annualRatePercent: 6.6,
    instalments: repaymentSchedule(12_000_000, 12, '2024-01-31'),
  };

  it('interest falls due at the end of each whole month, on the balance at its start', () => {
    // 12,000,000 × 6.6 % / 12 = 66,000 a month; month ends are 02-29, 03-31, 04-30 (clamped).
    expect(loanStanding(TWELVE, [], '2024-02-28').interestDue).toBe(0);
    expect(loanStanding(TWELVE, [], '2024-02-29').interestDue).toBe(66_000);
    expect(loanStanding(TWELVE, [], '2024-04-30').interestDue).toBe(198_000);
  });

  it('a principal repayment lowers the interest from the month it was made at the start of', () => {
    // 6,000,000 repaid on 2024-02-29 (the start of the second month): 66,000 + 33,000 + 33,000.
    const r = loanStanding(TWELVE, [paid('2024-02-29', 6_000_000, 66_000)], '2024-04-30');
    expect(r).toMatchObject({ interestDue: 132_000, interestPaid: 66_000, interestArrears: 66_000 });
  });

  it('rounds each month to the đồng and stops once nothing is owed', () => {
    const odd: LoanSchedule = {
      disbursedOn: '2024-01-01',
      annualRatePercent: 6.6,
      instalments: repaymentSchedule(10_000_001, 6, '2024-01-01'),
    };
    expect(loanStanding(odd, [], '2024-02-01').interestDue).toBe(55_000);
    expect(loanStanding(odd, [paid('2024-02-01', 10_000_001, 55_000)], '2024-12-01')).toMatchObject({
      interestDue: 55_000,
      interestArrears: 0,
    });
  });
});
