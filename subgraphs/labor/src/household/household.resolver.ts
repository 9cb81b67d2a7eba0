import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertAdminCode,
  assertUuid,
  AuditPageArgs,
  AuditRecord,
  auditTrailPage,
  cleanText,
  notVisible,
  PageArgs,
  IDEMPOTENCY_KEY_DESCRIPTION,
} from '@gnbv/kit';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { assertFilterInScope } from '../admin-unit/unit-filter';
import { HouseholdConnection } from './household.connection';
import { Household, HouseholdCategory, HouseholdFlag } from './household.entity';
import { RegisterHouseholdInput, UpdateHouseholdInput } from './household.input';
import type { HouseholdContext } from './household.loader';
import { findHouseholdPage } from './household.query';
import { householdScope } from './household.scope';
import { changeHouseholdHead, registerHousehold, updateHousehold } from './household.service';
import { Member, RelationToHead } from './member.entity';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, {
    nullable: true,
    description: 'A household by id. A missing household and one outside your scope give the same FORBIDDEN answer.',
  })
  async household(@Arg('id', () => ID) id: string, @Ctx() ctx: HouseholdContext): Promise<Household> {
    const household = await ctx.loaders.householdById.load(assertUuid('id', id));
    if (!household) throw notVisible('household', 'id');
    return household;
  }

  @Query(() => Household, {
    nullable: true,
    description: 'A household by its code within a commune (same answers as `household`).',
  })
  async householdByCode(
    @Arg('communeCode') communeCode: string,
    @Arg('code') code: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Household> {
    const scope = householdScope(ctx.principal);
    const household = await ctx.db
      .getRepository(Household)
      .createQueryBuilder('h')
      .where('h.commune_code = :commune AND h.code = :code', {
        commune: assertAdminCode('communeCode', communeCode),
        code: cleanText('code', code, 32),
      })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!household) throw notVisible('household', 'code');
    return household;
  }

  @Query(() => HouseholdConnection, { description: 'Households in your scope, filtered and paginated by household code.' })
  async households(
    @Args() page: PageArgs,
    @Ctx() ctx: HouseholdContext,
    @Arg('communeCode', () => String, { nullable: true }) communeCode?: string | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('category', () => HouseholdCategory, { nullable: true }) category?: HouseholdCategory | null,
    @Arg('flag', () => HouseholdFlag, { nullable: true }) flag?: HouseholdFlag | null,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'Only households with a certified review that year; category and deprivedIndicator then refer to it.',
    })
    year?: number | null,
    @Arg('deprivedIndicator', () => Int, { nullable: true, description: 'Deprived in this indicator (1-12).' })
    deprivedIndicator?: number | null,
  ): Promise<HouseholdConnection> {
    const commune = communeCode ? assertAdminCode('communeCode', communeCode) : undefined;
    const province = provinceCode ? assertAdminCode('provinceCode', provinceCode) : undefined;
    if (commune) await assertFilterInScope(ctx, 'communeCode', commune);
    if (province) await assertFilterInScope(ctx, 'provinceCode', province);
    return findHouseholdPage(
      ctx.db,
      ctx.principal,
      {
        ...(commune ? { communeCode: commune } : {}),
        ...(province ? { provinceCode: province } : {}),
        ...(category ? { category } : {}),
        ...(flag ? { flag } : {}),
        ...(year != null ? { year } : {}),
        ...(deprivedIndicator != null ? { deprivedIndicator } : {}),
      },
      page,
    );
  }

  @FieldResolver(() => AdminUnit, {
    nullable: true,
    description: "The commune the household is registered in, as resolved today (after the 2025 reform's mergers).",
  })
  async commune(@Root() household: Household, @Ctx() ctx: HouseholdContext): Promise<AdminUnit> {
    return unitOf(household, household.communeId, ctx);
  }

  @FieldResolver(() => AdminUnit, {
    nullable: true,
    description: 'The commune as recorded when the household was registered: a former unit if a reform has replaced it since.',
  })
  async recordedCommune(@Root() household: Household, @Ctx() ctx: HouseholdContext): Promise<AdminUnit> {
    return unitOf(household, household.recordedCommuneId, ctx);
  }

  @FieldResolver(() => [Member], {
    nullable: true,
    description: 'Current members, oldest first (agency officers); with includeLeft, those who left too.',
  })
  async members(
    @Root() household: Household,
    @Ctx() ctx: HouseholdContext,
    @Arg('includeLeft', { defaultValue: false, description: 'Also the members who left (moved, died, married out).' })
    includeLeft: boolean,
  ): Promise<Member[]> {
    const members = await ctx.loaders.membersByHousehold.load(household.id);
    return includeLeft ? members : members.filter((m) => m.leftOn === null);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'The current head of household (agency officers).' })
  async head(@Root() household: Household, @Ctx() ctx: HouseholdContext): Promise<Member | null> {
    // From the members already loaded for the page: at most one current head (household_member_one_head).
    const members = await ctx.loaders.membersByHousehold.load(household.id);
    return members.find((m) => m.relationToHead === RelationToHead.HEAD && m.leftOn === null) ?? null;
  }

  @Mutation(() => Household, {
    description:
      'Registers a household with its members (exactly one HEAD) in a commune of your scope, NOT_POOR until a review is certified.',
  })
  registerHousehold(
    @Arg('input', () => RegisterHouseholdInput) input: RegisterHouseholdInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Household> {
    return registerHousehold(ctx, { input, idempotencyKey });
  }

  @Mutation(() => Household, { description: "Changes a household's village, address, area or flags: only the fields given." })
  updateHousehold(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateHouseholdInput) input: UpdateHouseholdInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Household> {
    return updateHousehold(ctx, { id, input, idempotencyKey });
  }

  @Mutation(() => Household, {
    description:
      "Names a current member head of the household. The former head's relation becomes previousHeadRelation; " +
      "the other members' relations are not recomputed (correct them with updateMember).",
  })
  changeHouseholdHead(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('previousHeadRelation', () => RelationToHead, { description: "The former head's relation to the new head." })
    previousHeadRelation: RelationToHead,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Household> {
    return changeHouseholdHead(ctx, { householdId, memberId, previousHeadRelation, idempotencyKey });
  }

  @FieldResolver(() => [AuditRecord], {
    nullable: true,
    description: "Who read or changed this household's registry data, when and why: newest first (data-protection officer).",
  })
  async registryAudit(
    @Root() household: Household,
    @Ctx() ctx: HouseholdContext,
    @Args() page: AuditPageArgs,
  ): Promise<AuditRecord[]> {
    return auditTrailPage(ctx.db, 'Household', household.id, page);
  }
}

/**
 * `__resolveReference` for Household: other agencies' subgraphs send `{ id }`. A household
 * outside the scope gets the same answer as a missing one.
 */
export async function resolveHouseholdReference(reference: Record<string, unknown>, ctx: HouseholdContext) {
  const id = reference.id;
  if (typeof id !== 'string') throw notVisible('household', 'id');
  const household = await ctx.loaders.householdById.load(assertUuid('id', id));
  if (!household) throw notVisible('household', 'id');
  return household;
}

/** A unit a household refers to; the foreign keys guarantee it exists. */
async function unitOf(household: Household, unitId: string, ctx: HouseholdContext): Promise<AdminUnit> {
  const unit = await ctx.loaders.adminUnitById.load(unitId);
  if (!unit) throw new Error(`household ${household.id} refers to missing unit ${unitId}`);
  return unit;
}
