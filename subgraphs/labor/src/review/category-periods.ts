import { householdCategoryOn, type HouseholdCategoryName } from './household-category';
import { newlyEscapedUntil, type CertifiedReview } from './movements';

/** A stretch of days over which a household's certified category did not change: [from, until). */
export interface CategoryPeriod {
  category: HouseholdCategoryName;
  from: string;
  /** The first day of the next period; null while it lasts. */
  until: string | null;
}

/**
 * A household's certified category over time, from its certified reviews: the whole answer to
 * "what was its category on date D" for every D, so another subgraph can read it once (through
 * federation, `@requires`) and pick the date it needs. The category changes only on the day a
 * list is certified and on the day a newly-escaped window closes, so those days are the only
 * boundaries. Days before the first certification belong to no period.
 */
export function categoryPeriods(reviews: readonly CertifiedReview[]): CategoryPeriod[] {
  const boundaries = new Set(reviews.map((r) => r.certifiedOn));
  for (const day of [...boundaries]) {
    const until = newlyEscapedUntil(reviews, day);
    if (until) boundaries.add(until);
  }
  const days = [...boundaries].sort();
  const periods: CategoryPeriod[] = [];
  for (const day of days) {
    const category = householdCategoryOn(reviews, day);
    if (category === null) continue;
    const last = periods.at(-1);
    if (last && last.category === category) continue;
    if (last) last.until = day;
    periods.push({ category, from: day, until: null });
  }
  return periods;
}
