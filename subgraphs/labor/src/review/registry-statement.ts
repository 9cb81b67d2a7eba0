import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { addDays, addMonths, IsoDateScalar, isIsoDate, todayInVietnam } from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import { Household } from '../household/household.entity';
import type { Member } from '../household/member.entity';
import { householdCategoryOn } from './household-category';
import { effectiveReviews } from './movements';
import { certifiedHistory } from './review.history';
import type { ReviewContext } from './review.loader';

/** Members of the household on `on` who were under 16 that day (born, not yet 16, not left). */
export function childrenUnder16On(members: readonly Member[], on: string): string[] {
  return members
    .filter((m) => (m.leftOn === null || m.leftOn > on) && m.dateOfBirth <= on && addMonths(m.dateOfBirth, 16 * 12) > on)
    .map((m) => m.id);
}

/**
 * The registry's signed statement about a household on a date, which other agencies' writes carry
 * as proof (see the kit's registry-attestation.ts). Labor answers only within the reader's scope
 * (the household itself is scoped) and audits each statement it issues (permissions.ts).
 */
@Resolver(() => Household)
export class HouseholdAttestationResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "A signed statement, valid 15 minutes, of this household's commune, its certified category and deprivations on `on` and its members under 16 that day: send it with a support or loan recorded for that date. Needs purpose support-delivery or loan-eligibility.",
  })
  async registryAttestation(
    @Root() household: Household,
    @Arg('on', () => IsoDateScalar) on: string,
    @Ctx() ctx: ReviewContext,
  ): Promise<string> {
    if (!isIsoDate(on) || on > addDays(todayInVietnam(), 366))
      throw badInput('on', 'must be a date written YYYY-MM-DD, at most a year from today');
    const [reviews, members] = await Promise.all([
      ctx.loaders.reviewsByHousehold.load(household.id),
      ctx.loaders.membersByHousehold.load(household.id),
    ]);
    const history = certifiedHistory(reviews);
    const inForce = effectiveReviews(history, on).at(-1);
    const { token } = await ctx.registry.signer().sign({
      householdId: household.id,
      on,
      category: householdCategoryOn(history, on),
      deprivedIndicators: inForce
        ? [...(reviews.find((r) => r.id === inForce.id)?.deprivedIndicators ?? [])].sort((a, b) => a - b)
        : [],
      communeCode: household.communeCode,
      provinceCode: household.provinceCode,
      childrenUnder16: childrenUnder16On(members, on),
    });
    return token;
  }
}
