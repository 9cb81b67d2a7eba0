import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, IsoDateScalar, addDays, todayInVietnam } from '@gnbv/kit';
import { AdminUnit, AdminUnitLink, type AdminUnitLinkRow } from './admin-unit.entity';
import { validOn, type AdminUnitContext } from './admin-unit.loader';

@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  @Query(() => AdminUnit, {
    nullable: true,
    description: 'A province or commune by its code: the unit current today, or the one in force on `asOf`.',
  })
  async adminUnit(
    @Arg('code') code: string,
    @Ctx() ctx: AdminUnitContext,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf?: string | null,
  ): Promise<AdminUnit | null> {
    const checked = assertAdminCode('code', code);
    if (!asOf) return ctx.loaders.adminUnitByCode.load(checked);
    return (await ctx.loaders.adminUnitVersions.load(checked)).find((u) => validOn(u, asOf)) ?? null;
  }

  @Query(() => [AdminUnit], {
    description: 'Provinces, or the communes of one province; those current today, or in force on `asOf`.',
  })
  async adminUnits(
    @Ctx() ctx: AdminUnitContext,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf?: string | null,
  ): Promise<AdminUnit[]> {
    const date = asOf ?? todayInVietnam();
    if (provinceCode) {
      const versions = await ctx.loaders.adminUnitVersions.load(assertAdminCode('provinceCode', provinceCode));
      const province = versions.find((u) => validOn(u, date));
      if (!province) return [];
      return (await ctx.loaders.adminUnitChildren.load(province.id)).filter((u) => validOn(u, date));
    }
    return ctx.db
      .getRepository(AdminUnit)
      .createQueryBuilder('u')
      .where(`u.level = 'PROVINCE' AND u.valid_from <= :date AND (u.valid_to IS NULL OR u.valid_to > :date)`, { date })
      .orderBy('u.code')
      .getMany();
  }

  @FieldResolver(() => Boolean, { description: 'In force today (not replaced by a reform).' })
  current(@Root() unit: AdminUnit): boolean {
    return unit.validTo === null;
  }

  @FieldResolver(() => AdminUnit, {
    nullable: true,
    description: 'The province this version of a commune belonged to; null for a province.',
  })
  async parent(@Root() unit: AdminUnit, @Ctx() ctx: AdminUnitContext): Promise<AdminUnit | null> {
    return unit.parentId ? ctx.loaders.adminUnitById.load(unit.parentId) : null;
  }

  @FieldResolver(() => [AdminUnit], {
    description:
      "The communes of a province on `asOf` (default: today for a current province, the province's last day for a former one); empty for a commune.",
  })
  async children(
    @Root() unit: AdminUnit,
    @Ctx() ctx: AdminUnitContext,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf?: string | null,
  ): Promise<AdminUnit[]> {
    const date = asOf ?? (unit.validTo === null ? todayInVietnam() : addDays(unit.validTo, -1));
    return (await ctx.loaders.adminUnitChildren.load(unit.id)).filter((u) => validOn(u, date));
  }

  @FieldResolver(() => [AdminUnitLink], {
    description: 'The units this one was formed from (empty if it predates the recorded reforms).',
  })
  async predecessors(@Root() unit: AdminUnit, @Ctx() ctx: AdminUnitContext): Promise<AdminUnitLink[]> {
    const rows = await ctx.loaders.adminUnitPredecessors.load(unit.id);
    return linked(ctx, rows, (r) => r.predecessorId);
  }

  @FieldResolver(() => [AdminUnitLink], { description: 'The units this one went into (empty while it is current).' })
  async successors(@Root() unit: AdminUnit, @Ctx() ctx: AdminUnitContext): Promise<AdminUnitLink[]> {
    const rows = await ctx.loaders.adminUnitSuccessors.load(unit.id);
    return linked(ctx, rows, (r) => r.successorId);
  }

  @FieldResolver(() => [AdminUnit], {
    description:
      'Every version of this code, oldest first: the same code may name different territory before and after a reform.',
  })
  async codeHistory(@Root() unit: AdminUnit, @Ctx() ctx: AdminUnitContext): Promise<AdminUnit[]> {
    return ctx.loaders.adminUnitVersions.load(unit.code);
  }
}

/** `__resolveReference` for AdminUnit: other subgraphs send `{ code }`. */
export function resolveAdminUnitReference(reference: Record<string, unknown>, ctx: AdminUnitContext) {
  const code = reference.code;
  if (typeof code !== 'string') return null;
  return ctx.loaders.adminUnitByCode.load(assertAdminCode('code', code));
}

/** The units at the other end of reform links, in code order. */
async function linked(
  ctx: AdminUnitContext,
  rows: AdminUnitLinkRow[],
  other: (row: AdminUnitLinkRow) => string,
): Promise<AdminUnitLink[]> {
  const units = await ctx.loaders.adminUnitById.loadMany(rows.map(other));
  return rows
    .map((row, i) => ({ unit: units[i] as AdminUnit, kind: row.kind, note: row.note }))
    .filter((l) => l.unit && !(l.unit instanceof Error))
    .sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.unit.validFrom.localeCompare(b.unit.validFrom));
}
