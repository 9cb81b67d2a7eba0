import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, PageArgs } from '@gnbv/kit';
import type { LaborContext } from '../context';
import { HouseholdConnection } from '../household/household.connection';
import { HouseholdCategory } from '../household/household.entity';
import { findHouseholdPage } from '../household/household.query';
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
    description: 'Households registered in this commune or province, within your scope.',
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

/** `__resolveReference` for AdminUnit: other subgraphs send `{ code }`. */
export function resolveAdminUnitReference(reference: Record<string, unknown>, ctx: LaborContext) {
  const code = reference.code;
  if (typeof code !== 'string') return null;
  return ctx.loaders.adminUnitByCode.load(assertAdminCode('code', code));
}
