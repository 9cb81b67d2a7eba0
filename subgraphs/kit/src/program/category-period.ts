import type { HouseholdCategory } from './catalogue';

/** The category on `date` from a household's periods; null before its first certified review. */
export function categoryOnDate(
  periods: ReadonlyArray<{ category: string; from: string; until: string | null }>,
  date: string,
): HouseholdCategory | null {
  const period = periods.find((p) => p.from <= date && (p.until === null || date < p.until));
  return (period?.category as HouseholdCategory | undefined) ?? null;
}
