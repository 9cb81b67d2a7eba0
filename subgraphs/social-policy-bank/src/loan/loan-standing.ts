import { addMonths } from '@gnbv/kit/rules';

/*
 * Where a loan stands on a day, from its schedule and its repayments alone: a pure function, so
 * a balance or an arrears figure is never stored where it could drift from the payments.
 *
 * - Repayments count from their day on (paidOn <= asOf); principal repaid covers the
 *   instalments oldest first, whatever day it was paid.
 * - Overdue: principal of instalments due before `asOf` (dueOn < asOf: the due day itself is
 *   still in time) not covered by the principal repaid. Days overdue run from the due day of the
 *   oldest instalment not fully covered.
 * - Interest: each whole month after disbursement, the balance at the start of the month
 *   (repayments on that day count) times the annual rate / 12, rounded to the đồng, falls due
 *   at the month's end. Interest arrears are interest due and not paid; they are reported, not
 *   counted as overdue principal. (The overdue rate on overdue principal is recorded with the
 *   loan but not charged here.)
 */

export interface Instalment {
  number: number;
  dueOn: string;
  principal: number;
}

export interface Repayment {
  paidOn: string;
  principal: number;
  interest: number;
}

/** A disbursed loan's schedule: the instalments add up to the principal lent. */
export interface LoanSchedule {
  disbursedOn: string;
  annualRatePercent: number;
  instalments: readonly Instalment[];
}

export interface LoanStanding {
  asOf: string;
  /** Principal lent (0 before the disbursement day). */
  principal: number;
  principalRepaid: number;
  outstanding: number;
  /** Principal due before `asOf` and not repaid. */
  overdueAmount: number;
  /** Days since the due day of the oldest instalment not fully repaid, when something is overdue; else 0. */
  daysOverdue: number;
  /** Due day of the oldest instalment not fully repaid (overdue or not); null when all is repaid. */
  oldestUnpaidDueOn: string | null;
  /** The next instalment due on or after `asOf` with something left to pay, and what is left of it. */
  nextDueOn: string | null;
  nextDueAmount: number;
  /** Interest fallen due over the whole months since disbursement. */
  interestDue: number;
  interestPaid: number;
  interestArrears: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Where the loan stands on `asOf`; see the rules above. */
export function loanStanding(schedule: LoanSchedule, repayments: readonly Repayment[], asOf: string): LoanStanding {
  const instalments = [...schedule.instalments].sort((a, b) =>
    a.dueOn === b.dueOn ? a.number - b.number : a.dueOn < b.dueOn ? -1 : 1,
  );
  const lent = asOf < schedule.disbursedOn ? 0 : instalments.reduce((sum, i) => sum + i.principal, 0);
  const counted = repayments.filter((r) => r.paidOn <= asOf && asOf >= schedule.disbursedOn);
  const principalRepaid = Math.min(
    lent,
    counted.reduce((sum, r) => sum + r.principal, 0),
  );
  const interestPaid = counted.reduce((sum, r) => sum + r.interest, 0);

  let covered = principalRepaid;
  let dueBefore = 0;
  let oldestUnpaidDueOn: string | null = null;
  let nextDueOn: string | null = null;
  let nextDueAmount = 0;
  for (const instalment of lent === 0 ? [] : instalments) {
    const paidOfIt = Math.min(covered, instalment.principal);
    covered -= paidOfIt;
    if (instalment.dueOn < asOf) dueBefore += instalment.principal;
    const left = instalment.principal - paidOfIt;
    if (left === 0) continue;
    oldestUnpaidDueOn ??= instalment.dueOn;
    if (nextDueOn === null && instalment.dueOn >= asOf) {
      nextDueOn = instalment.dueOn;
      nextDueAmount = left;
    }
  }
  const overdueAmount = Math.max(0, dueBefore - principalRepaid);
  const daysOverdue = overdueAmount > 0 && oldestUnpaidDueOn ? daysBetween(oldestUnpaidDueOn, asOf) : 0;

  let interestDue = 0;
  if (lent > 0) {
    for (let month = 0; ; month++) {
      const start = addMonths(schedule.disbursedOn, month);
      if (addMonths(schedule.disbursedOn, month + 1) > asOf) break;
      const repaidByStart = counted.filter((r) => r.paidOn <= start).reduce((sum, r) => sum + r.principal, 0);
      const balance = lent - Math.min(lent, repaidByStart);
      if (balance === 0) break;
      interestDue += Math.round((balance * schedule.annualRatePercent) / 100 / 12);
    }
  }

  return {
    asOf,
    principal: lent,
    principalRepaid,
    outstanding: lent - principalRepaid,
    overdueAmount,
    daysOverdue,
    oldestUnpaidDueOn,
    nextDueOn,
    nextDueAmount,
    interestDue,
    interestPaid,
    interestArrears: Math.max(0, interestDue - interestPaid),
  };
}
