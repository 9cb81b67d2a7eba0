import type { EntityManager } from 'typeorm';
import { assertUuid, notVisible, assertIsoDate, todayInVietnam, auditedWrite } from '@gnbv/kit';
import { badInput, clientError, conflict, ErrorCode } from '@gnbv/platform';
import { Household, type HouseholdCategory } from '../household/household.entity';
import { visibleHousehold } from '../household/household.scope';
import { classify } from '../poverty-standard/classify';
import { standardInForce, toPovertyStandard } from '../poverty-standard/poverty-standard';
import { loadStandards } from '../poverty-standard/poverty-standard.loader';
import { householdCategoryOn } from './household-category';
import { nextState, startCorrection, type ReviewAction } from './review-state';
import { PovertyReview, type ReviewState } from './review.entity';
import { certifiedHistory } from './review.history';
import type { ReviewContext } from './review.loader';

/*
 * The writes of the yearly review. Each runs in one transaction with its idempotency key
 * (a re-sent request returns the first result, nothing is written twice) and its audit record
 * (the write and the record of it commit together, or neither does): see the kit's `auditedWrite`.
 */

export { todayInVietnam };

/** A review write, audited against the household reviewed. */
function mutate(
  ctx: ReviewContext,
  operation: string,
  idempotencyKey: string,
  input: Record<string, unknown>,
  fields: string[],
  work: (m: EntityManager) => Promise<PovertyReview>,
): Promise<PovertyReview> {
  const subjectOf = (review: PovertyReview) => ({ type: 'Household', id: review.householdId });
  return auditedWrite(ctx, { operation, idempotencyKey, input, fields, subjectOf }, work);
}

/** The review, locked for this transaction, if its household is visible. */
async function lockedReview(
  ctx: ReviewContext,
  m: EntityManager,
  reviewId: string,
): Promise<{ review: PovertyReview; household: Household }> {
  const review = await m
    .getRepository(PovertyReview)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id: reviewId })
    .getOne();
  if (!review) throw notVisible('review', 'reviewId');
  return { review, household: await visibleHousehold(ctx.principal, m, review.householdId, 'reviewId', 'review') };
}

function assertReviewDate(year: number, reviewDate: string): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
  let date: string;
  try {
    date = assertIsoDate(reviewDate, 'reviewDate');
  } catch {
    throw badInput('reviewDate', 'must be a date written YYYY-MM-DD');
  }
  if (!date.startsWith(`${year}-`)) throw badInput('reviewDate', `must fall in the review year ${year}`);
  return date;
}

export function startReview(
  ctx: ReviewContext,
  args: { householdId: string; year: number; reviewDate: string; idempotencyKey: string },
): Promise<PovertyReview> {
  const householdId = assertUuid('householdId', args.householdId);
  const reviewDate = assertReviewDate(args.year, args.reviewDate);
  return mutate(ctx, 'startReview', args.idempotencyKey, { ...args, householdId }, ['PovertyReview'], async (m) => {
    await visibleHousehold(ctx.principal, m, householdId, 'householdId');
    const existing = await m
      .getRepository(PovertyReview)
      .createQueryBuilder('r')
      .where('r.household_id = :householdId AND r.year = :year AND r.correction_of IS NULL', { householdId, year: args.year })
      .getOne();
    if (existing) {
      throw conflict(
        `The household already has its ${args.year} review (${existing.state}, id ${existing.id}): continue it, or correct it once certified.`,
      );
    }
    const repo = m.getRepository(PovertyReview);
    return repo.save(
      repo.create({
        householdId,
        year: args.year,
        reviewDate,
        state: 'DRAFT' as ReviewState,
        deprivedIndicators: [],
        reasons: [],
      }),
    );
  });
}

export function recordSurvey(
  ctx: ReviewContext,
  args: { reviewId: string; incomePerPerson: number; deprivedIndicators: number[]; idempotencyKey: string },
): Promise<PovertyReview> {
  const reviewId = assertUuid('reviewId', args.reviewId);
  if (!Number.isSafeInteger(args.incomePerPerson) || args.incomePerPerson < 0)
    throw badInput('incomePerPerson', 'must be a whole, non-negative number of đồng per person per month');
  const deprived = [...new Set(args.deprivedIndicators)].sort((a, b) => a - b);
  if (deprived.length !== args.deprivedIndicators.length || deprived.some((n) => !Number.isInteger(n) || n < 1 || n > 12))
    throw badInput('deprivedIndicators', 'must list distinct indicator numbers from 1 to 12 (an empty list: deprived in none)');
  const fields = ['PovertyReview.incomePerPerson', 'PovertyReview.deprivedIndicators'];
  return mutate(ctx, 'recordSurvey', args.idempotencyKey, { ...args, reviewId }, fields, async (m) => {
    const { review, household } = await lockedReview(ctx, m, reviewId);
    if (review.state !== 'DRAFT' && review.state !== 'SURVEYED') {
      throw conflict(
        `The review is ${review.state}: survey answers can be recorded only before the village meeting agrees them` +
          (review.state === 'CERTIFIED' ? '; a certified review never changes, record a correction (correctReview).' : '.'),
      );
    }
    let standard;
    try {
      standard = standardInForce((await loadStandards(m)).map(toPovertyStandard), review.reviewDate);
    } catch (error) {
      throw badInput('reviewId', `cannot classify: ${(error as Error).message}`);
    }
    const deprivations = Array.from({ length: 12 }, (_, i) => deprived.includes(i + 1));
    const result = classify({ incomePerPersonMonthly: args.incomePerPerson, deprivations, area: household.area, standard });
    Object.assign(review, {
      state: 'SURVEYED',
      incomePerPerson: args.incomePerPerson,
      deprivedIndicators: result.deprivedIndicators,
      standardCode: result.standardCode,
      classification: result.classification,
      reasons: result.reasons,
    });
    return m.getRepository(PovertyReview).save(review);
  });
}

export function advanceReview(
  ctx: ReviewContext,
  args: { reviewId: string; action: Exclude<ReviewAction, 'SURVEY'>; idempotencyKey: string },
): Promise<PovertyReview> {
  const reviewId = assertUuid('reviewId', args.reviewId);
  return mutate(
    ctx,
    'advanceReview',
    args.idempotencyKey,
    { ...args, reviewId },
    [`PovertyReview.state:${args.action}`],
    async (m) => {
      const { review, household } = await lockedReview(ctx, m, reviewId);
      const move = nextState(review.state, args.action);
      if (!move.ok) throw conflict(`action: ${move.reason}.`);
      review.state = move.state as ReviewState;
      if (args.action === 'CERTIFY') {
        // The commune certifies its own list: an officer whose scope names this commune.
        if (!ctx.principal.scope.includes(household.communeCode)) {
          throw clientError(
            ErrorCode.FORBIDDEN,
            `action: certifying needs a labor officer of commune ${household.communeCode}; your scope is ${ctx.principal.scope.join(', ')}.`,
            { field: 'action' },
          );
        }
        review.certifiedBy = ctx.principal.subject;
        review.certifiedOn = todayInVietnam();
      }
      const saved = await m.getRepository(PovertyReview).save(review);
      if (args.action === 'CERTIFY') await refreshHouseholdCategory(m, household, saved);
      return saved;
    },
  );
}

/** After a certification, the household's current category and income follow its certified reviews. */
async function refreshHouseholdCategory(m: EntityManager, household: Household, certified: PovertyReview): Promise<void> {
  const history = await m
    .getRepository(PovertyReview)
    .find({ where: { householdId: household.id, state: 'CERTIFIED' as ReviewState } });
  const category = householdCategoryOn(certifiedHistory(history), certified.certifiedOn as string);
  await m.getRepository(Household).update(household.id, {
    category: (category ?? 'NOT_POOR') as HouseholdCategory,
    monthlyIncomePerPerson: certified.incomePerPerson,
  });
}

export function correctReview(
  ctx: ReviewContext,
  args: { reviewId: string; reviewDate: string; idempotencyKey: string },
): Promise<PovertyReview> {
  const reviewId = assertUuid('reviewId', args.reviewId);
  return mutate(ctx, 'correctReview', args.idempotencyKey, { ...args, reviewId }, ['PovertyReview'], async (m) => {
    const { review } = await lockedReview(ctx, m, reviewId);
    const reviewDate = assertReviewDate(review.year, args.reviewDate);
    const others = await m.getRepository(PovertyReview).find({ where: { householdId: review.householdId, year: review.year } });
    const start = startCorrection(review, others);
    if (!start.ok) throw conflict(`reviewId: ${start.reason}.`);
    const repo = m.getRepository(PovertyReview);
    return repo.save(
      repo.create({
        householdId: review.householdId,
        year: review.year,
        reviewDate,
        state: 'DRAFT' as ReviewState,
        correctionOf: review.id,
        deprivedIndicators: [],
        reasons: [],
      }),
    );
  });
}
