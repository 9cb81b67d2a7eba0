import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, assertUuid, cleanText, PageArgs } from '@gnbv/kit';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import type { LaborContext } from '../context';
import { Member } from '../member/member.entity';
import { HouseholdConnection } from './household.connection';
import { Household, HouseholdCategory } from './household.entity';
import { findHouseholdPage } from './household.query';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'A household by id; null when not found.' })
  async household(@Arg('id', () => ID) id: string, @Ctx() ctx: LaborContext): Promise<Household | null> {
    return ctx.loaders.householdById.load(assertUuid('id', id));
  }

  @Query(() => Household, { nullable: true, description: 'A household by its code within a commune.' })
  async householdByCode(
    @Arg('communeCode') communeCode: string,
    @Arg('code') code: string,
    @Ctx() ctx: LaborContext,
  ): Promise<Household | null> {
    return ctx.db.getRepository(Household).findOneBy({
      communeCode: assertAdminCode('communeCode', communeCode),
      code: cleanText('code', code, 32),
    });
  }

  @Query(() => HouseholdConnection, { description: 'Households, filtered and paginated by household code.' })
  async households(
    @Args() page: PageArgs,
    @Ctx() ctx: LaborContext,
    @Arg('communeCode', () => String, { nullable: true }) communeCode?: string | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('category', () => HouseholdCategory, { nullable: true }) category?: HouseholdCategory | null,
  ): Promise<HouseholdConnection> {
    return findHouseholdPage(
      ctx.db,
      {
        ...(communeCode ? { communeCode: assertAdminCode('communeCode', communeCode) } : {}),
        ...(provinceCode ? { provinceCode: assertAdminCode('provinceCode', provinceCode) } : {}),
        ...(category ? { category } : {}),
      },
      page,
    );
  }

  @FieldResolver(() => AdminUnit, { description: 'The commune the household is registered in.' })
  async commune(@Root() household: Household, @Ctx() ctx: LaborContext): Promise<AdminUnit> {
    const unit = await ctx.loaders.adminUnitByCode.load(household.communeCode);
    if (!unit) throw new Error(`household ${household.id} refers to missing commune ${household.communeCode}`);
    return unit;
  }

  @FieldResolver(() => [Member])
  async members(@Root() household: Household, @Ctx() ctx: LaborContext): Promise<Member[]> {
    return ctx.loaders.membersByHousehold.load(household.id);
  }
}

/** `__resolveReference` for Household: other agencies' subgraphs send `{ id }`. */
export function resolveHouseholdReference(reference: Record<string, unknown>, ctx: LaborContext) {
  const id = reference.id;
  if (typeof id !== 'string') return null;
  return ctx.loaders.householdById.load(assertUuid('id', id));
}
