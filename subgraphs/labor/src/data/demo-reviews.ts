import { Random, type Row } from '@gnbv/kit';
import type { Household } from '../household/household.entity';
import { classify } from '../poverty-standard/classify';
import { BUILT_IN_STANDARDS, standardInForce } from '../poverty-standard/poverty-standard';
import { ReviewState, type PovertyClass, type PovertyReview } from '../review/review.entity';
import { REFORM_DATE } from './demo-territory';
type Planned = 'POOR' | 'NEAR_POOR' | 'NOT_POOR';

/** The review classes that lead to each current category: last year's, then this year's. */
const PLAN: Record<string, (rnd: Random) => [Planned, Planned]> = {
  POOR: () => ['POOR', 'POOR'],
  NEAR_POOR: (rnd) => [rnd.chance(0.3) ? 'POOR' : 'NEAR_POOR', 'NEAR_POOR'],
  NEWLY_ESCAPED: () => ['POOR', 'NOT_POOR'],
  NOT_POOR: () => ['NOT_POOR', 'NOT_POOR'],
};

/** Distinct indicator numbers (1-12): at least 3 for a poor household, at most 2 otherwise. */
function deprivations(rnd: Random, planned: Planned): boolean[] {
  const count = planned === 'POOR' ? rnd.int(3, 6) : rnd.int(0, 2);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rnd.int(1, 12));
  return Array.from({ length: 12 }, (_, i) => chosen.has(i + 1));
}

/**
 * Certified 2024 and 2025 reviews for every demo household, consistent with its current
 * category, each classified by the registry's own rule under the standard in force. A separate
 * random stream, so the rest of the demo data set is unchanged.
 */
export function demoReviews(households: readonly Row<Household>[], seed: number): Row<PovertyReview>[] {
  const rnd = new Random(seed);
  const reviews: Row<PovertyReview>[] = [];
  for (const h of households) {
    const line = h.area === 'URBAN' ? 2_000_000 : 1_500_000;
    const plan = (PLAN[h.category] as (r: Random) => [Planned, Planned])(rnd);
    plan.forEach((planned, i) => {
      const year = 2024 + i;
      const reviewDate = `${year}-10-15`;
      const income =
        year === 2025 && h.monthlyIncomePerPerson !== null
          ? h.monthlyIncomePerPerson
          : planned === 'NOT_POOR'
            ? rnd.int(line + 50_000, line * 2)
            : Math.round(rnd.int(line / 2, line) / 1000) * 1000;
      const result = classify({
        incomePerPersonMonthly: Math.round(income / 1000) * 1000,
        deprivations: deprivations(rnd, planned),
        area: h.area as 'RURAL' | 'URBAN',
        standard: standardInForce(BUILT_IN_STANDARDS, reviewDate),
      });
      reviews.push({
        id: rnd.uuid(),
        householdId: h.id,
        // The unit in force on the review's date: the former commune before the reform.
        communeId: reviewDate < REFORM_DATE ? h.recordedCommuneId : h.communeId,
        year,
        reviewDate,
        state: ReviewState.CERTIFIED,
        incomePerPerson: Math.round(income / 1000) * 1000,
        deprivedIndicators: result.deprivedIndicators,
        standardCode: result.standardCode,
        classification: result.classification as PovertyClass,
        reasons: result.reasons,
        certifiedBy: 'demo-commune-officer',
        certifiedOn: `${year}-12-15`,
        correctionOf: null,
      });
    });
  }
  return reviews;
}
