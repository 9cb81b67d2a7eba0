import { dayOfIso, isoOfDay } from '@gnbv/kit';
import { migrations } from '../data-source';
import { loanStanding } from '../loan/loan-standing';
import { repaymentSchedule } from '../loan/loan.rules';
import { meetingOnOrAfter, MIGRATION_PROGRAMMES, programmeOn, repay, type Repaying } from './lending';

const loan = { id: 'l', principal: 30_000_000, termMonths: 36, annualRatePercent: 6.6, disbursedOn: '2025-01-10' };
const standing = (how: Repaying, asOf = '2025-12-31', meetingDay = 10) => {
  const outcome = repay(loan, how, meetingDay, asOf, (n) => `r${n}`);
  return {
    outcome,
    standing: loanStanding(
      { disbursedOn: loan.disbursedOn, annualRatePercent: loan.annualRatePercent, instalments: outcome.instalments },
      outcome.repayments,
      asOf,
    ),
  };
};

describe("the bank's programme versions", () => {
  test('the copy here is what migration LoanProgrammes1764300000000 writes', async () => {
    const migration = migrations.find((m) => m.name === 'LoanProgrammes1764300000000');
    if (!migration) throw new Error('no LoanProgrammes migration');
    const inserted: unknown[][] = [];
    const runner = {
      query: async (sql: string, params?: unknown[]) => {
        if (/INSERT INTO loan_programme/.test(sql)) inserted.push(params ?? []);
        return [];
      },
    };
    await new migration().up(runner as never);
    expect(
      inserted.map(([code, , from, to, rate, overdue, ceiling, term, qualifying]) => [
        code,
        from,
        to,
        rate,
        overdue,
        ceiling,
        term,
        qualifying,
      ]),
    ).toEqual(
      MIGRATION_PROGRAMMES.map((p) => [
        p.code,
        p.validFrom,
        p.validTo,
        p.annualRatePercent,
        p.overdueRatePercent,
        p.ceilingPerHousehold,
        p.maxTermMonths,
        p.qualifyingCategories,
      ]),
    );
  });

  test('the version in force on a day: the 50m ceiling before 2022-07-01, 100m from then', () => {
    expect(programmeOn(MIGRATION_PROGRAMMES, 'POOR_HOUSEHOLD' as never, '2022-06-30')?.ceilingPerHousehold).toBe(50_000_000);
    expect(programmeOn(MIGRATION_PROGRAMMES, 'POOR_HOUSEHOLD' as never, '2022-07-01')?.ceilingPerHousehold).toBe(100_000_000);
    expect(programmeOn(MIGRATION_PROGRAMMES, 'POOR_HOUSEHOLD' as never, '2009-12-31')).toBeNull();
  });
});

describe('repayments as the bank computes them', () => {
  test("the schedule is the bank's; an on-time borrower owes nothing overdue and no interest on the books' day", () => {
    const { outcome, standing: s } = standing({ kind: 'ON_TIME' });
    expect(outcome.instalments.map((i) => [i.number, i.dueOn, i.principal])).toEqual(
      repaymentSchedule(30_000_000, 36, '2025-01-10').map((i) => [i.number, i.dueOn, i.principal]),
    );
    expect(outcome.status).toBe('REPAYING');
    expect(outcome.maturesOn).toBe('2028-01-10');
    // Eleven months of interest (to 2025-12-10) and the first instalment (2025-07-10), on the meeting day.
    expect(outcome.repayments).toHaveLength(11);
    expect(outcome.repayments.map((r) => r.paidOn.slice(8))).toEqual(Array(11).fill('10'));
    expect(s).toMatchObject({ outstanding: 25_000_000, overdueAmount: 0, interestArrears: 0 });
    expect(s.interestPaid).toBe(s.interestDue);
  });

  test('payments fall on the meeting day on or before each due day, inside the month they pay for', () => {
    const { outcome, standing: s } = standing({ kind: 'ON_TIME' }, '2025-12-31', 25);
    expect(outcome.repayments[0]?.paidOn).toBe('2025-01-25');
    expect(outcome.repayments.every((r) => r.paidOn.endsWith('-25'))).toBe(true);
    expect(s).toMatchObject({ overdueAmount: 0, interestArrears: 0, outstanding: 25_000_000 });
  });

  test('a missed instalment is overdue on the books day; interest-only keeps the interest paid', () => {
    const missed = standing({ kind: 'MISSED', from: 6, interestOnly: false });
    expect(missed.standing).toMatchObject({ overdueAmount: 5_000_000, oldestUnpaidDueOn: '2025-07-10', daysOverdue: 174 });
    expect(missed.standing.interestArrears).toBe(6 * 165_000);
    const interestOnly = standing({ kind: 'MISSED', from: 6, interestOnly: true });
    expect(interestOnly.standing).toMatchObject({ overdueAmount: 5_000_000, interestArrears: 0 });
    const nothing = standing({ kind: 'MISSED', from: 1, interestOnly: false });
    expect(nothing.outcome.status).toBe('DISBURSED');
    expect(nothing.outcome.repayments).toEqual([]);
  });

  test('early repayment settles on the day of the last repayment; a write-off stops the payments', () => {
    const early = standing({ kind: 'EARLY', month: 8 });
    expect(early.outcome.status).toBe('SETTLED');
    expect(early.outcome.settledOn).toBe(early.outcome.repayments.at(-1)?.paidOn);
    expect(early.standing).toMatchObject({ outstanding: 0, overdueAmount: 0 });
    const off = standing({ kind: 'WRITTEN_OFF', from: 4, on: dayOfIso('2025-11-20'), reason: 'lũ quét' });
    expect(off.outcome).toMatchObject({ status: 'WRITTEN_OFF', writtenOffOn: '2025-11-20', writeOffReason: 'lũ quét' });
    expect(off.outcome.repayments).toHaveLength(3);
    // Repaid to maturity: settled at the last instalment.
    const matured = standing({ kind: 'ON_TIME' }, '2028-12-31');
    expect(matured.outcome).toMatchObject({ status: 'SETTLED', settledOn: '2028-01-10' });
  });

  test('a meeting on or after a day: this month if not yet past, else the next (day 31 of a short month excepted by design)', () => {
    expect(isoOfDay(meetingOnOrAfter(dayOfIso('2025-02-10'), 10))).toBe('2025-02-10');
    expect(isoOfDay(meetingOnOrAfter(dayOfIso('2025-02-11'), 10))).toBe('2025-03-10');
    expect(isoOfDay(meetingOnOrAfter(dayOfIso('2025-12-20'), 15))).toBe('2026-01-15');
  });
});
