import { categoryOn, isNewlyEscaped, type CertifiedReview } from './movements';

export type HouseholdCategoryName = 'POOR' | 'NEAR_POOR' | 'NEWLY_ESCAPED' | 'NOT_POOR';

/**
 * A household's category on a date, from its certified reviews: what other agencies (and the
 * bank's eligibility check) ask. Poor and near-poor come from the list in force; a household
 * on neither list is NEWLY_ESCAPED while within the window after escaping poverty, else
 * NOT_POOR. A household that left poverty for the near-poor list is NEAR_POOR: it is on that
 * list. Null when the household has no certified review on or before the date.
 */
export function householdCategoryOn(reviews: readonly CertifiedReview[], date: string): HouseholdCategoryName | null {
  const current = categoryOn(reviews, date);
  if (current === null) return null;
  if (current === 'POOR' || current === 'NEAR_POOR') return current;
  return isNewlyEscaped(reviews, date) ? 'NEWLY_ESCAPED' : 'NOT_POOR';
}
