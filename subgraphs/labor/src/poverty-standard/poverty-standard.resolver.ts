import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { IsoDateScalar, isIsoDate } from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import { PovertyStandard } from './poverty-standard.entity';
import type { PovertyStandardContext } from './poverty-standard.loader';

@Resolver(() => PovertyStandard)
export class PovertyStandardResolver {
  @Query(() => [PovertyStandard], { description: 'Every multidimensional poverty standard, oldest first.' })
  povertyStandards(@Ctx() ctx: PovertyStandardContext): Promise<PovertyStandard[]> {
    return ctx.loaders.standards();
  }

  @Query(() => PovertyStandard, { nullable: true, description: 'The standard in force on a date; null when none is.' })
  async povertyStandardOn(
    @Arg('date', () => IsoDateScalar) date: string,
    @Ctx() ctx: PovertyStandardContext,
  ): Promise<PovertyStandard | null> {
    if (!isIsoDate(date)) throw badInput('date', 'must be a date written YYYY-MM-DD');
    const all = await ctx.loaders.standards();
    return all.find((s) => s.validFrom <= date && (s.validTo === null || date < s.validTo)) ?? null;
  }
}
