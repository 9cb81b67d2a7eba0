import { randomUUID } from 'node:crypto';
import {
  captureStatements,
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { addDays, todayInVietnam, refusedAs } from '@gnbv/kit';
import { badInput, conflict } from '@gnbv/platform';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { buildLaborSchema } from '../schema';

/*
 * Writing the registry through the graph: registering a household with its members, changing
 * it, adding members, recording that one left, naming a new head. Each write is idempotent,
 * all-or-nothing and audited in its own transaction; rows are scoped like reads.
 */

const MISSING = '99999999-9999-4999-8999-999999999999';
let db: TestDatabase;
let run: SchemaRunner;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

// Without an identity, `run` asks as the kit's national labor officer, for review.
const COMMUNE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-xa', scope: ['03160'] }) };
const OTHER_COMMUNE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-na-tau', scope: ['03163'] }) };
const PROVINCE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-tinh', scope: ['11'] }) };
const LAI_CHAU_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-lai-chau', scope: ['12'] }) };
const AGRICULTURE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'agri', agency: 'agriculture' }) };
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

const HOUSEHOLD_FIELDS = `id code category registeredOn village address area noWorkingCapacity ethnicMinority
  meritoriousFamily monthlyIncomePerPerson commune { code } recordedCommune { code } head { id fullName relationToHead }
  members { id fullName dateOfBirth sex nationalId relationToHead ethnicity disability }`;
const MEMBER_FIELDS = 'id fullName dateOfBirth sex nationalId relationToHead ethnicity disability leftOn leftReason';
const REGISTER = `mutation($input: RegisterHouseholdInput!, $k: String!) {
  registerHousehold(input: $input, idempotencyKey: $k) { ${HOUSEHOLD_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateHouseholdInput!, $k: String!) {
  updateHousehold(id: $id, input: $input, idempotencyKey: $k) { ${HOUSEHOLD_FIELDS} } }`;
const ADD = `mutation($h: ID!, $input: MemberInput!, $k: String!) {
  addMember(householdId: $h, input: $input, idempotencyKey: $k) { ${MEMBER_FIELDS} } }`;
const UPDATE_MEMBER = `mutation($id: ID!, $input: UpdateMemberInput!, $k: String!) {
  updateMember(id: $id, input: $input, idempotencyKey: $k) { ${MEMBER_FIELDS} } }`;
const LEFT = `mutation($id: ID!, $on: Date!, $reason: String!, $k: String!) {
  recordMemberLeft(id: $id, leftOn: $on, reason: $reason, idempotencyKey: $k) { ${MEMBER_FIELDS} } }`;
const CHANGE_HEAD = `mutation($h: ID!, $m: ID!, $rel: RelationToHead!, $k: String!) {
  changeHouseholdHead(householdId: $h, memberId: $m, previousHeadRelation: $rel, idempotencyKey: $k) {
    id head { id relationToHead } members { id relationToHead } } }`;

const key = () => randomUUID();
let serial = 0;
/** A national ID no other test uses: '0' and 11 digits. */
const nationalId = () => `0${11_000_000_000 + ++serial}`;
const member = (relationToHead: string, overrides: Record<string, unknown> = {}) => ({
  fullName: `Lò Văn ${++serial}`,
  dateOfBirth: '1975-03-02',
  sex: 'MALE',
  nationalId: nationalId(),
  relationToHead,
  ethnicity: 'Thái',
  ...overrides,
});
const householdInput = (overrides: Record<string, unknown> = {}) => ({
  communeCode: '03160',
  code: `HN-${++serial}`,
  village: 'Bản Khá',
  address: 'Bản Khá, xã Mường Phăng',
  area: 'RURAL',
  members: [
    member('HEAD'),
    member('SPOUSE', { sex: 'FEMALE', dateOfBirth: '1978-05-06' }),
    member('CHILD', { dateOfBirth: '2012-09-01', nationalId: null }),
  ],
  ...overrides,
});

interface HouseholdResult {
  id: string;
  code: string;
  head: { id: string; fullName: string; relationToHead: string } | null;
  members: Array<{ id: string; fullName: string; relationToHead: string; nationalId: string | null }>;
  [field: string]: unknown;
}

async function ok<T = Record<string, unknown>>(source: string, variables: Record<string, unknown>, identity: TestIdentity = {}) {
  const res = await run(source, variables, identity);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data ?? {})[0] as T;
}
const register = (overrides: Record<string, unknown> = {}, identity: TestIdentity = {}) =>
  ok<HouseholdResult>(REGISTER, { input: householdInput(overrides), k: key() }, identity);
const count = async (sql: string, params: unknown[] = []) => ((await q(sql, params)) as Array<{ n: number }>)[0]!.n;
const audits = () => count(`SELECT count(*)::int AS n FROM audit_record`);
const lastAudit = async () =>
  (await q(`SELECT subject, purpose, entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`))[0];
const fieldOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  const unit = (code: string, name: string, level: string, parent: string | null, from: string, to: string | null = null) =>
    q(`INSERT INTO admin_unit (code, name, level, parent_code, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)`, [
      code,
      name,
      level,
      parent,
      from,
      to,
    ]);
  await unit('11', 'Tỉnh Điện Biên', 'PROVINCE', null, '2004-01-01');
  // Nà Nhạn was merged into Mường Phăng on 1 July 2025: its code names no current commune.
  await unit('03157', 'Xã Nà Nhạn', 'COMMUNE', '11', '2008-08-01', '2025-07-01');
  await unit('03160', 'Xã Mường Phăng', 'COMMUNE', '11', '2025-07-01');
  await unit('03163', 'Xã Nà Tấu', 'COMMUNE', '11', '2025-07-01');
  await unit('03166', 'Xã Mường Pồn', 'COMMUNE', '11', '2025-07-01');
  await unit('12', 'Tỉnh Lai Châu', 'PROVINCE', null, '2004-01-01');
  await unit('03390', 'Xã Bản Giang', 'COMMUNE', '12', '2025-07-01');
});
afterAll(() => db?.stop());

describe('registering a household', () => {
  it('registers the household and all its members in one write: NOT_POOR, registered today, names NFC', async () => {
    const input = householdInput({
      code: ' MP-0001 ',
      // Decomposed diacritics and stray spaces, as some keyboards and spreadsheets send them.
      members: [
        member('HEAD', { fullName: '  Lò   Văn Pó '.normalize('NFD'), nationalId: '011075000001' }),
        member('SPOUSE', { fullName: 'Quàng Thị Én', sex: 'FEMALE', dateOfBirth: '1978-05-06', nationalId: null }),
      ],
      ethnicMinority: true,
    });
    const created = await ok<HouseholdResult>(REGISTER, { input, k: key() }, COMMUNE_OFFICER);
    const head = created.members.find((m) => m.relationToHead === 'HEAD');
    expect(created).toEqual({
      id: expect.any(String),
      code: 'MP-0001',
      category: 'NOT_POOR',
      registeredOn: todayInVietnam(),
      village: 'Bản Khá',
      address: 'Bản Khá, xã Mường Phăng',
      area: 'RURAL',
      noWorkingCapacity: false,
      ethnicMinority: true,
      meritoriousFamily: false,
      monthlyIncomePerPerson: null,
      commune: { code: '03160' },
      recordedCommune: { code: '03160' },
      head: { id: head?.id, fullName: 'Lò Văn Pó', relationToHead: 'HEAD' },
      members: [
        {
          id: head?.id,
          fullName: 'Lò Văn Pó',
          dateOfBirth: '1975-03-02',
          sex: 'MALE',
          nationalId: '011075000001',
          relationToHead: 'HEAD',
          ethnicity: 'Thái',
          disability: false,
        },
        {
          id: expect.any(String),
          fullName: 'Quàng Thị Én',
          dateOfBirth: '1978-05-06',
          sex: 'FEMALE',
          nationalId: null,
          relationToHead: 'SPOUSE',
          ethnicity: 'Thái',
          disability: false,
        },
      ],
    });
    const [stored] = await q(`SELECT full_name FROM household_member WHERE id = $1`, [head?.id]);
    expect(stored.full_name).toBe('Lò Văn Pó'.normalize('NFC'));
    // A registration date in the past is kept.
    const earlier = await register({ registeredOn: '2025-09-15' });
    expect(earlier.registeredOn).toBe('2025-09-15');
  });

  it('refuses bad input before anything is written, naming the field', async () => {
    const tomorrow = addDays(todayInVietnam(), 1);
    const twoHeads = [member('HEAD'), member('HEAD')];
    const sameId = nationalId();
    const cases: Array<[Record<string, unknown>, string, RegExp?]> = [
      [{ members: [member('HEAD'), member('CHILD', { nationalId: '01107500000' })] }, 'members[1].nationalId', /12 digits/],
      [{ members: [member('HEAD', { nationalId: '01107500000a' })] }, 'members[0].nationalId'],
      [{ members: [member('SPOUSE'), member('CHILD')] }, 'members', /exactly one .*HEAD \(0 given\)/],
      [{ members: twoHeads }, 'members', /\(2 given\)/],
      [{ members: [] }, 'members'],
      [{ members: [member('HEAD', { nationalId: sameId }), member('SPOUSE', { nationalId: sameId })] }, 'members[1].nationalId'],
      [{ registeredOn: tomorrow }, 'registeredOn', /future/],
      [{ registeredOn: '2025-06-30' }, 'registeredOn', /current form/],
      [{ members: [member('HEAD', { dateOfBirth: tomorrow })] }, 'members[0].dateOfBirth', /future/],
      [{ members: [member('HEAD', { dateOfBirth: '1899-12-31' })] }, 'members[0].dateOfBirth', /1900/],
      [{ members: [member('HEAD', { fullName: '   ' })] }, 'members[0].fullName'],
      [{ communeCode: '03999' }, 'communeCode', /no current commune has the code 03999/],
      [{ communeCode: '03157' }, 'communeCode', /former commune \(Xã Nà Nhạn, until 2025-07-01\)/],
      [{ communeCode: '11' }, 'communeCode', /not a province/],
      [{ communeCode: "' OR 1=1 --" }, 'communeCode'],
      [{ code: '  ' }, 'code'],
      [{ village: 'Bản\u0000Khá' }, 'village'],
    ];
    const before = await count(`SELECT count(*)::int AS n FROM household`);
    for (const [overrides, field, message] of cases) {
      const res = await run(REGISTER, { input: householdInput(overrides), k: key() });
      expect([field, fieldOf(res)]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      if (message) expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(await count(`SELECT count(*)::int AS n FROM household`)).toBe(before);
  });

  it('refuses a code its commune already has (CONFLICT naming code); another commune may use it', async () => {
    const first = await register();
    const again = await run(REGISTER, { input: householdInput({ code: first.code }), k: key() });
    expect(fieldOf(again)).toEqual({ code: 'CONFLICT', field: 'code' });
    expect(again.errors?.[0]?.message).toMatch(/commune 03160 already has a household with this code/);
    const elsewhere = await register({ code: first.code, communeCode: '03163' });
    expect(elsewhere.code).toBe(first.code);
  });

  it('refuses a national ID a current member holds (CONFLICT), and takes it once that member has left', async () => {
    const first = await register();
    const spouse = first.members.find((m) => m.relationToHead === 'SPOUSE')!;
    const input = householdInput({ members: [member('HEAD'), member('CHILD', { nationalId: spouse.nationalId })] });
    const taken = await run(REGISTER, { input, k: key() });
    expect(fieldOf(taken)).toEqual({ code: 'CONFLICT', field: 'members[1].nationalId' });
    // It says nothing of where the number is held: that household may be outside the writer's scope.
    expect(taken.errors?.[0]?.message).not.toContain(first.code);
    await ok(LEFT, { id: spouse.id, on: '2025-08-01', reason: 'Chuyển đi nơi khác', k: key() });
    const moved = await ok<HouseholdResult>(REGISTER, { input, k: key() });
    expect(moved.members.map((m) => m.nationalId)).toContain(spouse.nationalId);
  });

  it('is all or nothing: a member refused after the household was inserted leaves no household behind', async () => {
    const holder = await register();
    const code = `ALL-OR-NOTHING-${serial}`;
    const input = householdInput({
      code,
      members: [member('HEAD'), member('CHILD', { nationalId: holder.members[0]!.nationalId })],
    });
    const k = key();
    const [householdsBefore, membersBefore, auditsBefore] = [
      await count(`SELECT count(*)::int AS n FROM household`),
      await count(`SELECT count(*)::int AS n FROM household_member`),
      await audits(),
    ];
    expect(codes(await run(REGISTER, { input, k }))).toEqual(['CONFLICT']);
    expect(await count(`SELECT count(*)::int AS n FROM household`)).toBe(householdsBefore);
    expect(await count(`SELECT count(*)::int AS n FROM household_member`)).toBe(membersBefore);
    expect(await audits()).toBe(auditsBefore);
    // The key was rolled back with the rest: the corrected request may use it.
    const fixed = { ...input, members: [input.members[0], { ...input.members[1], nationalId: null }] };
    const res = await run(REGISTER, { input: fixed, k });
    expect(res.errors).toBeUndefined();
  });

  it('answers a re-sent registration with its first result, writes nothing twice, and refuses the key for other input', async () => {
    const input = householdInput();
    const k = key();
    const first = await run(REGISTER, { input, k });
    expect(first.errors).toBeUndefined();
    const auditsAfterFirst = await audits();
    const again = await run(REGISTER, { input, k });
    expect(again).toEqual(first);
    expect(await count(`SELECT count(*)::int AS n FROM household WHERE code = $1`, [input.code])).toBe(1);
    const id = (first.data?.registerHousehold as HouseholdResult).id;
    expect(await count(`SELECT count(*)::int AS n FROM household_member WHERE household_id = $1`, [id])).toBe(3);
    expect(await audits()).toBe(auditsAfterFirst);
    const other = await run(REGISTER, { input: { ...input, village: 'Bản Kéo' }, k });
    expect(codes(other)).toEqual(['CONFLICT']);
    expect(other.errors?.[0]?.message).toMatch(/idempotency key was already used/);
    // The same key for another mutation is refused too.
    const elsewhere = await run(UPDATE, { id, input: { village: 'Bản Kéo' }, k });
    expect(codes(elsewhere)).toEqual(['CONFLICT']);
  });

  it('writes one audit record naming every field written, in the same transaction as the write', async () => {
    const before = await audits();
    const created = await register({}, COMMUNE_OFFICER);
    expect(await audits()).toBe(before + 1);
    expect(await lastAudit()).toEqual({
      subject: 'can-bo-xa',
      purpose: 'review',
      entity_type: 'Household',
      entity_ids: [created.id],
      fields: expect.arrayContaining([
        'write Household.code',
        'write Household.address',
        'write Household.village',
        'write Household.category',
        'write Member.fullName',
        'write Member.dateOfBirth',
        'write Member.nationalId',
        'write Member.ethnicity',
        'write Member.disability',
      ]),
    });
    // When the audit record cannot be written, neither is the household.
    await q(`CREATE FUNCTION test_audit_down() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await q(`CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION test_audit_down()`);
    const code = `NO-AUDIT-${serial}`;
    try {
      const res = await run(REGISTER, { input: householdInput({ code }), k: key() });
      expect(res.errors?.[0]?.message).toMatch(/audit store unavailable/);
      expect(res.data).toBeNull();
    } finally {
      await q(`DROP TRIGGER test_audit_down ON audit_record`);
      await q(`DROP FUNCTION test_audit_down()`);
    }
    expect(await count(`SELECT count(*)::int AS n FROM household WHERE code = $1`, [code])).toBe(0);
  });
});

describe('changing a household and its members', () => {
  it('updates only the fields given, and audits exactly those', async () => {
    const created = await register();
    const updated = await ok<HouseholdResult>(UPDATE, {
      id: created.id,
      input: { address: '  Số 12, bản Khá  ', meritoriousFamily: true },
      k: key(),
    });
    expect(updated).toEqual({ ...created, address: 'Số 12, bản Khá', meritoriousFamily: true });
    expect((await lastAudit()).fields).toEqual(['write Household.address', 'write Household.meritoriousFamily']);
    const empty = await run(UPDATE, { id: created.id, input: {}, k: key() });
    expect(fieldOf(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    const cleared = await run(UPDATE, { id: created.id, input: { village: null }, k: key() });
    expect(fieldOf(cleared)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'village' });
    const blank = await run(UPDATE, { id: created.id, input: { address: ' ' }, k: key() });
    expect(fieldOf(blank)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'address' });
  });

  it('adds a member, changes one, records one who left; members list the current ones unless includeLeft', async () => {
    const created = await register();
    const added = await ok<Record<string, unknown>>(ADD, {
      h: created.id,
      input: member('GRANDCHILD', {
        fullName: 'Lò Thị  Mai',
        sex: 'FEMALE',
        dateOfBirth: '2020-01-15',
        nationalId: null,
        disability: true,
      }),
      k: key(),
    });
    expect(added).toEqual({
      id: expect.any(String),
      fullName: 'Lò Thị Mai',
      dateOfBirth: '2020-01-15',
      sex: 'FEMALE',
      nationalId: null,
      relationToHead: 'GRANDCHILD',
      ethnicity: 'Thái',
      disability: true,
      leftOn: null,
      leftReason: null,
    });
    const spouse = created.members.find((m) => m.relationToHead === 'SPOUSE')!;
    const changed = await ok<Record<string, unknown>>(UPDATE_MEMBER, {
      id: spouse.id,
      input: { fullName: 'Quàng Thị Én', nationalId: null },
      k: key(),
    });
    expect(changed).toMatchObject({ id: spouse.id, fullName: 'Quàng Thị Én', nationalId: null, relationToHead: 'SPOUSE' });
    expect((await lastAudit()).fields).toEqual(['write Member.fullName', 'write Member.nationalId']);
    const child = created.members.find((m) => m.relationToHead === 'CHILD')!;
    const left = await ok<Record<string, unknown>>(LEFT, { id: child.id, on: '2025-08-20', reason: ' Đi học xa ', k: key() });
    expect(left).toMatchObject({ id: child.id, leftOn: '2025-08-20', leftReason: 'Đi học xa' });
    expect((await lastAudit()).fields).toEqual(['write Member.leftOn', 'write Member.leftReason']);
    const listed = await ok<{ members: Array<{ id: string }>; all: Array<{ id: string; leftOn: string | null }> }>(
      `query($id: ID!) { household(id: $id) { members { id } all: members(includeLeft: true) { id leftOn } } }`,
      { id: created.id },
    );
    expect(listed.members.map((m) => m.id)).not.toContain(child.id);
    expect(listed.members).toHaveLength(3);
    expect(listed.all).toHaveLength(4);
    expect(listed.all).toContainEqual({ id: child.id, leftOn: '2025-08-20' });
    // Kept, never deleted.
    expect(await count(`SELECT count(*)::int AS n FROM household_member WHERE id = $1`, [child.id])).toBe(1);
  });

  it('shows later fields of the same request what an earlier mutation wrote', async () => {
    const created = await register();
    const res = await run(
      `mutation($h: ID!, $input: MemberInput!, $k1: String!, $k2: String!, $k3: String!) {
        before: updateHousehold(id: $h, input: { village: "Bản Kéo" }, idempotencyKey: $k1) { members { id } }
        added: addMember(householdId: $h, input: $input, idempotencyKey: $k2) { id }
        after: updateHousehold(id: $h, input: { village: "Bản Khá" }, idempotencyKey: $k3) { members { id } } }`,
      { h: created.id, input: member('PARENT', { dateOfBirth: '1950-01-01' }), k1: key(), k2: key(), k3: key() },
    );
    expect(res.errors).toBeUndefined();
    const data = res.data as { before: { members: unknown[] }; added: { id: string }; after: { members: Array<{ id: string }> } };
    expect(data.before.members).toHaveLength(3);
    expect(data.after.members.map((m) => m.id)).toContain(data.added.id);
  });

  it('validates member writes at the edge, naming the field', async () => {
    const created = await register();
    const spouse = created.members.find((m) => m.relationToHead === 'SPOUSE')!;
    const tomorrow = addDays(todayInVietnam(), 1);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [ADD, { h: created.id, input: member('CHILD', { nationalId: '12345' }), k: key() }, 'nationalId'],
      [ADD, { h: created.id, input: member('CHILD', { dateOfBirth: tomorrow }), k: key() }, 'dateOfBirth'],
      [ADD, { h: 'not-a-uuid', input: member('CHILD'), k: key() }, 'householdId'],
      [UPDATE_MEMBER, { id: spouse.id, input: { nationalId: '0110750000012' }, k: key() }, 'nationalId'],
      [UPDATE_MEMBER, { id: spouse.id, input: { fullName: null }, k: key() }, 'fullName'],
      [UPDATE_MEMBER, { id: spouse.id, input: {}, k: key() }, 'input'],
      [LEFT, { id: spouse.id, on: tomorrow, reason: 'Chuyển đi', k: key() }, 'leftOn'],
      [LEFT, { id: spouse.id, on: '1970-01-01', reason: 'Chuyển đi', k: key() }, 'leftOn'],
      [LEFT, { id: spouse.id, on: '2025-08-01', reason: '  ', k: key() }, 'reason'],
      [LEFT, { id: spouse.id, on: '2025-08-01', reason: 'Chuyển đi', k: 'short' }, 'idempotencyKey'],
    ];
    for (const [source, variables, field] of cases) {
      const res = await run(source, variables);
      expect([field, fieldOf(res)]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
  });

  it('refuses to change a member who left, or to record the departure twice (CONFLICT)', async () => {
    const created = await register();
    const child = created.members.find((m) => m.relationToHead === 'CHILD')!;
    await ok(LEFT, { id: child.id, on: '2025-08-01', reason: 'Kết hôn, chuyển đi', k: key() });
    const update = await run(UPDATE_MEMBER, { id: child.id, input: { ethnicity: 'Kinh' }, k: key() });
    expect(fieldOf(update)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(update.errors?.[0]?.message).toMatch(/left the household on 2025-08-01/);
    const twice = await run(LEFT, { id: child.id, on: '2025-09-01', reason: 'Chuyển đi', k: key() });
    expect(fieldOf(twice)).toEqual({ code: 'CONFLICT', field: 'id' });
    const head = await run(CHANGE_HEAD, { h: created.id, m: child.id, rel: 'PARENT', k: key() });
    expect(fieldOf(head)).toEqual({ code: 'CONFLICT', field: 'memberId' });
  });

  it('keeps one head: the head cannot leave while head, and changeHouseholdHead names the new one', async () => {
    const created = await register();
    const head = created.head!;
    const spouse = created.members.find((m) => m.relationToHead === 'SPOUSE')!;
    const leaving = await run(LEFT, { id: head.id, on: '2025-08-01', reason: 'Từ trần', k: key() });
    expect(fieldOf(leaving)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(leaving.errors?.[0]?.message).toMatch(/Name a new head first/);
    // Neither a second HEAD nor a relation change makes or unmakes a head: that is changeHouseholdHead's work.
    const second = await run(ADD, { h: created.id, input: member('HEAD'), k: key() });
    expect(fieldOf(second)).toEqual({ code: 'CONFLICT', field: 'relationToHead' });
    const promote = await run(UPDATE_MEMBER, { id: spouse.id, input: { relationToHead: 'HEAD' }, k: key() });
    expect(fieldOf(promote)).toEqual({ code: 'CONFLICT', field: 'relationToHead' });
    const demote = await run(UPDATE_MEMBER, { id: head.id, input: { relationToHead: 'PARENT' }, k: key() });
    expect(fieldOf(demote)).toEqual({ code: 'CONFLICT', field: 'relationToHead' });

    const changed = await ok<{ head: { id: string }; members: Array<{ id: string; relationToHead: string }> }>(CHANGE_HEAD, {
      h: created.id,
      m: spouse.id,
      rel: 'SPOUSE',
      k: key(),
    });
    expect(changed.head).toEqual({ id: spouse.id, relationToHead: 'HEAD' });
    const relations = Object.fromEntries(changed.members.map((m) => [m.id, m.relationToHead]));
    const child = created.members.find((m) => m.relationToHead === 'CHILD')!;
    // The former head's relation is the one given; the others' are not recomputed.
    expect(relations).toEqual({ [head.id]: 'SPOUSE', [spouse.id]: 'HEAD', [child.id]: 'CHILD' });
    expect((await lastAudit()).fields).toEqual(['write Member.relationToHead']);
    await ok(LEFT, { id: head.id, on: '2025-08-01', reason: 'Từ trần', k: key() });

    const again = await run(CHANGE_HEAD, { h: created.id, m: spouse.id, rel: 'SPOUSE', k: key() });
    expect(fieldOf(again)).toEqual({ code: 'CONFLICT', field: 'memberId' });
    const asHead = await run(CHANGE_HEAD, { h: created.id, m: child.id, rel: 'HEAD', k: key() });
    expect(fieldOf(asHead)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'previousHeadRelation' });
    const stranger = (await register()).members[1]!;
    const notHers = await run(CHANGE_HEAD, { h: created.id, m: stranger.id, rel: 'PARENT', k: key() });
    expect(fieldOf(notHers)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(
      await count(`SELECT count(*)::int AS n FROM household_member WHERE id = $1 AND relation_to_head = 'HEAD'`, [stranger.id]),
    ).toBe(0);
  });

  it('refuses a national ID another current member holds when adding or changing a member', async () => {
    const holder = await register();
    const target = await register();
    const held = holder.members[0]!.nationalId;
    const add = await run(ADD, { h: target.id, input: member('CHILD', { nationalId: held }), k: key() });
    expect(fieldOf(add)).toEqual({ code: 'CONFLICT', field: 'nationalId' });
    const spouse = target.members.find((m) => m.relationToHead === 'SPOUSE')!;
    const update = await run(UPDATE_MEMBER, { id: spouse.id, input: { nationalId: held }, k: key() });
    expect(fieldOf(update)).toEqual({ code: 'CONFLICT', field: 'nationalId' });
    // A member may be given their own number again.
    await ok(UPDATE_MEMBER, { id: spouse.id, input: { nationalId: spouse.nationalId }, k: key() });
  });

  it('answers a re-sent member write with its first result and writes nothing twice', async () => {
    const created = await register();
    const k = key();
    const variables = { h: created.id, input: member('PARENT', { dateOfBirth: '1950-01-01' }), k };
    const first = await run(ADD, variables);
    expect(first.errors).toBeUndefined();
    expect(await run(ADD, variables)).toEqual(first);
    expect(await count(`SELECT count(*)::int AS n FROM household_member WHERE household_id = $1`, [created.id])).toBe(4);
    const other = await run(ADD, { ...variables, input: member('PARENT') });
    expect(codes(other)).toEqual(['CONFLICT']);
  });
});

describe('scope and permissions of registry writes', () => {
  it('answers a household of another commune exactly like a missing one, to every write', async () => {
    const created = await register({ communeCode: '03160' });
    const child = created.members.find((m) => m.relationToHead === 'CHILD')!;
    const attempts: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      [UPDATE, { id: created.id, input: { village: 'Bản Kéo' } }, { id: MISSING, input: { village: 'Bản Kéo' } }],
      [ADD, { h: created.id, input: member('CHILD') }, { h: MISSING, input: member('CHILD') }],
      [CHANGE_HEAD, { h: created.id, m: child.id, rel: 'PARENT' }, { h: MISSING, m: child.id, rel: 'PARENT' }],
      [UPDATE_MEMBER, { id: child.id, input: { ethnicity: 'Kinh' } }, { id: MISSING, input: { ethnicity: 'Kinh' } }],
      [LEFT, { id: child.id, on: '2025-08-01', reason: 'Chuyển đi' }, { id: MISSING, on: '2025-08-01', reason: 'Chuyển đi' }],
    ];
    for (const [source, outside, missing] of attempts) {
      const a = await run(source, { ...outside, k: key() }, OTHER_COMMUNE_OFFICER);
      const b = await run(source, { ...missing, k: key() }, OTHER_COMMUNE_OFFICER);
      expect(codes(a)).toEqual(['FORBIDDEN']);
      expect(a.errors?.[0]?.message).toMatch(/does not exist, or it is outside your scope/);
      expect([a.errors?.[0]?.message, a.errors?.[0]?.extensions]).toEqual([b.errors?.[0]?.message, b.errors?.[0]?.extensions]);
      expect(a.data).toEqual(b.data);
    }
    const [row] = await q(`SELECT village FROM household WHERE id = $1`, [created.id]);
    expect(row.village).toBe('Bản Khá');
    // The commune's own officer and the province's may write it.
    await ok(UPDATE, { id: created.id, input: { village: 'Bản Kéo' }, k: key() }, COMMUNE_OFFICER);
    await ok(UPDATE, { id: created.id, input: { village: 'Bản Khá' }, k: key() }, PROVINCE_OFFICER);
  });

  it('registers a household only in a commune of the scope (FORBIDDEN naming communeCode otherwise)', async () => {
    const outside = await run(REGISTER, { input: householdInput({ communeCode: '03163' }), k: key() }, COMMUNE_OFFICER);
    expect(fieldOf(outside)).toEqual({ code: 'FORBIDDEN', field: 'communeCode' });
    const otherProvince = await run(REGISTER, { input: householdInput({ communeCode: '03160' }), k: key() }, LAI_CHAU_OFFICER);
    expect(fieldOf(otherProvince)).toEqual({ code: 'FORBIDDEN', field: 'communeCode' });
    const province = await register({ communeCode: '03163' }, PROVINCE_OFFICER);
    expect(province.code).toMatch(/^HN-/);
  });

  it("refuses another agency's officer, the bank's service and an analyst (FORBIDDEN), and asks labor for a purpose", async () => {
    const created = await register();
    const child = created.members.find((m) => m.relationToHead === 'CHILD')!;
    const writes: Array<[string, Record<string, unknown>]> = [
      [REGISTER, { input: householdInput() }],
      [UPDATE, { id: created.id, input: { village: 'Bản Kéo' } }],
      [ADD, { h: created.id, input: member('CHILD') }],
      [UPDATE_MEMBER, { id: child.id, input: { ethnicity: 'Kinh' } }],
      [LEFT, { id: child.id, on: '2025-08-01', reason: 'Chuyển đi' }],
      [CHANGE_HEAD, { h: created.id, m: child.id, rel: 'PARENT' }],
    ];
    const [households, members, auditRecords] = [
      await count(`SELECT count(*)::int AS n FROM household`),
      await count(`SELECT count(*)::int AS n FROM household_member`),
      await audits(),
    ];
    for (const [source, variables] of writes) {
      for (const identity of [AGRICULTURE_OFFICER, TEST_BANK_SERVICE, ANALYST]) {
        const res = await run(source, { ...variables, k: key() }, identity);
        expect([source.slice(0, 40), codes(res)]).toEqual([source.slice(0, 40), ['FORBIDDEN']]);
      }
      const noPurpose = await run(source, { ...variables, k: key() }, { principal: testPrincipal(), purpose: undefined });
      expect(codes(noPurpose)).toEqual(['PURPOSE_REQUIRED']);
      const wrongPurpose = await run(source, { ...variables, k: key() }, { principal: testPrincipal(), purpose: 'statistics' });
      expect(codes(wrongPurpose)).toEqual(['PURPOSE_REQUIRED']);
    }
    expect(await count(`SELECT count(*)::int AS n FROM household`)).toBe(households);
    expect(await count(`SELECT count(*)::int AS n FROM household_member`)).toBe(members);
    expect(await audits()).toBe(auditRecords);
  });
});

describe('the database backs the write rules', () => {
  it('refuses a second current head, a number held twice and a former commune; a write turns each into its client error', async () => {
    const created = await register();
    const insertMember = (relation: string, nationalId: string | null) =>
      q(
        `INSERT INTO household_member (household_id, full_name, date_of_birth, sex, national_id, relation_to_head, ethnicity)
         VALUES ($1, 'Lò Văn Xa', '1990-01-01', 'MALE', $2, $3, 'Thái')`,
        [created.id, nationalId, relation],
      );
    const refusals = {
      household_member_one_head: () => conflict('one head'),
      household_member_current_national_id: () => conflict('number held'),
      23503: () => badInput('communeCode', 'no current commune'),
    };
    await expect(refusedAs(insertMember('HEAD', null), refusals)).rejects.toThrow('one head');
    await expect(refusedAs(insertMember('CHILD', created.members[0]!.nationalId), refusals)).rejects.toThrow('number held');
    // The trigger that resolves today's commune refuses a former code.
    const former = q(`INSERT INTO household (code, commune_code, village, address, area, category)
                      VALUES ('FORMER-1', '03157', 'Bản Nhạn', 'Bản Nhạn', 'RURAL', 'NOT_POOR')`);
    await expect(refusedAs(former, refusals)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'communeCode' },
    });
    // Anything else stays the fault it is.
    await expect(refusedAs(q(`SELECT 1 / 0`), refusals)).rejects.toThrow(/division by zero/);
  });
});

describe('reading heads and members', () => {
  beforeAll(async () => {
    // 60 households in Mường Pồn, each with a head, two children and one member who left.
    await q(`INSERT INTO household (code, commune_code, village, address, area, category)
             SELECT 'MP-' || lpad(i::text, 3, '0'), '03166', 'Bản Pồn', 'Bản Pồn', 'RURAL', 'NOT_POOR'
               FROM generate_series(1, 60) i`);
    await q(`INSERT INTO household_member (household_id, full_name, date_of_birth, sex, relation_to_head, ethnicity,
                                           left_on, left_reason)
             SELECT h.id, 'Người ' || h.code || '-' || r, DATE '1960-01-01' + r * 3000, 'MALE',
                    CASE r WHEN 1 THEN 'HEAD' ELSE 'CHILD' END, 'Thái',
                    CASE r WHEN 4 THEN DATE '2025-08-01' END, CASE r WHEN 4 THEN 'Chuyển đi' END
               FROM household h CROSS JOIN generate_series(1, 4) r WHERE h.commune_code = '03166'`);
  });

  const PAGE = (first: number) => `{ households(communeCode: "03166", first: ${first}) {
    nodes { code head { id fullName } members { id } all: members(includeLeft: true) { id } } } }`;

  it('a page of 50 households with heads and members costs the same statements as a page of 10', async () => {
    const ten = await captureStatements(db.dataSource, () => run(PAGE(10)));
    const fifty = await captureStatements(db.dataSource, () => run(PAGE(50)));
    expect(ten.result.errors).toBeUndefined();
    expect(fifty.result.errors).toBeUndefined();
    const nodes = (
      fifty.result.data?.households as { nodes: Array<{ code: string; head: unknown; members: unknown[]; all: unknown[] }> }
    ).nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes[0]).toMatchObject({ code: 'MP-001', head: { fullName: 'Người MP-001-1' } });
    expect(nodes.every((n) => n.members.length === 3 && n.all.length === 4)).toBe(true);
    expect(fifty.statements.length).toBe(ten.statements.length);
    // count + page + commune filter + heads + members (once for both lists): a fixed handful.
    expect(fifty.statements.length).toBeLessThanOrEqual(6);
  });

  it('has no head for a household whose head is not recorded', async () => {
    const [row] = await q(`INSERT INTO household (code, commune_code, village, address, area, category)
                           VALUES ('NO-HEAD', '03166', 'Bản Pồn', 'Bản Pồn', 'RURAL', 'NOT_POOR') RETURNING id`);
    const res = await run(`query($id: ID!) { household(id: $id) { head { id } members { id } } }`, { id: row.id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.household).toEqual({ head: null, members: [] });
  });
});
