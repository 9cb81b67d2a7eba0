import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { assertUuid } from '@gnbv/kit';
import type { BankContext } from '../context';
import { SavingsGroup } from './savings-group.entity';

@Resolver(() => SavingsGroup)
export class SavingsGroupResolver {
  @Query(() => SavingsGroup, { nullable: true, description: 'A savings-and-loan group by id.' })
  savingsGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<SavingsGroup | null> {
    return ctx.loaders.savingsGroupById.load(assertUuid('id', id));
  }
}
