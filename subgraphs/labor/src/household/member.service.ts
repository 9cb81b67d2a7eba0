import { IsNull, type EntityManager } from 'typeorm';
import { assertUuid, notVisible, requiredText, pastDate, refusedAs } from '@gnbv/kit';
import { badInput, conflictOn, type Principal } from '@gnbv/platform';
import type { Household } from './household.entity';
import type { HouseholdContext } from './household.loader';
import { visibleHousehold } from './household.scope';
import { householdWrite } from './household.write';
import { Member, RelationToHead } from './member.entity';
import type { MemberInput, UpdateMemberInput } from './member.input';
import { cleanMember, cleanMemberPatch, memberFields, type MemberValues } from './member.validate';

/*
 * The writes of a household's members, each idempotent, transactional and audited under the
 * household (household.write.ts). Members are never deleted: one who leaves (moved, died,
 * married out) is kept with the date and the reason, and no longer changes.
 *
 * Every write to a household's members first locks the household's row, so the rules that look
 * at several members (one current head, a number held once) are read and kept by one writer at
 * a time. The database backs both with unique indexes (household_member_one_head,
 * household_member_current_national_id) against any writer that skips this code.
 */

/** A citizen identity number already held: it does not say where, which may be outside the writer's scope. */
const nationalIdInUse = (field: string) =>
  conflictOn(
    field,
    'a current member of the registry already holds this citizen identity number. A person is a current ' +
      'member of one household: check the number, or record that the person left the other household first.',
  );

const headTaken = (field: string) =>
  conflictOn(field, 'the household already has a head. Name a new head with changeHouseholdHead; a household has one.');

/**
 * Refuses numbers a current member other than `exceptMember` holds, naming the input that gave
 * each. Read in the write's transaction; the unique index refuses a concurrent writer's copy.
 */
export async function assertNationalIdsFree(
  m: EntityManager,
  given: Array<{ nationalId: string | null; field: string }>,
  exceptMember: string | null = null,
): Promise<void> {
  const ids = given.filter((g) => g.nationalId !== null);
  if (ids.length === 0) return;
  // national_id is char(12): compare as bpchar, so the partial unique index is what answers.
  const held: Array<{ national_id: string }> = await m.query(
    `SELECT national_id FROM household_member
      WHERE national_id = ANY($1::bpchar[]) AND left_on IS NULL AND national_id IS NOT NULL
        AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [ids.map((g) => g.nationalId), exceptMember],
  );
  const taken = ids.find((g) => held.some((h) => h.national_id === g.nationalId));
  if (taken) throw nationalIdInUse(taken.field);
}

/** Inserts members of a household; the database's refusals become the errors they mean. */
export async function insertMembers(
  m: EntityManager,
  householdId: string,
  members: MemberValues[],
  fieldOf: { head: string; nationalId: string },
): Promise<Member[]> {
  const repo = m.getRepository(Member);
  const rows = members.map((values) => repo.create({ ...values, householdId, leftOn: null, leftReason: null }));
  await refusedAs(repo.insert(rows), {
    household_member_one_head: () => headTaken(fieldOf.head),
    household_member_current_national_id: () => nationalIdInUse(fieldOf.nationalId),
  });
  return rows;
}

/** The current head of a household, read in the write's transaction. */
export const currentHead = (m: EntityManager, householdId: string) =>
  m.getRepository(Member).findOneBy({ householdId, relationToHead: RelationToHead.HEAD, leftOn: IsNull() });

/**
 * A member and its household, the household locked, if the household is visible to the
 * principal: a missing member and one of a household outside the scope get the same answer.
 */
async function lockedMember(
  principal: Principal,
  m: EntityManager,
  id: string,
): Promise<{ member: Member; household: Household }> {
  const found = await m.getRepository(Member).findOneBy({ id });
  if (!found) throw notVisible('member', 'id');
  const household = await visibleHousehold(principal, m, found.householdId, 'id', 'member', { lock: true });
  // Read again under the household's lock: another write may have changed it meanwhile.
  const member = await m.getRepository(Member).findOneByOrFail({ id });
  return { member, household };
}

function assertCurrent(member: Member, field: string): void {
  if (member.leftOn !== null) {
    throw conflictOn(
      field,
      `the member left the household on ${member.leftOn}; a member who left is kept as history and no longer changes.`,
    );
  }
}

export function addMember(
  ctx: HouseholdContext,
  args: { householdId: string; input: MemberInput; idempotencyKey: string },
): Promise<Member> {
  const householdId = assertUuid('householdId', args.householdId);
  const values = cleanMember(args.input);
  const write = { operation: 'addMember', idempotencyKey: args.idempotencyKey, input: { householdId, ...values } };
  const fields = memberFields(values);
  return householdWrite(ctx, { ...write, fields, householdOf: (r) => r.householdId }, async (m) => {
    await visibleHousehold(ctx.principal, m, householdId, 'householdId', 'household', { lock: true });
    if (values.relationToHead === RelationToHead.HEAD && (await currentHead(m, householdId))) throw headTaken('relationToHead');
    await assertNationalIdsFree(m, [{ nationalId: values.nationalId, field: 'nationalId' }]);
    const [member] = await insertMembers(m, householdId, [values], { head: 'relationToHead', nationalId: 'nationalId' });
    return member as Member;
  });
}

export function updateMember(
  ctx: HouseholdContext,
  args: { id: string; input: UpdateMemberInput; idempotencyKey: string },
): Promise<Member> {
  const id = assertUuid('id', args.id);
  const patch = cleanMemberPatch(args.input);
  const write = { operation: 'updateMember', idempotencyKey: args.idempotencyKey, input: { id, ...patch } };
  const fields = memberFields(patch, { withNull: true });
  return householdWrite(ctx, { ...write, fields, householdOf: (r) => r.householdId }, async (m) => {
    const { member } = await lockedMember(ctx.principal, m, id);
    assertCurrent(member, 'id');
    const isHead = member.relationToHead === RelationToHead.HEAD;
    if (patch.relationToHead !== undefined && patch.relationToHead !== member.relationToHead) {
      if (isHead) {
        throw conflictOn(
          'relationToHead',
          "this member is the head; the head's relation changes with changeHouseholdHead, which names the new head.",
        );
      }
      if (patch.relationToHead === RelationToHead.HEAD && (await currentHead(m, member.householdId)))
        throw headTaken('relationToHead');
    }
    if (patch.nationalId) await assertNationalIdsFree(m, [{ nationalId: patch.nationalId, field: 'nationalId' }], id);
    await refusedAs(m.getRepository(Member).update(id, patch), {
      household_member_one_head: () => headTaken('relationToHead'),
      household_member_current_national_id: () => nationalIdInUse('nationalId'),
    });
    return { ...member, ...patch };
  });
}

export function recordMemberLeft(
  ctx: HouseholdContext,
  args: { id: string; leftOn: string; reason: string; idempotencyKey: string },
): Promise<Member> {
  const id = assertUuid('id', args.id);
  const leftOn = pastDate('leftOn', args.leftOn);
  const reason = requiredText('reason', args.reason, 500);
  const write = { operation: 'recordMemberLeft', idempotencyKey: args.idempotencyKey, input: { id, leftOn, reason } };
  const fields = ['Member.leftOn', 'Member.leftReason'];
  return householdWrite(ctx, { ...write, fields, householdOf: (r) => r.householdId }, async (m) => {
    const { member } = await lockedMember(ctx.principal, m, id);
    assertCurrent(member, 'id');
    if (member.relationToHead === RelationToHead.HEAD) {
      throw conflictOn(
        'id',
        'this member is the head of the household. Name a new head first (changeHouseholdHead), then record that this member left.',
      );
    }
    if (leftOn < member.dateOfBirth) throw badInput('leftOn', `must not be before the member's birth (${member.dateOfBirth})`);
    await m.getRepository(Member).update(id, { leftOn, leftReason: reason });
    return { ...member, leftOn, leftReason: reason };
  });
}
