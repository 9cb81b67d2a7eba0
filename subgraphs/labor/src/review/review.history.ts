import type { CertifiedReview } from './movements';
import type { PovertyReview } from './review.entity';

/** The certified reviews among a household's reviews, in the shape the movement rules read. */
export const certifiedHistory = (reviews: readonly PovertyReview[]): CertifiedReview[] =>
  reviews
    .filter((r) => r.state === 'CERTIFIED')
    .map((r) => ({
      id: r.id,
      year: r.year,
      reviewDate: r.reviewDate,
      classification: r.classification as CertifiedReview['classification'],
      certifiedOn: r.certifiedOn as string,
      correctionOf: r.correctionOf,
    }));
