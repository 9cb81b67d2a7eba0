import { In, type DataSource, type EntityManager } from 'typeorm';
import { manyByKey, oneByKey } from '@gnbv/kit';
import { PovertyLine, PovertyStandard } from '../poverty-standard/poverty-standard.entity';
import { PovertyReview } from './review.entity';

/** Every poverty standard with its lines (a handful of rows), oldest first. */
export async function loadStandards(db: DataSource | EntityManager): Promise<PovertyStandard[]> {
  const [standards, lines] = await Promise.all([
    db.getRepository(PovertyStandard).find({ order: { validFrom: 'ASC' } }),
    db.getRepository(PovertyLine).find({ order: { area: 'ASC' } }),
  ]);
  for (const s of standards) s.lines = lines.filter((l) => l.standardCode === s.code);
  return standards;
}

/** Per-request loaders of reviews. Callers reach reviews through households already scoped. */
export function reviewLoaders(db: DataSource) {
  let standards: Promise<PovertyStandard[]> | undefined;
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
    /** Loaded once per request. */
    standards: () => (standards ??= loadStandards(db)),
  };
}
