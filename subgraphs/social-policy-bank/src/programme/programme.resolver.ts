import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { IsoDateScalar, todayInVietnam } from '@gnbv/kit';
import type { BankContext } from '../context';
import { LoanProgramme } from './programme.entity';
import { inForce } from './programme.rules';

@Resolver(() => LoanProgramme)
export class LoanProgrammeResolver {
  @Query(() => [LoanProgramme], {
    description: 'The programme versions in force on `on` (default today in Vietnam), one per programme: public terms.',
  })
  async loanProgrammes(
    @Arg('on', () => IsoDateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<LoanProgramme[]> {
    const date = on ?? todayInVietnam();
    return (await ctx.loaders.programmes()).filter((v) => inForce(v, date));
  }
}
