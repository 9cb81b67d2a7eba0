import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { assertUuid, CategoryPeriod, IsoDateScalar, notVisible, VndScalar } from '@gnbv/kit';
import { Household, HouseholdCategory } from '../household/household.entity';
import { PovertyStandard } from '../poverty-standard/poverty-standard.entity';
import { categoryPeriods } from './category-periods';
import { householdCategoryOn } from './household-category';
import { movementOn } from './movements';
import { PovertyReview } from './review.entity';
import { certifiedHistory } from './review.history';
import type { ReviewContext } from './review.loader';
import { advanceReview, correctReview, recordSurvey, startReview } from './review.service';

export enum ReviewStep {
  AGREE_IN_VILLAGE = 'AGREE_IN_VILLAGE',
  POST = 'POST',
  CERTIFY = 'CERTIFY',
}
registerEnumType(ReviewStep, {
  name: 'ReviewStep',
  description: 'The steps after the survey: the village meeting agrees, the list is posted, the commune certifies.',
});

export enum ReviewMovement {
  NEWLY_ARISING = 'NEWLY_ARISING',
  RELAPSED = 'RELAPSED',
  ESCAPED_POVERTY = 'ESCAPED_POVERTY',
  ESCAPED_NEAR_POVERTY = 'ESCAPED_NEAR_POVERTY',
  STAYED = 'STAYED',
  NONE = 'NONE',
}
registerEnumType(ReviewMovement, {
  name: 'ReviewMovement',
  description: "How the household's latest certified review moved it.",
});

@Resolver(() => PovertyReview)
export class ReviewResolver {
  @Query(() => PovertyReview, { nullable: true, description: 'A review by id (same answer for missing and outside your scope).' })
  async review(@Arg('id', () => ID) id: string, @Ctx() ctx: ReviewContext): Promise<PovertyReview> {
    const review = await ctx.loaders.reviewById.load(assertUuid('id', id));
    if (!review || !(await ctx.loaders.householdById.load(review.householdId))) throw notVisible('review', 'id');
    return review;
  }

  @FieldResolver(() => Household, { description: 'The household reviewed.' })
  async household(@Root() review: PovertyReview, @Ctx() ctx: ReviewContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(review.householdId);
    if (!household) throw notVisible('household', 'id');
    return household;
  }

  @FieldResolver(() => PovertyStandard, {
    nullable: true,
    description: 'The standard it was classified under (in force on its date).',
  })
  async standard(@Root() review: PovertyReview, @Ctx() ctx: ReviewContext): Promise<PovertyStandard | null> {
    return (await ctx.loaders.standards()).find((s) => s.code === review.standardCode) ?? null;
  }

  @FieldResolver(() => PovertyReview, { nullable: true, description: 'The certified review this one corrects.' })
  async correctionOf(@Root() review: PovertyReview, @Ctx() ctx: ReviewContext): Promise<PovertyReview | null> {
    return review.correctionOf ? ctx.loaders.reviewById.load(review.correctionOf) : null;
  }

  @Mutation(() => PovertyReview, { description: "Opens a household's review for a year (DRAFT). One per household and year." })
  startReview(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('year', () => Int) year: number,
    @Arg('reviewDate', () => IsoDateScalar, { description: 'In the review year; picks the poverty standard in force.' })
    reviewDate: string,
    @Arg('idempotencyKey', { description: 'A new UUID per action; re-send the same one to retry safely.' })
    idempotencyKey: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<PovertyReview> {
    return startReview(ctx, { householdId, year, reviewDate, idempotencyKey });
  }

  @Mutation(() => PovertyReview, {
    description:
      'Records the survey (income form B1, deprivation form B2) and classifies it under the standard in force (SURVEYED).',
  })
  recordSurvey(
    @Arg('reviewId', () => ID) reviewId: string,
    @Arg('incomePerPerson', () => VndScalar) incomePerPerson: number,
    @Arg('deprivedIndicators', () => [Int], { description: 'Numbers 1-12 of the indicators the household is deprived in.' })
    deprivedIndicators: number[],
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<PovertyReview> {
    return recordSurvey(ctx, { reviewId, incomePerPerson, deprivedIndicators, idempotencyKey });
  }

  @Mutation(() => PovertyReview, {
    description: 'The next step: village agreement, public posting, certification by the commune.',
  })
  advanceReview(
    @Arg('reviewId', () => ID) reviewId: string,
    @Arg('step', () => ReviewStep) step: ReviewStep,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<PovertyReview> {
    return advanceReview(ctx, { reviewId, action: step, idempotencyKey });
  }

  @Mutation(() => PovertyReview, {
    description: 'Corrects a certified review with a new, linked review (DRAFT); the original stays.',
  })
  correctReview(
    @Arg('reviewId', () => ID) reviewId: string,
    @Arg('reviewDate', () => IsoDateScalar) reviewDate: string,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<PovertyReview> {
    return correctReview(ctx, { reviewId, reviewDate, idempotencyKey });
  }
}

@Resolver(() => Household)
export class HouseholdReviewResolver {
  @FieldResolver(() => [PovertyReview], { nullable: true, description: 'Yearly reviews, newest first, corrections included.' })
  reviews(@Root() household: Household, @Ctx() ctx: ReviewContext): Promise<PovertyReview[]> {
    return ctx.loaders.reviewsByHousehold.load(household.id);
  }

  @FieldResolver(() => HouseholdCategory, {
    nullable: true,
    description: 'The category on the commune-certified lists on a date (what the bank asks); null before any certified review.',
  })
  async certifiedCategoryOn(
    @Root() household: Household,
    @Arg('date', () => IsoDateScalar) date: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<HouseholdCategory | null> {
    return householdCategoryOn(
      certifiedHistory(await ctx.loaders.reviewsByHousehold.load(household.id)),
      date,
    ) as HouseholdCategory | null;
  }

  @FieldResolver(() => [CategoryPeriod], {
    nullable: true,
    description:
      "The household's certified category over time, oldest first: what it was on any date (e.g. the bank's loan eligibility reads it through federation). Empty before the first certified review.",
  })
  async certifiedCategoryPeriods(@Root() household: Household, @Ctx() ctx: ReviewContext): Promise<CategoryPeriod[]> {
    return categoryPeriods(certifiedHistory(await ctx.loaders.reviewsByHousehold.load(household.id))) as CategoryPeriod[];
  }

  @FieldResolver(() => ReviewMovement, {
    nullable: true,
    description: 'How the certified review in force on a date moved the household.',
  })
  async movementOn(
    @Root() household: Household,
    @Arg('date', () => IsoDateScalar) date: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<ReviewMovement> {
    return movementOn(certifiedHistory(await ctx.loaders.reviewsByHousehold.load(household.id)), date) as ReviewMovement;
  }
}
