/** Numbers the Vietnamese way (1.234.567 ₫, 1,92%), whatever the label language. */
const LOCALE = 'vi-VN';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const vnd = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const points = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
const date = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

export const formatInt = (n: number) => integer.format(n);
export const formatVnd = (n: number) => vnd.format(n);
/** A percentage given in percent (1.92 → "1,92%"). */
export const formatPercent = (n: number) => percent.format(n / 100);
/** Percentage points with a sign (−1,25). */
export const formatPoints = (n: number) => points.format(n);
/** An ISO date (YYYY-MM-DD) as dd/mm/yyyy. */
export const formatDate = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
