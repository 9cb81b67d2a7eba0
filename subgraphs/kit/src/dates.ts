// Calendar dates as ISO strings (YYYY-MM-DD): no time zone can move a review date or a
// certification to the day before, and validated strings compare correctly as text.

/** Today in Vietnam (UTC+7): the date a write records, and what "today" means to a read. */
export const todayInVietnam = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** True for a real calendar date written YYYY-MM-DD (so 2025-02-30 is false). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the value if it is an ISO date; otherwise throws a RangeError naming the input. */
export function assertIsoDate(value: unknown, input: string): string {
  if (!isIsoDate(value))
    throw new RangeError(`${input} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day
 * (2024-02-29 + 36 months = 2027-02-28), so a window never spills into the next month.
 */
export function addMonths(date: string, months: number): string {
  assertIsoDate(date, 'date');
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}-${String(newDay).padStart(2, '0')}`;
}

/** The calendar day `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  assertIsoDate(date, 'date');
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
