import { DISBURSED_STATUSES, type LoanStatus } from '../loan/loan.entity';

/*
 * Who counts as borrowing in a year, for the coverage report: a household owing on a loan at some
 * time during the year. A loan is owed from its disbursement until it is settled or written off,
 * so it counts for year Y when it was disbursed on or before 31 December Y and was not settled or
 * written off before 1 January Y (one closed on 1 January still counts: it was owed that day).
 * Applied, approved and rejected loans never lent anything. `BORROWING_SQL` is the same rule.
 */

export interface LoanDates {
  status: LoanStatus;
  disbursedOn: string | null;
  settledOn?: string | null;
  writtenOffOn?: string | null;
}

/** Whether the loan was owed at some time during `year` (ISO dates compare as text). */
export function owedDuringYear(loan: LoanDates, year: number): boolean {
  if (!DISBURSED_STATUSES.includes(loan.status) || !loan.disbursedOn) return false;
  const closedOn = loan.settledOn ?? loan.writtenOffOn ?? null;
  return loan.disbursedOn <= `${year}-12-31` && (closedOn === null || closedOn >= `${year}-01-01`);
}

/** The same rule in SQL over `loan l`, for the year expression `year` (an int). */
export const owedDuringYearSql = (year: string) => `
  l.status IN (${DISBURSED_STATUSES.map((s) => `'${s}'`).join(', ')})
  AND l.disbursed_on <= make_date(${year}, 12, 31)
  AND coalesce(l.settled_on, l.written_off_on, 'infinity'::date) >= make_date(${year}, 1, 1)`;
