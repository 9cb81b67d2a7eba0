import { IsNull, type EntityManager } from 'typeorm';
import {
  assertAdminCode,
  auditedWrite,
  assertUuid,
  notVisible,
  optionalText,
  requiredText,
  isIsoDate,
  todayInVietnam,
} from '@gnbv/kit';
import { badInput, clientError, conflict, COUNTRY, ErrorCode, type Principal } from '@gnbv/platform';
import { AdminLevel, AdminUnit } from '../admin-unit/admin-unit.entity';
import { moveFollowUp } from './follow-up-status';
import type { InspectionTeamInput } from './inspection.input';
import {
  FindingCategory,
  FindingSeverity,
  FollowUpAction,
  FollowUpStatus,
  FollowUpActionEvent,
  Inspection,
  InspectionFinding,
  InspectionTeamMember,
} from './inspection.entity';
import type { InspectionContext } from './inspection.loader';
import { inspectionScope } from './inspection.scope';

/*
 * The writes of inspections, each idempotent, transactional and audited (the kit's `auditedWrite`).
 *
 * Who: the permission table lets labor and steering-committee officers write. Here, the rows:
 * an inspection, its findings and its actions are the provincial team's record, so recording
 * them needs the commune's province (or the country) in scope: a commune officer does not
 * record the inspection of their own commune. Progress on an action (updateFollowUpAction) may
 * also come from an officer of the commune itself, whose offices carry most actions out.
 */

const MAX_TEAM = 30;

function isoDate(field: string, value: string): string {
  if (!isIsoDate(value)) throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  return value;
}

/** The team as rows to store: the lead first (position 0), then the members in order. */
export function cleanTeam(team: InspectionTeamInput): Array<Pick<InspectionTeamMember, 'position' | 'name' | 'agency' | 'role'>> {
  const members = team.members ?? [];
  if (members.length > MAX_TEAM) throw badInput('team.members', `must list at most ${MAX_TEAM} members`);
  return [team.lead, ...members].map((m, position) => {
    const at = position === 0 ? 'team.lead' : `team.members[${position - 1}]`;
    return {
      position,
      name: requiredText(`${at}.name`, m.name, 200),
      agency: requiredText(`${at}.agency`, m.agency, 200),
      role: optionalText(`${at}.role`, m.role, 200),
    };
  });
}

/** The commune an inspection is of: a known commune (administrative units are public, so say so). */
async function communeUnit(m: EntityManager, code: string, field: string): Promise<AdminUnit> {
  // Today's unit of the code: a former commune of the same code is history, not inspected now.
  const unit = await m.getRepository(AdminUnit).findOneBy({ code, validTo: IsNull() });
  if (!unit || unit.level !== AdminLevel.COMMUNE) throw badInput(field, `no commune has the code ${code}`);
  return unit;
}

/** Recording an inspection needs the commune's province or the whole country in scope. */
function assertProvincialTeam(principal: Principal, commune: AdminUnit, field: string): void {
  if (principal.scope.some((s) => s === COUNTRY || s === commune.parentCode)) return;
  throw clientError(
    ErrorCode.FORBIDDEN,
    `${field}: inspections of commune ${commune.code} are recorded by the team of province ${commune.parentCode}: ` +
      `that needs the province in your scope (yours: ${principal.scope.join(', ')}).`,
    { field },
  );
}

/** The inspection, if the principal may see it (the same answer for missing and out of scope). */
async function visibleInspection(ctx: InspectionContext, m: EntityManager, id: string, argument: string, what: string) {
  const scope = inspectionScope(ctx.principal);
  const inspection = await m
    .getRepository(Inspection)
    .createQueryBuilder('i')
    .where('i.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!inspection) throw notVisible(what, argument);
  return inspection;
}

/** The finding and its inspection, if the inspection is visible. */
async function visibleFinding(ctx: InspectionContext, m: EntityManager, findingId: string, argument: string, what: string) {
  const finding = await m.getRepository(InspectionFinding).findOneBy({ id: findingId });
  if (!finding) throw notVisible(what, argument);
  return { finding, inspection: await visibleInspection(ctx, m, finding.inspectionId, argument, what) };
}

export function recordInspection(
  ctx: InspectionContext,
  args: {
    communeCode: string;
    startedOn: string;
    endedOn: string;
    team: InspectionTeamInput;
    notes?: string | null;
    idempotencyKey: string;
  },
): Promise<Inspection> {
  const communeCode = assertAdminCode('communeCode', args.communeCode);
  if (communeCode.length !== 5) throw badInput('communeCode', 'must be a commune code (5 digits), not a province');
  const startedOn = isoDate('startedOn', args.startedOn);
  const endedOn = isoDate('endedOn', args.endedOn);
  if (endedOn < startedOn) throw badInput('endedOn', `must be on or after startedOn (${startedOn})`);
  if (startedOn > todayInVietnam())
    throw badInput('startedOn', 'must not be in the future: record an inspection once it has begun');
  const team = cleanTeam(args.team);
  const notes = optionalText('notes', args.notes, 4000);
  const input = { communeCode, startedOn, endedOn, team, notes };
  const write = { operation: 'recordInspection', idempotencyKey: args.idempotencyKey, input, fields: ['Inspection'] };
  return auditedWrite(ctx, { ...write, subjectOf: (i) => ({ type: 'Inspection', id: i.id }) }, async (m) => {
    assertProvincialTeam(ctx.principal, await communeUnit(m, communeCode, 'communeCode'), 'communeCode');
    const inspections = m.getRepository(Inspection);
    const inspection = await inspections.save(
      inspections.create({ communeCode, startedOn, endedOn, notes, recordedBy: ctx.principal.subject }),
    );
    await m.getRepository(InspectionTeamMember).insert(team.map((member) => ({ ...member, inspectionId: inspection.id })));
    return inspection;
  });
}

export function addInspectionFinding(
  ctx: InspectionContext,
  args: {
    inspectionId: string;
    category: FindingCategory;
    severity: FindingSeverity;
    description: string;
    idempotencyKey: string;
  },
): Promise<InspectionFinding> {
  const inspectionId = assertUuid('inspectionId', args.inspectionId);
  if (!Object.values(FindingCategory).includes(args.category)) throw badInput('category', 'is not a finding category');
  if (!Object.values(FindingSeverity).includes(args.severity)) throw badInput('severity', 'is not a severity');
  const description = requiredText('description', args.description, 4000);
  const input = { inspectionId, category: args.category, severity: args.severity, description };
  const write = { operation: 'addInspectionFinding', idempotencyKey: args.idempotencyKey, input, fields: ['InspectionFinding'] };
  return auditedWrite(ctx, { ...write, subjectOf: (f) => ({ type: 'InspectionFinding', id: f.id }) }, async (m) => {
    const inspection = await visibleInspection(ctx, m, inspectionId, 'inspectionId', 'inspection');
    assertProvincialTeam(ctx.principal, await communeUnit(m, inspection.communeCode, 'inspectionId'), 'inspectionId');
    const findings = m.getRepository(InspectionFinding);
    return findings.save(findings.create({ ...input, recordedBy: ctx.principal.subject }));
  });
}

export function addFollowUpAction(
  ctx: InspectionContext,
  args: { findingId: string; responsibleOffice: string; dueOn: string; description: string; idempotencyKey: string },
): Promise<FollowUpAction> {
  const findingId = assertUuid('findingId', args.findingId);
  const responsibleOffice = requiredText('responsibleOffice', args.responsibleOffice, 200);
  const dueOn = isoDate('dueOn', args.dueOn);
  const description = requiredText('description', args.description, 4000);
  const input = { findingId, responsibleOffice, dueOn, description };
  const write = { operation: 'addFollowUpAction', idempotencyKey: args.idempotencyKey, input, fields: ['FollowUpAction'] };
  return auditedWrite(ctx, { ...write, subjectOf: (a) => ({ type: 'FollowUpAction', id: a.id }) }, async (m) => {
    const { inspection } = await visibleFinding(ctx, m, findingId, 'findingId', 'finding');
    assertProvincialTeam(ctx.principal, await communeUnit(m, inspection.communeCode, 'findingId'), 'findingId');
    if (dueOn < inspection.startedOn)
      throw badInput('dueOn', `must be on or after the start of the inspection (${inspection.startedOn})`);
    const actions = m.getRepository(FollowUpAction);
    const action = await actions.save(
      actions.create({ ...input, status: FollowUpStatus.OPEN, recordedBy: ctx.principal.subject }),
    );
    await m.getRepository(FollowUpActionEvent).insert({
      actionId: action.id,
      fromStatus: null,
      toStatus: FollowUpStatus.OPEN,
      recordedBy: ctx.principal.subject,
    });
    return action;
  });
}

export function updateFollowUpAction(
  ctx: InspectionContext,
  args: { actionId: string; status: FollowUpStatus; note?: string | null; reason?: string | null; idempotencyKey: string },
): Promise<FollowUpAction> {
  const actionId = assertUuid('actionId', args.actionId);
  const status = args.status;
  if (!Object.values(FollowUpStatus).includes(status)) throw badInput('status', 'is not a follow-up status');
  const note = optionalText('note', args.note, 2000);
  const reason = optionalText('reason', args.reason, 2000);
  if (status === FollowUpStatus.CANCELLED && !reason) throw badInput('reason', 'must say why the action is cancelled');
  if (status !== FollowUpStatus.CANCELLED && reason) throw badInput('reason', 'is given only when cancelling; use note');
  const input = { actionId, status, note, reason };
  const write = {
    operation: 'updateFollowUpAction',
    idempotencyKey: args.idempotencyKey,
    input,
    fields: [`FollowUpAction.status:${status}`],
  };
  return auditedWrite(ctx, { ...write, subjectOf: (a) => ({ type: 'FollowUpAction', id: a.id }) }, async (m) => {
    const action = await m
      .getRepository(FollowUpAction)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: actionId })
      .getOne();
    if (!action) throw notVisible('follow-up action', 'actionId');
    await visibleFinding(ctx, m, action.findingId, 'actionId', 'follow-up action');
    const move = moveFollowUp(action.status, status);
    if (!move.ok) throw conflict(`status: ${move.reason}.`);
    await m.getRepository(FollowUpActionEvent).insert({
      actionId: action.id,
      fromStatus: action.status,
      toStatus: status,
      note,
      reason,
      recordedBy: ctx.principal.subject,
    });
    Object.assign(action, {
      status,
      statusNote: note,
      completedOn: status === FollowUpStatus.DONE ? todayInVietnam() : null,
      cancellationReason: reason,
    });
    return m.getRepository(FollowUpAction).save(action);
  });
}
