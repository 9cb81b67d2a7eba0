import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PageArgs } from '@gnbv/kit';
import { AdminLevel, AdminUnit } from '../admin-unit/admin-unit.entity';
import { HouseholdConnection } from './household.connection';
import { HouseholdCounts } from './household.counts';
import { HouseholdCategory } from './household.entity';
import type { HouseholdContext } from './household.loader';
import { assertReviewFilter, findHouseholdPage } from './household.query';

/*
 * An administrative unit's households and their counts: the household aggregate adds these fields
 * to AdminUnit, as inspections and reports add theirs, so the geography knows nothing of households.
 */

@Resolver(() => AdminUnit)
export class AdminUnitHouseholdsResolver {
  @FieldResolver(() => HouseholdConnection, {
    nullable: true,
    description: 'Households registered in this commune or province, within your scope (officers).',
  })
  async households(
    @Root() unit: AdminUnit,
    @Args() page: PageArgs,
    @Ctx() ctx: HouseholdContext,
    @Arg('category', () => HouseholdCategory, { nullable: true }) category?: HouseholdCategory | null,
  ): Promise<HouseholdConnection> {
    // Filtered to the principal's scope: a province lists only the households its reader may see.
    // Households live in today's units: a former unit lists none.
    if (unit.validTo !== null) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
    const where = unit.level === AdminLevel.PROVINCE ? { provinceCode: unit.code } : { communeCode: unit.code };
    return findHouseholdPage(ctx.db, ctx.principal, { ...where, ...(category ? { category } : {}) }, page);
  }
}

@Resolver(() => AdminUnit)
export class AdminUnitCountsResolver {
  @FieldResolver(() => HouseholdCounts, {
    nullable: true,
    description:
      "Households by category in this commune or province, within your scope; null for a former unit (households are registered in today's units).",
  })
  async householdCounts(
    @Root() unit: AdminUnit,
    @Ctx() ctx: HouseholdContext,
    @Arg('year', () => Int, { nullable: true, description: "That year's certified reviews; current categories without it." })
    year?: number | null,
  ): Promise<HouseholdCounts | null> {
    if (unit.validTo !== null) return null;
    if (year != null) assertReviewFilter({ year });
    const counts = await ctx.loaders.householdCounts(unit.code, year ?? null);
    const empty = year == null ? { newlyEscaped: 0, notReviewed: null } : { newlyEscaped: null, notReviewed: 0 };
    return counts ?? { total: 0, poor: 0, nearPoor: 0, notPoor: 0, ...empty };
  }

  @FieldResolver(() => HouseholdCounts, {
    nullable: true,
    description:
      'The current categories (householdCounts without a year), as a field without arguments: what other subgraphs can @require (e.g. the bank, for the share of poor households that borrow).',
  })
  currentHouseholdCounts(@Root() unit: AdminUnit, @Ctx() ctx: HouseholdContext): Promise<HouseholdCounts | null> {
    return this.householdCounts(unit, ctx, null);
  }
}
