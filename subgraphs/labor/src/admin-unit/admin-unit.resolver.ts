import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, PageArgs } from '@gnbv/kit';
import type { LaborContext } from '../context';
import { HouseholdConnection } from '../household/household.connection';
import { HouseholdCategory } from '../household/household.entity';
import { HouseholdCounts } from '../household/household.counts';
import { assertReviewFilter, findHouseholdPage } from '../household/household.query';
import { AdminLevel, AdminUnit } from './admin-unit.entity';

@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  @Query(() => AdminUnit, { nullable: true, description: 'A province or commune by its code.' })
  async adminUnit(@Arg('code') code: string, @Ctx() ctx: LaborContext): Promise<AdminUnit | null> {
    return ctx.loaders.adminUnitByCode.load(assertAdminCode('code', code));
  }

  @Query(() => [AdminUnit], { description: 'Provinces, or the communes of one province.' })
  async adminUnits(
    @Ctx() ctx: LaborContext,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
  ): Promise<AdminUnit[]> {
    if (provinceCode) return ctx.loaders.adminUnitsByParent.load(assertAdminCode('provinceCode', provinceCode));
    return ctx.db.getRepository(AdminUnit).find({ where: { level: AdminLevel.PROVINCE }, order: { code: 'ASC' } });
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The province of a commune; null for a province.' })
  async parent(@Root() unit: AdminUnit, @Ctx() ctx: LaborContext): Promise<AdminUnit | null> {
    return unit.parentCode ? ctx.loaders.adminUnitByCode.load(unit.parentCode) : null;
  }

  @FieldResolver(() => [AdminUnit], { description: 'The communes of a province; empty for a commune.' })
  async children(@Root() unit: AdminUnit, @Ctx() ctx: LaborContext): Promise<AdminUnit[]> {
    return ctx.loaders.adminUnitsByParent.load(unit.code);
  }

  @FieldResolver(() => HouseholdConnection, {
    nullable: true,
    description: 'Households registered in this commune or province, within your scope (officers).',
  })
  async households(
    @Root() unit: AdminUnit,
    @Args() page: PageArgs,
    @Ctx() ctx: LaborContext,
    @Arg('category', () => HouseholdCategory, { nullable: true }) category?: HouseholdCategory | null,
  ): Promise<HouseholdConnection> {
    // Filtered to the principal's scope: a province lists only the households its reader may see.
    const where = unit.level === AdminLevel.PROVINCE ? { provinceCode: unit.code } : { communeCode: unit.code };
    return findHouseholdPage(ctx.db, ctx.principal, { ...where, ...(category ? { category } : {}) }, page);
  }
}

@Resolver(() => AdminUnit)
export class AdminUnitCountsResolver {
  @FieldResolver(() => HouseholdCounts, { description: 'Households by category in this commune or province, within your scope.' })
  async householdCounts(
    @Root() unit: AdminUnit,
    @Ctx() ctx: LaborContext,
    @Arg('year', () => Int, { nullable: true, description: "That year's certified reviews; current categories without it." })
    year?: number | null,
  ): Promise<HouseholdCounts> {
    if (year != null) assertReviewFilter({ year });
    const counts = await ctx.loaders.householdCounts(unit.code, year ?? null);
    const empty = year == null ? { newlyEscaped: 0, notReviewed: null } : { newlyEscaped: null, notReviewed: 0 };
    return counts ?? { total: 0, poor: 0, nearPoor: 0, notPoor: 0, ...empty };
  }
}

/** `__resolveReference` for AdminUnit: other subgraphs send `{ code }`. */
export function resolveAdminUnitReference(reference: Record<string, unknown>, ctx: LaborContext) {
  const code = reference.code;
  if (typeof code !== 'string') return null;
  return ctx.loaders.adminUnitByCode.load(assertAdminCode('code', code));
}
