import { addMonths } from '@gnbv/kit/rules';
import { DISBURSED_STATUSES, LoanStatus } from './loan.entity';
import type { Instalment } from './loan-standing';

/*
 * The rules of a loan's life, as plain functions: how its status moves, and the repayment
 * schedule made at disbursement. Resolvers call these; tests call them directly.
 */

/** Principal falls due every this many months after disbursement. */
export const INSTALMENT_INTERVAL_MONTHS = 6;

/**
 * The schedule made at disbursement: equal principal every 6 months after the disbursement day,
 * the last instalment on the maturity day (disbursement + term) taking the remainder, so the
 * instalments add up to the principal exactly in whole đồng. A term that is not a multiple of 6
 * gets a shorter last period (40 months: due at 6, 12, ..., 36 and 40). Interest is not
 * scheduled: it is due monthly on the balance (see loan-standing.ts).
 */
export function repaymentSchedule(principal: number, termMonths: number, disbursedOn: string): Instalment[] {
  if (!Number.isSafeInteger(principal) || principal <= 0)
    throw new RangeError(`principal must be a positive whole number of đồng`);
  if (!Number.isInteger(termMonths) || termMonths < 1) throw new RangeError(`termMonths must be a positive whole number`);
  const count = Math.ceil(termMonths / INSTALMENT_INTERVAL_MONTHS);
  const each = Math.floor(principal / count);
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueOn: addMonths(disbursedOn, Math.min(INSTALMENT_INTERVAL_MONTHS * (i + 1), termMonths)),
    principal: i === count - 1 ? principal - each * (count - 1) : each,
  }));
}

/** The day a loan disbursed on `disbursedOn` for `termMonths` falls due in full. */
export const maturityDate = (disbursedOn: string, termMonths: number) => addMonths(disbursedOn, termMonths);

export enum LoanAction {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DISBURSE = 'DISBURSE',
  REPAY = 'REPAY',
  WRITE_OFF = 'WRITE_OFF',
  CHECK_PURPOSE = 'CHECK_PURPOSE',
}

const { APPLIED, APPROVED, DISBURSED, REPAYING, SETTLED, REJECTED, WRITTEN_OFF } = LoanStatus;

const MOVES: Record<LoanAction, { from: readonly LoanStatus[]; verb: string }> = {
  APPROVE: { from: [APPLIED], verb: 'approved' },
  REJECT: { from: [APPLIED, APPROVED], verb: 'rejected' },
  DISBURSE: { from: [APPROVED], verb: 'disbursed' },
  REPAY: { from: [DISBURSED, REPAYING], verb: 'repaid' },
  WRITE_OFF: { from: [DISBURSED, REPAYING], verb: 'written off' },
  CHECK_PURPOSE: { from: [DISBURSED, REPAYING, SETTLED, WRITTEN_OFF], verb: 'checked for its use' },
};

/**
 * The status after `action`, or why it does not apply. A repayment settles the loan when it
 * leaves nothing owed (`owedAfter` 0); a purpose check leaves the status as it is.
 */
export function nextLoanStatus(current: LoanStatus, action: LoanAction, owedAfter?: number): LoanStatus | { refused: string } {
  const move = MOVES[action];
  if (!move.from.includes(current))
    return { refused: `a ${current} loan cannot be ${move.verb}: only ${move.from.join(' or ')} loans can` };
  switch (action) {
    case LoanAction.APPROVE:
      return APPROVED;
    case LoanAction.REJECT:
      return REJECTED;
    case LoanAction.DISBURSE:
      return DISBURSED;
    case LoanAction.REPAY:
      return owedAfter === 0 ? SETTLED : REPAYING;
    case LoanAction.WRITE_OFF:
      return WRITTEN_OFF;
    case LoanAction.CHECK_PURPOSE:
      return current;
  }
}

/** Whether a loan was owed on `date` (disbursed by then, not yet settled or written off). */
export function owedOn(
  loan: { status: LoanStatus; disbursedOn: string | null; settledOn?: string | null; writtenOffOn?: string | null },
  date: string,
): boolean {
  if (!loan.disbursedOn || !DISBURSED_STATUSES.includes(loan.status) || loan.disbursedOn > date) return false;
  const closed = loan.settledOn ?? loan.writtenOffOn ?? null;
  return closed === null || date < closed;
}
