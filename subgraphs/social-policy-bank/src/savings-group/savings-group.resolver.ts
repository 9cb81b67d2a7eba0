import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { assertUuid, notVisible } from '@gnbv/kit';
import type { BankContext } from '../context';
import { SavingsGroup } from './savings-group.entity';

@Resolver(() => SavingsGroup)
export class SavingsGroupResolver {
  @Query(() => SavingsGroup, {
    nullable: true,
    description: 'A savings-and-loan group by id. A missing group and one outside your scope give the same FORBIDDEN answer.',
  })
  async savingsGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<SavingsGroup> {
    const group = await ctx.loaders.savingsGroupById.load(assertUuid('id', id));
    if (!group) throw notVisible('savings group', 'id');
    return group;
  }
}
