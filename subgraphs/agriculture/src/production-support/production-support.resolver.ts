import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, assertUnitArgInScope, PageArgs, PageInfo, pageWindow, scopedRows, toPage } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from '../refs';
import type { AgricultureContext } from '../context';
import { ProductionSupport, ProductionSupportSummary } from './production-support.entity';

@ObjectType({ description: 'A page of Project 3 supports, newest first.' })
export class ProductionSupportConnection {
  @Field(() => [ProductionSupport])
  nodes!: ProductionSupport[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@Resolver(() => ProductionSupport)
export class ProductionSupportResolver {
  @Query(() => ProductionSupportConnection, { description: 'Project 3 supports delivered in a commune of your scope.' })
  async productionSupports(
    @Arg('communeCode') communeCode: string,
    @Args() page: PageArgs,
    @Ctx() ctx: AgricultureContext,
  ): Promise<ProductionSupportConnection> {
    const commune = assertAdminCode('communeCode', communeCode);
    assertUnitArgInScope(ctx.principal, 'communeCode', commune);
    const window = pageWindow(page, 2);
    const base = scopedRows(ctx.db, ProductionSupport, 's', ctx.principal).andWhere('s.commune_code = :commune', { commune });
    const totalCount = await base.clone().getCount();
    const rows = base
      .clone()
      .orderBy('s.delivered_on', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(window.limit + 1);
    if (window.after) rows.andWhere('(s.delivered_on, s.id) < (:d, :id)', { d: window.after[0], id: window.after[1] });
    return toPage(await rows.getMany(), window, (s) => [s.deliveredOn, s.id], totalCount);
  }

  @FieldResolver(() => HouseholdRef, { description: 'The household supported (details come from labor).' })
  household(@Root() support: ProductionSupport): HouseholdRef {
    return { id: support.householdId };
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdSupportResolver {
  @FieldResolver(() => [ProductionSupport], {
    nullable: true,
    description: 'Project 3 supports the household received, in your scope.',
  })
  productionSupports(@Root() household: HouseholdRef, @Ctx() ctx: AgricultureContext): Promise<ProductionSupport[]> {
    return ctx.loaders.supportsByHousehold.load(household.id);
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitSupportResolver {
  @FieldResolver(() => ProductionSupportSummary, {
    nullable: true,
    description: 'Project 3 outputs in this commune or province, counted over the supports in your scope.',
  })
  async productionSupportSummary(@Root() unit: AdminUnitRef, @Ctx() ctx: AgricultureContext): Promise<ProductionSupportSummary> {
    assertUnitArgInScope(ctx.principal, 'code', unit.code);
    return (await ctx.loaders.summaryByUnit.load(unit.code)) ?? { supportCount: 0, householdsSupported: 0, totalValue: 0 };
  }
}
