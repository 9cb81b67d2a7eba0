// A household's status on a date, derived from its certified reviews. Definitions:
//
// Input. The household's whole history of CERTIFIED reviews as stored, corrections included:
//   each correction names the review it corrects in `correctionOf` and is resolved here, so
//   callers pass rows, not a pre-resolved list. A correction is for the same year as the review
//   it corrects and is certified on or after it; each review has at most one correction (the
//   next correction corrects the correction); there is one chain per household and year (an
//   annual review; two unrelated reviews of one year are a data error). Bad histories throw.
//
// As known on a date. Only reviews certified on or before the date count, and a correction
//   replaces the review it corrects from its own certification day. So an answer for a past
//   date is what the certified lists said on that date: a later review, or a later correction,
//   never rewrites it.
//
// Order. Reviews are ordered by `year`, the review round, not by certification day: a correction
//   of 2023 certified in 2025 is still the 2023 review. "Current" = the latest year known on the
//   date; "previous" = the year before it in the household's history (not necessarily the
//   calendar year before: a household off the lists may go unreviewed for years).
//
// Lists. POOR is the poor list, NEAR_POOR the near-poor list; AVERAGE_LIVING_STANDARD and
//   ABOVE_AVERAGE are on neither. Ranked POOR > NEAR_POOR > neither.
//
// Movements of the current review against the previous one:
//   STAYED                on the same list as before (poor→poor, near-poor→near-poor).
//   ESCAPED_POVERTY       previous POOR, current not POOR (near-poor or above the line).
//   ESCAPED_NEAR_POVERTY  previous NEAR_POOR, current on neither list.
//   RELAPSED              current on a list and worse than the previous review, and some earlier
//                         review had been at least as bad: the household had been there,
//                         escaped and fell back (poor→near-poor→poor; poor→above→near-poor).
//   NEWLY_ARISING         current on a list and worse than the previous review (or no previous
//                         review), and never that bad before: near-poor→poor for the first time,
//                         or a first review that is already on a list (so the baseline list a
//                         platform starts from is all NEWLY_ARISING: report movements from its
//                         second year on).
//   NONE                  no review yet, or on neither list now and before.
//
// Newly escaped (hộ mới thoát nghèo). The current review is not POOR and the household escaped
//   poverty in the current run of non-poor reviews (the latest review not POOR whose previous
//   review is POOR). The window opens when that year's list was first certified (a correction
//   of the year fixes it, it does not restart the clock) and lasts `windowMonths` (program
//   policy, default 36) calendar months, exclusive: certified 2023-12-20, newly escaped up to
//   and including 2026-12-19, not on 2026-12-20. A relapse into poverty ends it.
import { type Classification } from '../poverty-standard/classify';
import { addMonths, assertIsoDate } from '@gnbv/kit/rules';

export interface CertifiedReview {
  id: string;
  /** The review round (rà soát) the result belongs to. */
  year: number;
  reviewDate: string;
  classification: Classification;
  /** Day the commune certified the list with this result (ISO date). */
  certifiedOn: string;
  /** The certified review this one corrects; null or absent for an original review. */
  correctionOf?: string | null;
}

/** The review that stands for its year on a date, after corrections. */
export interface EffectiveReview extends CertifiedReview {
  /** Certification day of the year's first (original) review; the newly-escaped clock starts here. */
  yearFirstCertifiedOn: string;
}

export type Movement = 'NEWLY_ARISING' | 'RELAPSED' | 'ESCAPED_POVERTY' | 'ESCAPED_NEAR_POVERTY' | 'STAYED' | 'NONE';

export const NEWLY_ESCAPED_MONTHS = 36;

const CLASSIFICATIONS: readonly Classification[] = ['POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'];

const rank = (classification: Classification) => (classification === 'POOR' ? 2 : classification === 'NEAR_POOR' ? 1 : 0);

function checkHistory(reviews: readonly CertifiedReview[]): Map<string, CertifiedReview> {
  const byId = new Map<string, CertifiedReview>();
  reviews.forEach((r, i) => {
    const at = `reviews[${i}]`;
    if (typeof r.id !== 'string' || r.id === '') throw new RangeError(`${at}.id must be a non-empty string`);
    if (!Number.isSafeInteger(r.year)) throw new RangeError(`${at}.year must be a whole number, got ${String(r.year)}`);
    assertIsoDate(r.reviewDate, `${at}.reviewDate`);
    assertIsoDate(r.certifiedOn, `${at}.certifiedOn`);
    if (!CLASSIFICATIONS.includes(r.classification)) {
      throw new RangeError(`${at}.classification must be one of ${CLASSIFICATIONS.join(', ')}, got ${String(r.classification)}`);
    }
    if (byId.has(r.id)) throw new RangeError(`${at}.id ${r.id} appears twice in the history`);
    byId.set(r.id, r);
  });
  const correctedBy = new Map<string, string>();
  for (const r of reviews) {
    if (r.correctionOf == null) continue;
    const original = byId.get(r.correctionOf);
    if (!original) throw new Error(`review ${r.id} corrects review ${r.correctionOf}, which is not in the household's history`);
    if (original.year !== r.year) {
      throw new Error(`review ${r.id} (year ${r.year}) corrects review ${original.id} of another year (${original.year})`);
    }
    if (r.certifiedOn < original.certifiedOn) {
      throw new Error(
        `review ${r.id} was certified on ${r.certifiedOn}, before the review it corrects (${original.id}, ${original.certifiedOn})`,
      );
    }
    const other = correctedBy.get(original.id);
    if (other !== undefined)
      throw new Error(`review ${original.id} has two corrections (${other} and ${r.id}); a correction corrects the latest one`);
    correctedBy.set(original.id, r.id);
  }
  for (const r of reviews) originalOf(r, byId);
  return byId;
}

// The first review of the chain `review` belongs to; throws when corrections loop.
function originalOf(review: CertifiedReview, byId: Map<string, CertifiedReview>): CertifiedReview {
  const seen = new Set<string>();
  let current = review;
  while (current.correctionOf != null) {
    seen.add(current.id);
    if (seen.has(current.correctionOf)) throw new Error(`reviews ${[...seen].join(', ')} correct each other in a loop`);
    current = byId.get(current.correctionOf)!;
  }
  return current;
}

/**
 * The review standing for each year as known on `date` (certified on or before it, corrections
 * applied), oldest year first. Throws on an invalid date or an inconsistent history.
 */
export function effectiveReviews(reviews: readonly CertifiedReview[], date: string): EffectiveReview[] {
  assertIsoDate(date, 'date');
  const byId = checkHistory(reviews);
  const known = reviews.filter((r) => r.certifiedOn <= date);
  const replaced = new Set(known.flatMap((r) => (r.correctionOf == null ? [] : [r.correctionOf])));
  const byYear = new Map<number, EffectiveReview>();
  for (const r of known) {
    if (replaced.has(r.id)) continue;
    const other = byYear.get(r.year);
    if (other) throw new Error(`reviews ${other.id} and ${r.id} are both certified for ${r.year} and neither corrects the other`);
    byYear.set(r.year, { ...r, yearFirstCertifiedOn: originalOf(r, byId).certifiedOn });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The classification of the latest review year certified on or before `date`, or null before the first. */
export function categoryOn(reviews: readonly CertifiedReview[], date: string): Classification | null {
  return effectiveReviews(reviews, date).at(-1)?.classification ?? null;
}

/** How the latest review known on `date` moved the household against its previous review (see the definitions above). */
export function movementOn(reviews: readonly CertifiedReview[], date: string): Movement {
  const history = effectiveReviews(reviews, date);
  const current = history.at(-1);
  if (!current) return 'NONE';
  const now = rank(current.classification);
  const before = history.length > 1 ? rank(history.at(-2)!.classification) : 0;
  if (now < before) return before === 2 ? 'ESCAPED_POVERTY' : 'ESCAPED_NEAR_POVERTY';
  if (now === 0) return 'NONE';
  if (now === before) return 'STAYED';
  const beenAsBad = history.slice(0, -1).some((r) => rank(r.classification) >= now);
  return beenAsBad ? 'RELAPSED' : 'NEWLY_ARISING';
}

/**
 * The first day on which the household no longer counts as newly escaped, when it counts as
 * newly escaped on `date`; otherwise null. `windowMonths` is program policy (default 36).
 */
export function newlyEscapedUntil(
  reviews: readonly CertifiedReview[],
  date: string,
  windowMonths: number = NEWLY_ESCAPED_MONTHS,
): string | null {
  if (!Number.isSafeInteger(windowMonths) || windowMonths < 0) {
    throw new RangeError(`windowMonths must be a non-negative whole number, got ${String(windowMonths)}`);
  }
  const history = effectiveReviews(reviews, date);
  // Walk back through the current run of non-poor reviews to the one that left poverty.
  for (let i = history.length - 1; i >= 1; i--) {
    if (history[i]!.classification === 'POOR') return null;
    if (history[i - 1]!.classification === 'POOR') {
      const until = addMonths(history[i]!.yearFirstCertifiedOn, windowMonths);
      return date < until ? until : null;
    }
  }
  return null;
}

/** Whether the household counts as newly escaped (hộ mới thoát nghèo) on `date`; see the definitions above. */
export function isNewlyEscaped(
  reviews: readonly CertifiedReview[],
  date: string,
  windowMonths: number = NEWLY_ESCAPED_MONTHS,
): boolean {
  return newlyEscapedUntil(reviews, date, windowMonths) !== null;
}
