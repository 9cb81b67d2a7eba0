import { randomUUID } from 'node:crypto';
import { errorCodes as codes, type TestIdentity } from '@gnbv/kit/testing';
import {
  AGRICULTURE_03163,
  AGRICULTURE_OFFICER,
  LABOR_OFFICER,
  RECORD_SUPPORT,
  startAgriculture,
  statement,
  supportInput,
  uuid,
  type Agriculture,
} from '../test-fixtures';

/*
 * Production projects and models: created by agriculture officers in their communes, joined by
 * the commune's poor, near-poor and newly escaped households (per the registry's statement on the
 * joining date), and the supports recorded as part of them.
 */

const POOR = uuid(1);
const NEAR_POOR = uuid(2);
const ESCAPED = uuid(3);
const NOT_POOR = uuid(4);
const NA_TAU = uuid(6); // poor, in commune 03163
const CHILD = uuid(101);

let a: Agriculture;
const key = () => randomUUID();
const CATEGORY = {
  [POOR]: 'POOR',
  [NEAR_POOR]: 'NEAR_POOR',
  [ESCAPED]: 'NEWLY_ESCAPED',
  [NOT_POOR]: 'NOT_POOR',
  [NA_TAU]: 'POOR',
} as const;
const said = (household: string, on: string) =>
  statement(household, on, {
    category: CATEGORY[household as keyof typeof CATEGORY] ?? null,
    communeCode: household === NA_TAU ? '03163' : '03160',
    childrenUnder16: household === POOR ? [CHILD] : [],
  });

const CREATE = `mutation($input: ProductionProjectInput!, $k: String!) { createProductionProject(input: $input, idempotencyKey: $k) {
  id code name model communeCode provinceCode subProject programYear startsOn endsOn budget leadOffice description participantCount } }`;
const ADD = `mutation($p: ID!, $h: ID!, $on: Date!, $s: String!, $k: String!) {
  addProductionProjectParticipant(projectId: $p, householdId: $h, joinedOn: $on, registryAttestation: $s, idempotencyKey: $k) {
    joinedOn leftOn categoryOnJoining household { id } project { code participantCount } } }`;
const projectInput = (overrides: Record<string, unknown> = {}) => ({
  code: 'DB-03160-BO-2025',
  name: 'Mô hình chăn nuôi bò sinh sản bản Khá',
  model: 'CATTLE_BREEDING',
  communeCode: '03160',
  provinceCode: '11',
  programYear: 2025,
  startsOn: '2025-03-01',
  endsOn: '2026-12-31',
  budget: 480_000_000,
  leadOffice: 'Phòng Kinh tế xã Mường Phăng',
  description: '20 hộ, mỗi hộ 1 bò cái sinh sản',
  ...overrides,
});

const create = (input: Record<string, unknown>, as: TestIdentity = AGRICULTURE_OFFICER, k = key()) =>
  a.run(CREATE, { input, k }, as);
const idOf = (res: Awaited<ReturnType<typeof create>>) => (res.data?.createProductionProject as { id: string }).id;
const join = async (project: string, household: string, on = '2025-03-15', as: TestIdentity = AGRICULTURE_OFFICER) =>
  a.run(ADD, { p: project, h: household, on, s: await said(household, on), k: key() }, as);

let cattle: string;
let club: string;
let naTau: string;

beforeAll(async () => {
  a = await startAgriculture();
});
afterAll(() => a?.db.stop());

describe('creating production projects', () => {
  it('creates a project in a commune of the officer’s scope, its sub-project following from the model, once per key', async () => {
    const k = key();
    const first = await create(projectInput(), AGRICULTURE_OFFICER, k);
    expect(first.errors).toBeUndefined();
    expect(first.data?.createProductionProject).toMatchObject({
      code: 'DB-03160-BO-2025',
      model: 'CATTLE_BREEDING',
      communeCode: '03160',
      provinceCode: '11',
      subProject: 1,
      programYear: 2025,
      startsOn: '2025-03-01',
      endsOn: '2026-12-31',
      budget: 480_000_000,
      participantCount: 0,
    });
    cattle = idOf(first);
    expect((await create(projectInput(), AGRICULTURE_OFFICER, k)).data).toEqual(first.data);
    const [audit] = await a.q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ entity_type: 'ProductionProject', entity_ids: [cattle], fields: ['write ProductionProject'] });

    const nutrition = await create(
      projectInput({
        code: 'DB-03160-DD-2025',
        name: 'Câu lạc bộ dinh dưỡng',
        model: 'NUTRITION_CLUB',
        startsOn: '2025-04-01',
        budget: 0,
      }),
    );
    expect(nutrition.data?.createProductionProject).toMatchObject({ subProject: 2, budget: 0 });
    club = idOf(nutrition);
    const elsewhere = await create(
      projectInput({ code: 'DB-03163-LUA-2025', model: 'RICE_SEED', communeCode: '03163', endsOn: null, description: null }),
      AGRICULTURE_03163,
    );
    expect(elsewhere.errors).toBeUndefined();
    naTau = idOf(elsewhere);
  });

  it('refuses a malformed project, naming the field, and a code already taken as a CONFLICT', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'bo 2025' }, 'input.code'],
      [{ endsOn: '2025-02-01' }, 'input.endsOn'],
      [{ budget: -1 }, 'input.budget'],
      [{ programYear: 2023 }, 'input.programYear'],
      [{ communeCode: '11' }, 'input.communeCode'],
      [{ provinceCode: '03160' }, 'input.provinceCode'],
      [{ name: '   ' }, 'input.name'],
    ];
    for (const [change, field] of cases) {
      const res = await create(projectInput({ code: 'DB-NEW-1', ...change }));
      expect({ change, ext: res.errors?.[0]?.extensions }).toMatchObject({ change, ext: { code: 'BAD_USER_INPUT', field } });
    }
    const taken = await create(projectInput({ name: 'Another' }));
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect(await a.q(`SELECT count(*)::int AS n FROM production_project`)).toEqual([{ n: 3 }]);
  });

  it("refuses another agency's officer, and an officer outside the commune, FORBIDDEN", async () => {
    expect(codes(await create(projectInput({ code: 'DB-NEW-2' }), LABOR_OFFICER))).toEqual(['FORBIDDEN']);
    const outside = await create(projectInput({ code: 'DB-NEW-2' }), AGRICULTURE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.communeCode' });
  });
});

describe('households joining a production project', () => {
  it("takes a poor and a newly escaped household of the project's commune, with the category stated on joining", async () => {
    const request = { p: cattle, h: POOR, on: '2025-03-15', s: await said(POOR, '2025-03-15'), k: key() };
    const poor = await a.run(ADD, request, AGRICULTURE_OFFICER);
    expect(poor.errors).toBeUndefined();
    expect(poor.data?.addProductionProjectParticipant).toEqual({
      joinedOn: '2025-03-15',
      leftOn: null,
      categoryOnJoining: 'POOR',
      household: { id: POOR },
      project: { code: 'DB-03160-BO-2025', participantCount: 1 },
    });
    // The same request again is answered from the first; a new one is a CONFLICT.
    expect(await a.run(ADD, request, AGRICULTURE_OFFICER)).toEqual(poor);
    const again = await join(cattle, POOR, '2025-04-01');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'householdId' });
    expect(again.errors?.[0]?.message).toMatch(/already takes part in project DB-03160-BO-2025 \(since 2025-03-15\)/);
    expect((await join(cattle, ESCAPED, '2025-03-20')).errors).toBeUndefined();
    expect((await join(club, POOR, '2025-04-02')).errors).toBeUndefined();
    const [audit] = await a.q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ entity_type: 'Household', entity_ids: [POOR], fields: ['write ProductionProjectParticipant'] });
  });

  it('refuses with BAD_USER_INPUT, naming the reason, a household the registry does not show eligible in the commune', async () => {
    const above = await join(cattle, NOT_POOR);
    expect(above.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
    expect(above.errors?.[0]?.message).toMatch(/was not poor, near-poor or newly escaped on 2025-03-15/);
    const otherCommune = await join(cattle, NA_TAU);
    expect(otherCommune.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
    expect(otherCommune.errors?.[0]?.message).toMatch(/lives in commune 03163.*runs in commune 03160/);
    const wrongDate = await a.run(
      ADD,
      { p: cattle, h: NEAR_POOR, on: '2025-03-15', s: await said(NEAR_POOR, '2025-03-14'), k: key() },
      AGRICULTURE_OFFICER,
    );
    expect(wrongDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
    const wrongHousehold = await a.run(
      ADD,
      { p: cattle, h: NEAR_POOR, on: '2025-03-15', s: await said(POOR, '2025-03-15'), k: key() },
      AGRICULTURE_OFFICER,
    );
    expect(wrongHousehold.errors?.[0]?.message).toMatch(/is about household/);
    const future = await join(cattle, NEAR_POOR, '2099-01-01');
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'joinedOn' });
    expect(await a.q(`SELECT count(*)::int AS n FROM production_project_participant`)).toEqual([{ n: 3 }]);
  });

  it('answers a project outside the scope like a missing one, and keeps the household out of reach too', async () => {
    const outside = await join(cattle, NEAR_POOR, '2025-03-15', AGRICULTURE_03163);
    const missing = await join(randomUUID(), NA_TAU, '2025-03-15', AGRICULTURE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'projectId' });
    expect(missing.errors?.[0]?.message).toBe(outside.errors?.[0]?.message);
    // A 03160 household offered to the 03163 officer's project: FORBIDDEN, its commune untold.
    const stranger = await join(naTau, POOR, '2025-03-15', AGRICULTURE_03163);
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'householdId' });
    expect(stranger.errors?.[0]?.message).not.toMatch(/03160/);
    expect(codes(await join(cattle, NEAR_POOR, '2025-03-15', LABOR_OFFICER))).toEqual(['FORBIDDEN']);
    expect(
      codes(await join(cattle, NEAR_POOR, '2025-03-15', { principal: AGRICULTURE_OFFICER.principal, purpose: undefined })),
    ).toEqual(['PURPOSE_REQUIRED']);
  });
});

describe('supports recorded as part of a production project', () => {
  const record = async (household: string, initiativeId: string, overrides: Record<string, unknown> = {}) =>
    a.run(
      RECORD_SUPPORT,
      { input: supportInput(household, await said(household, '2025-06-01'), { initiativeId, ...overrides }), k: key() },
      AGRICULTURE_OFFICER,
    );
  const nutrition = { kind: 'NUTRITION_PACKAGE', memberId: CHILD, quantity: 1, value: 1_500_000, description: 'Gói dinh dưỡng' };

  it("links a participant's support of the project's sub-project to the project", async () => {
    const cow = await record(POOR, cattle);
    expect(cow.errors).toBeUndefined();
    expect(cow.data?.recordProductionSupport).toMatchObject({ initiativeId: cattle, kind: 'BREEDING_ANIMALS' });
    const club_ = await record(POOR, club, nutrition);
    expect(club_.errors).toBeUndefined();
    expect(club_.data?.recordProductionSupport).toMatchObject({ initiativeId: club, subProject: 2 });
  });

  it('refuses, naming input.initiativeId, a project of another sub-project or commune, a missing one, and a non-participant', async () => {
    const cases: Array<[string, Promise<Awaited<ReturnType<typeof record>>>, RegExp]> = [
      [
        'breeding animals in a nutrition club',
        record(POOR, club),
        /nutrition project \(sub-project 2\); BREEDING_ANIMALS is Project 3.1/,
      ],
      [
        'a nutrition package in a cattle project',
        record(POOR, cattle, nutrition),
        /production project \(sub-project 1\); NUTRITION_PACKAGE/,
      ],
      ['a household that does not take part', record(NEAR_POOR, cattle), /does not take part in project DB-03160-BO-2025/],
      ["another commune's project", record(POOR, naTau), /is not a production project of commune 03160/],
      ['a project that does not exist', record(POOR, randomUUID()), /is not a production project of commune 03160/],
    ];
    for (const [what, pending, message] of cases) {
      const res = await pending;
      expect({ what, ext: res.errors?.[0]?.extensions }).toMatchObject({
        what,
        ext: { code: 'BAD_USER_INPUT', field: 'input.initiativeId' },
      });
      expect({ what, message: res.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    expect(await a.q(`SELECT count(*)::int AS n FROM support`)).toEqual([{ n: 2 }]);
  });
});

describe('reading production projects', () => {
  it('reads a project with its participants, their count and its supports', async () => {
    const res = await a.run(
      `query($id: ID!) { productionProject(id: $id) { code participantCount
         participants { household { id } joinedOn leftOn categoryOnJoining }
         supports { kind initiativeId household { id } } } }`,
      { id: cattle },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.productionProject).toEqual({
      code: 'DB-03160-BO-2025',
      participantCount: 2,
      participants: [
        { household: { id: POOR }, joinedOn: '2025-03-15', leftOn: null, categoryOnJoining: 'POOR' },
        { household: { id: ESCAPED }, joinedOn: '2025-03-20', leftOn: null, categoryOnJoining: 'NEWLY_ESCAPED' },
      ],
      supports: [{ kind: 'BREEDING_ANIMALS', initiativeId: cattle, household: { id: POOR } }],
    });
  });

  it("lists a household's projects, and a commune's or a province's by programme year", async () => {
    const res = await a.run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id productionProjects { code } }
         ... on AdminUnit { code productionProjects(programYear: 2025) { code } all: productionProjects { code } none: productionProjects(programYear: 2024) { code } } } }`,
      {
        r: [
          { __typename: 'Household', id: POOR },
          { __typename: 'Household', id: NOT_POOR },
          { __typename: 'AdminUnit', code: '03160' },
          { __typename: 'AdminUnit', code: '11' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const both = [{ code: 'DB-03160-BO-2025' }, { code: 'DB-03160-DD-2025' }];
    const province = [{ code: 'DB-03160-BO-2025' }, { code: 'DB-03163-LUA-2025' }, { code: 'DB-03160-DD-2025' }];
    expect(res.data?._entities).toEqual([
      { id: POOR, productionProjects: both },
      { id: NOT_POOR, productionProjects: [] },
      { code: '03160', productionProjects: both, all: both, none: [] },
      { code: '11', productionProjects: province, all: province, none: [] },
    ]);
  });

  it('answers a missing project and one outside the scope with the same FORBIDDEN', async () => {
    const query = `query($id: ID!) { productionProject(id: $id) { code } }`;
    const outside = await a.run(query, { id: cattle }, AGRICULTURE_03163);
    const missing = await a.run(query, { id: randomUUID() });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(missing.errors?.[0]?.message).toBe(outside.errors?.[0]?.message);
    expect(outside.data).toEqual({ productionProject: null });
    expect((await a.run(query, { id: 'nope' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('treats the category on joining as personal data: a purpose is needed, and the reading is audited', async () => {
    const query = `query($id: ID!) { productionProject(id: $id) { participants { household { id } categoryOnJoining } } }`;
    const none = await a.run(query, { id: club }, { purpose: undefined });
    expect(codes(none)).toEqual(['PURPOSE_REQUIRED']);
    expect(none.data?.productionProject).toEqual({ participants: [{ household: { id: POOR }, categoryOnJoining: null }] });
    const { result, context } = await a.run.withContext(query, { id: club }, { purpose: 'review' });
    expect(result.errors).toBeUndefined();
    expect(context.audit.isEmpty).toBe(false);
    const plain = await a.run.withContext(
      `query($id: ID!) { productionProject(id: $id) { participants { joinedOn } } }`,
      { id: club },
      {
        purpose: undefined,
      },
    );
    expect(plain.result.errors).toBeUndefined();
    expect(plain.context.audit.isEmpty).toBe(true);
  });
});
