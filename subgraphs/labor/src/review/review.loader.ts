import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type SubgraphContext } from '@gnbv/kit';
import type { HouseholdLoaders } from '../household/household.loader';
import type { PovertyStandardLoaders } from '../poverty-standard/poverty-standard.loader';
import { PovertyReview } from './review.entity';

/** Per-request loaders of reviews. Callers reach reviews through households already scoped. */
export function reviewLoaders(db: DataSource) {
  return {
    reviewsByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(PovertyReview)
          .find({ where: { householdId: In([...ids]) }, order: { year: 'DESC', createdAt: 'DESC' } }),
      (r) => r.householdId,
    ),
    reviewById: oneByKey(
      (ids: readonly string[]) => db.getRepository(PovertyReview).findBy({ id: In([...ids]) }),
      (r) => r.id,
    ),
  };
}

export type ReviewLoaders = ReturnType<typeof reviewLoaders>;
/** What reviews need of a request: their loaders, the households reviewed and the standards applied. */
export type ReviewContext = SubgraphContext<ReviewLoaders & HouseholdLoaders & PovertyStandardLoaders>;
