import {
  assertAdminCode,
  assertOneOf,
  assertUnitArgInScope,
  assertUuid,
  requiredText,
  todayInVietnam,
  givenFields,
  pastDate,
  refusedAs,
} from '@gnbv/kit';
import { badInput, conflictOn } from '@gnbv/platform';
import { AdminLevel, type AdminUnit } from '../admin-unit/admin-unit.entity';
import { Area, Household, HouseholdCategory } from './household.entity';
import type { RegisterHouseholdInput, UpdateHouseholdInput } from './household.input';
import type { HouseholdContext } from './household.loader';
import { visibleHousehold } from './household.scope';
import { householdWrite } from './household.write';
import { Member, RelationToHead } from './member.entity';
import { assertNationalIdsFree, currentHead, insertMembers } from './member.service';
import { cleanMember, memberFields } from './member.validate';

/*
 * The writes of the household registry: registering a household with its members, changing
 * its address and flags, naming a new head. Each is idempotent, transactional and audited under
 * the household (household.write.ts); member writes are in member.service.ts.
 *
 * A new household is NOT_POOR, with no income: its category is what the commune's certified
 * lists say (review.service.ts sets it when a review is certified), and registering is not
 * certifying. It goes on the poor or near-poor list through a review, like every other.
 *
 * Neither the code (the household's business key) nor the commune changes here: a household
 * moves commune when a reform does (the units' history), and a new code is a new household.
 */

/** At most this many members in one household. */
const MAX_MEMBERS = 50;

/** Flags as the table stores them (also the names of the input's and the audit trail's fields). */
const FLAGS = ['noWorkingCapacity', 'ethnicMinority', 'meritoriousFamily'] as const;

const codeTaken = (communeCode: string) => conflictOn('code', `commune ${communeCode} already has a household with this code.`);

/**
 * Today's commune of a code, which the writer's scope covers. Administrative units are public,
 * so an unknown or former code is said to be so (BAD_USER_INPUT); a commune outside the scope
 * is FORBIDDEN, as a filter outside it is.
 */
async function communeToRegisterIn(ctx: HouseholdContext, code: string): Promise<AdminUnit> {
  const unit = await ctx.loaders.adminUnitByCode.load(code);
  if (!unit || unit.level !== AdminLevel.COMMUNE) {
    const former = (await ctx.loaders.adminUnitVersions.load(code)).find((u) => u.level === AdminLevel.COMMUNE);
    throw badInput(
      'communeCode',
      former
        ? `${code} is the code of a former commune (${former.name}, until ${former.validTo}): register the household in today's commune that took over its territory`
        : `no current commune has the code ${code}`,
    );
  }
  assertUnitArgInScope(ctx.principal, 'communeCode', code, unit.parentCode);
  return unit;
}

/** The members of a new household, checked: one to MAX_MEMBERS, exactly one head, no number twice. */
function cleanHouseholdMembers(members: RegisterHouseholdInput['members']) {
  if (members.length === 0 || members.length > MAX_MEMBERS)
    throw badInput('members', `must list the household's members: 1 to ${MAX_MEMBERS}, one of them the head`);
  const values = members.map((member, i) => cleanMember(member, `members[${i}]`));
  const heads = values.filter((v) => v.relationToHead === RelationToHead.HEAD).length;
  if (heads !== 1) throw badInput('members', `must have exactly one member whose relationToHead is HEAD (${heads} given)`);
  values.forEach((v, i) => {
    const first = values.findIndex((w) => w.nationalId === v.nationalId);
    if (v.nationalId !== null && first !== i)
      throw badInput(`members[${i}].nationalId`, `is the number given for members[${first}] too`);
  });
  return values;
}

export async function registerHousehold(
  ctx: HouseholdContext,
  args: { input: RegisterHouseholdInput; idempotencyKey: string },
): Promise<Household> {
  const { input } = args;
  const communeCode = assertAdminCode('communeCode', input.communeCode);
  if (communeCode.length !== 5) throw badInput('communeCode', 'must be a commune code (5 digits), not a province');
  const household = {
    communeCode,
    code: requiredText('code', input.code, 32),
    village: requiredText('village', input.village, 200),
    address: requiredText('address', input.address, 500),
    area: assertOneOf('area', input.area, Area),
    noWorkingCapacity: input.noWorkingCapacity ?? false,
    ethnicMinority: input.ethnicMinority ?? false,
    meritoriousFamily: input.meritoriousFamily ?? false,
  };
  const members = cleanHouseholdMembers(input.members);
  const commune = await communeToRegisterIn(ctx, communeCode);
  // The registration date is checked against the commune as it is today: its "as recorded" unit
  // is today's, which would be wrong for a date before the commune took its current form.
  const since = { date: commune.validFrom, what: `commune ${communeCode} took its current form` };
  const registeredOn = input.registeredOn == null ? null : pastDate('registeredOn', input.registeredOn, since);
  // The key's input holds registeredOn as given: a retry after midnight is the same request.
  const write = {
    operation: 'registerHousehold',
    idempotencyKey: args.idempotencyKey,
    input: { ...household, registeredOn, members },
  };
  const fields = [
    ...['code', 'communeCode', 'village', 'address', 'area', ...FLAGS, 'registeredOn', 'category'].map((f) => `Household.${f}`),
    ...new Set(members.flatMap((member) => memberFields(member))),
  ];
  return householdWrite(ctx, { ...write, fields, householdOf: (h) => h.id }, async (m) => {
    const repo = m.getRepository(Household);
    const row = repo.create({
      ...household,
      registeredOn: registeredOn ?? todayInVietnam(),
      category: HouseholdCategory.NOT_POOR,
      monthlyIncomePerPerson: null,
    });
    // The database resolves today's unit of the code (commune_id, province_code, the recorded
    // unit) in the same statement; a unit closed since the check above is refused there.
    const { identifiers } = await refusedAs(repo.insert(row), {
      household_code_per_commune: () => codeTaken(communeCode),
      23503: () => badInput('communeCode', `no current commune has the code ${communeCode}`),
    });
    const id = (identifiers[0] as { id: string }).id;
    await assertNationalIdsFree(
      m,
      members.map((member, i) => ({ nationalId: member.nationalId, field: `members[${i}].nationalId` })),
    );
    await insertMembers(m, id, members, { head: 'members', nationalId: 'members' });
    return repo.findOneByOrFail({ id });
  });
}

export function updateHousehold(
  ctx: HouseholdContext,
  args: { id: string; input: UpdateHouseholdInput; idempotencyKey: string },
): Promise<Household> {
  const id = assertUuid('id', args.id);
  const given = givenFields(args.input);
  const patch: Partial<Household> = {
    ...(given.village != null ? { village: requiredText('village', given.village, 200) } : {}),
    ...(given.address != null ? { address: requiredText('address', given.address, 500) } : {}),
    ...(given.area != null ? { area: assertOneOf('area', given.area, Area) } : {}),
  };
  for (const flag of FLAGS) {
    const value = given[flag];
    if (value != null) patch[flag] = value;
  }
  const write = { operation: 'updateHousehold', idempotencyKey: args.idempotencyKey, input: { id, ...patch } };
  const fields = Object.keys(patch).map((f) => `Household.${f}`);
  return householdWrite(ctx, { ...write, fields, householdOf: (h) => h.id }, async (m) => {
    const household = await visibleHousehold(ctx.principal, m, id, 'id', 'household', { lock: true });
    await m.getRepository(Household).update(id, patch);
    return { ...household, ...patch };
  });
}

/**
 * Names a new head. Only two relations change: the new head's (to HEAD) and the former head's
 * (to `previousHeadRelation`, which the officer gives: the database cannot know whether the
 * former head is the new head's parent or spouse). The others' relations are to the head, so they
 * may now be out of date (a child of the former head is a sibling of a new head who is a child
 * too): they are not recomputed, since that needs facts the registry does not hold; the officer
 * corrects them with updateMember.
 */
export function changeHouseholdHead(
  ctx: HouseholdContext,
  args: { householdId: string; memberId: string; previousHeadRelation: RelationToHead; idempotencyKey: string },
): Promise<Household> {
  const householdId = assertUuid('householdId', args.householdId);
  const memberId = assertUuid('memberId', args.memberId);
  const previousHeadRelation = args.previousHeadRelation;
  if (assertOneOf('previousHeadRelation', previousHeadRelation, RelationToHead) === RelationToHead.HEAD)
    throw badInput('previousHeadRelation', "must be the former head's relation to the new head, not HEAD");
  const input = { householdId, memberId, previousHeadRelation };
  const write = { operation: 'changeHouseholdHead', idempotencyKey: args.idempotencyKey, input };
  return householdWrite(ctx, { ...write, fields: ['Member.relationToHead'], householdOf: (h) => h.id }, async (m) => {
    const household = await visibleHousehold(ctx.principal, m, householdId, 'householdId', 'household', { lock: true });
    const members = m.getRepository(Member);
    const member = await members.findOneBy({ id: memberId, householdId });
    if (!member) throw badInput('memberId', 'no member of this household has this id');
    if (member.leftOn !== null) throw conflictOn('memberId', `the member left the household on ${member.leftOn}.`);
    if (member.relationToHead === RelationToHead.HEAD) throw conflictOn('memberId', 'this member is the head already.');
    const head = await currentHead(m, householdId);
    // In this order: the unique index allows one current head per household after each statement.
    if (head) await members.update(head.id, { relationToHead: previousHeadRelation });
    await members.update(member.id, { relationToHead: RelationToHead.HEAD });
    return household;
  });
}
