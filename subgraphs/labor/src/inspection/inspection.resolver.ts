import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertAdminCode,
  assertUuid,
  IsoDateScalar,
  notVisible,
  PageArgs,
  todayInVietnam,
  IDEMPOTENCY_KEY_DESCRIPTION as KEY_DESCRIPTION,
} from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import { AdminLevel, AdminUnit } from '../admin-unit/admin-unit.entity';
import { assertFilterInScope } from '../admin-unit/unit-filter';
import { isOverdue } from './follow-up-status';
import { FollowUpActionConnection, InspectionConnection } from './inspection.connection';
import {
  FindingCategory,
  FindingSeverity,
  FollowUpAction,
  FollowUpStatus,
  FollowUpActionEvent,
  Inspection,
  InspectionFinding,
  InspectionTeam,
} from './inspection.entity';
import { InspectionTeamInput } from './inspection.input';
import type { InspectionContext } from './inspection.loader';
import { findInspectionPage, findOverdueActionPage } from './inspection.query';
import { addFollowUpAction, addInspectionFinding, recordInspection, updateFollowUpAction } from './inspection.service';

/** A commune or province filter: well formed, and not wholly outside the scope. */
async function unitFilter(ctx: InspectionContext, argument: string, code: string | null | undefined, length: 2 | 5) {
  if (!code) return undefined;
  assertAdminCode(argument, code);
  if (code.length !== length) throw badInput(argument, `must be a ${length === 2 ? 'province' : 'commune'} code`);
  await assertFilterInScope(ctx, argument, code);
  return code;
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Query(() => Inspection, {
    nullable: true,
    description: 'An inspection by id. A missing inspection and one outside your scope give the same FORBIDDEN answer.',
  })
  async inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: InspectionContext): Promise<Inspection> {
    const inspection = await ctx.loaders.inspectionById.load(assertUuid('id', id));
    if (!inspection) throw notVisible('inspection', 'id');
    return inspection;
  }

  @Query(() => InspectionConnection, { description: 'Inspections of communes in your scope, newest first.' })
  async inspections(
    @Args() page: PageArgs,
    @Ctx() ctx: InspectionContext,
    @Arg('communeCode', () => String, { nullable: true }) communeCode?: string | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('from', () => IsoDateScalar, { nullable: true, description: 'Only inspections that ended on or after this day.' })
    from?: string | null,
    @Arg('to', () => IsoDateScalar, { nullable: true, description: 'Only inspections that began on or before this day.' })
    to?: string | null,
    @Arg('category', () => FindingCategory, { nullable: true, description: 'Only inspections with a finding of this category.' })
    category?: FindingCategory | null,
  ): Promise<InspectionConnection> {
    const commune = await unitFilter(ctx, 'communeCode', communeCode, 5);
    const province = await unitFilter(ctx, 'provinceCode', provinceCode, 2);
    if (from && to && to < from) throw badInput('to', `must be on or after from (${from})`);
    return findInspectionPage(
      ctx.db,
      ctx.principal,
      {
        ...(commune ? { communeCode: commune } : {}),
        ...(province ? { provinceCode: province } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(category ? { category } : {}),
      },
      page,
    );
  }

  @FieldResolver(() => AdminUnit, { description: 'The commune inspected.' })
  async commune(@Root() inspection: Inspection, @Ctx() ctx: InspectionContext): Promise<AdminUnit> {
    const unit = await ctx.loaders.adminUnitByCode.load(inspection.communeCode);
    if (!unit) throw new Error(`inspection ${inspection.id} refers to missing commune ${inspection.communeCode}`);
    return unit;
  }

  @FieldResolver(() => InspectionTeam)
  async team(@Root() inspection: Inspection, @Ctx() ctx: InspectionContext): Promise<InspectionTeam> {
    const [lead, ...members] = await ctx.loaders.teamByInspection.load(inspection.id);
    if (!lead) throw new Error(`inspection ${inspection.id} has no team`);
    return { lead, members };
  }

  @FieldResolver(() => [InspectionFinding], { description: 'Findings, in the order recorded.' })
  findings(@Root() inspection: Inspection, @Ctx() ctx: InspectionContext): Promise<InspectionFinding[]> {
    return ctx.loaders.findingsByInspection.load(inspection.id);
  }

  @Mutation(() => Inspection, {
    description:
      "Records the inspection of a commune by its province's team: needs that province (or the country) in your scope.",
  })
  recordInspection(
    @Arg('communeCode') communeCode: string,
    @Arg('startedOn', () => IsoDateScalar) startedOn: string,
    @Arg('endedOn', () => IsoDateScalar, { description: 'On or after startedOn.' }) endedOn: string,
    @Arg('team', () => InspectionTeamInput) team: InspectionTeamInput,
    @Arg('idempotencyKey', { description: KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: InspectionContext,
    @Arg('notes', () => String, { nullable: true, description: 'Scope of the inspection and notes.' }) notes?: string | null,
  ): Promise<Inspection> {
    return recordInspection(ctx, { communeCode, startedOn, endedOn, team, notes, idempotencyKey });
  }
}

@Resolver(() => InspectionFinding)
export class InspectionFindingResolver {
  @FieldResolver(() => Inspection, { description: 'The inspection that found it.' })
  async inspection(@Root() finding: InspectionFinding, @Ctx() ctx: InspectionContext): Promise<Inspection> {
    const inspection = await ctx.loaders.inspectionById.load(finding.inspectionId);
    if (!inspection) throw notVisible('inspection', 'id');
    return inspection;
  }

  @FieldResolver(() => [FollowUpAction], { description: 'Follow-up actions, earliest due first.' })
  actions(@Root() finding: InspectionFinding, @Ctx() ctx: InspectionContext): Promise<FollowUpAction[]> {
    return ctx.loaders.actionsByFinding.load(finding.id);
  }

  @Mutation(() => InspectionFinding, { description: "Adds a finding to an inspection (the province's team)." })
  addInspectionFinding(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('category', () => FindingCategory) category: FindingCategory,
    @Arg('severity', () => FindingSeverity) severity: FindingSeverity,
    @Arg('description') description: string,
    @Arg('idempotencyKey', { description: KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: InspectionContext,
  ): Promise<InspectionFinding> {
    return addInspectionFinding(ctx, { inspectionId, category, severity, description, idempotencyKey });
  }
}

@Resolver(() => FollowUpAction)
export class FollowUpActionResolver {
  @Query(() => FollowUpActionConnection, {
    description: 'Follow-up actions still OPEN or IN_PROGRESS after their due date, in your scope, earliest due first.',
  })
  async overdueInspectionActions(
    @Args() page: PageArgs,
    @Ctx() ctx: InspectionContext,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
  ): Promise<FollowUpActionConnection> {
    const province = await unitFilter(ctx, 'provinceCode', provinceCode, 2);
    return findOverdueActionPage(
      ctx.db,
      ctx.principal,
      { today: todayInVietnam(), ...(province ? { provinceCode: province } : {}) },
      page,
    );
  }

  @FieldResolver(() => Boolean, { description: 'Still OPEN or IN_PROGRESS after its due date (today in Vietnam).' })
  overdue(@Root() action: FollowUpAction): boolean {
    return isOverdue(action, todayInVietnam());
  }

  @FieldResolver(() => [FollowUpActionEvent], { description: 'Every status change, oldest first, with its note.' })
  async history(@Root() action: FollowUpAction, @Ctx() ctx: InspectionContext): Promise<FollowUpActionEvent[]> {
    return ctx.loaders.eventsByAction.load(action.id);
  }

  @FieldResolver(() => InspectionFinding, { description: 'The finding it follows up.' })
  async finding(@Root() action: FollowUpAction, @Ctx() ctx: InspectionContext): Promise<InspectionFinding> {
    const finding = await ctx.loaders.findingById.load(action.findingId);
    if (!finding) throw new Error(`follow-up action ${action.id} refers to missing finding ${action.findingId}`);
    return finding;
  }

  @Mutation(() => FollowUpAction, { description: "Adds a follow-up action on a finding, OPEN (the province's team)." })
  addFollowUpAction(
    @Arg('findingId', () => ID) findingId: string,
    @Arg('responsibleOffice') responsibleOffice: string,
    @Arg('dueOn', () => IsoDateScalar) dueOn: string,
    @Arg('description') description: string,
    @Arg('idempotencyKey', { description: KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: InspectionContext,
  ): Promise<FollowUpAction> {
    return addFollowUpAction(ctx, { findingId, responsibleOffice, dueOn, description, idempotencyKey });
  }

  @Mutation(() => FollowUpAction, {
    description:
      'Moves a follow-up action on: OPEN → IN_PROGRESS → DONE, or to CANCELLED with a reason. DONE and CANCELLED are final.',
  })
  updateFollowUpAction(
    @Arg('actionId', () => ID) actionId: string,
    @Arg('status', () => FollowUpStatus) status: FollowUpStatus,
    @Arg('idempotencyKey', { description: KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: InspectionContext,
    @Arg('note', () => String, { nullable: true, description: 'What was done, or where it stands.' }) note?: string | null,
    @Arg('reason', () => String, { nullable: true, description: 'Why it is cancelled: required for CANCELLED, only then.' })
    reason?: string | null,
  ): Promise<FollowUpAction> {
    return updateFollowUpAction(ctx, { actionId, status, note, reason, idempotencyKey });
  }
}

@Resolver(() => AdminUnit)
export class AdminUnitInspectionResolver {
  @FieldResolver(() => InspectionConnection, {
    nullable: true,
    description: 'Inspections of this commune (or of the communes of this province) within your scope, newest first.',
  })
  inspections(
    @Root() unit: AdminUnit,
    @Args() page: PageArgs,
    @Ctx() ctx: InspectionContext,
    @Arg('category', () => FindingCategory, { nullable: true }) category?: FindingCategory | null,
  ): Promise<InspectionConnection> {
    // Filtered to the principal's scope: a province lists only the inspections its reader may see.
    const where = unit.level === AdminLevel.PROVINCE ? { provinceCode: unit.code } : { communeCode: unit.code };
    return findInspectionPage(ctx.db, ctx.principal, { ...where, ...(category ? { category } : {}) }, page);
  }
}
