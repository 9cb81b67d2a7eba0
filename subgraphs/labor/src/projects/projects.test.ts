import { randomUUID } from 'node:crypto';
import {
  captureStatements,
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE,
  testPrincipal,
  testRegistryKeys,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { buildLaborSchema } from '../schema';

/*
 * Labor's own projects in the programme's shared shapes: the registry's signed statement about a
 * household, supports recorded with it (projects 2, 4, 5) and budget lines with disbursements.
 * The kit's support and budget modules are exercised here end to end, on a real database.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const POOR = uuid(1); //          poor in 2024 and 2025, with a child born 2015
const NOT_POOR = uuid(2); //      above the line both years
const ESCAPED = uuid(3); //       poor in 2024, average in 2025: newly escaped
const ELSEWHERE = uuid(4); //     poor, in commune 03163
const UNREVIEWED = uuid(5); //    registered, never reviewed
const CHILD = uuid(101);
const ADULT = uuid(102);

let db: TestDatabase;
let run: SchemaRunner;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
const key = () => randomUUID();

const OFFICER: TestIdentity = { purpose: 'support-delivery' }; // the kit's national labor officer
const COMMUNE_03163: TestIdentity = {
  principal: testPrincipal({ subject: 'xa-na-tau', scope: ['03163'] }),
  purpose: 'support-delivery',
};
const AGRICULTURE: TestIdentity = {
  principal: testPrincipal({ subject: 'agri', agency: 'agriculture' }),
  purpose: 'support-delivery',
};
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

async function attestation(household: string, on: string, as: TestIdentity = OFFICER): Promise<string> {
  const res = await run(
    `query($r: [_Any!]!, $on: Date!) { _entities(representations: $r) { ... on Household { registryAttestation(on: $on) } } }`,
    {
      r: [{ __typename: 'Household', id: household }],
      on,
    },
    as,
  );
  expect(res.errors).toBeUndefined();
  return (res.data?._entities as Array<{ registryAttestation: string }>)[0]!.registryAttestation;
}

const RECORD = `mutation($input: SupportInput!, $k: String!) { recordLaborSupport(input: $input, idempotencyKey: $k) {
  id agency project subProject kind status plannedOn deliveredOn categoryOnDelivery communeCode value quantity unit
  addressesIndicators household { id } } }`;
const STEP = `mutation($input: SupportStepInput!, $k: String!) { advanceLaborSupport(input: $input, idempotencyKey: $k) {
  id status deliveredOn verifiedOn cancelledOn cancelReason categoryOnDelivery } }`;
const support = (household: string, token: string, overrides: Record<string, unknown> = {}) => ({
  householdId: household,
  registryAttestation: token,
  kind: 'HOUSE_NEW_BUILD',
  description: 'Xây mới nhà đại đoàn kết',
  quantity: 1,
  value: 40_000_000,
  on: '2025-06-01',
  deliveringOffice: 'Phòng Văn hóa - Xã hội xã Mường Phăng',
  programYear: 2025,
  ...overrides,
});

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  await q(`INSERT INTO admin_unit (code, name, level, parent_code) VALUES
           ('11', 'Tỉnh Điện Biên', 'PROVINCE', NULL), ('03160', 'Xã Mường Phăng', 'COMMUNE', '11'), ('03163', 'Xã Nà Tấu', 'COMMUNE', '11')`);
  const households: Array<[string, string, string, string[]]> = [
    [POOR, '03160', 'POOR', ['POOR', 'POOR']],
    [NOT_POOR, '03160', 'NOT_POOR', ['ABOVE_AVERAGE', 'ABOVE_AVERAGE']],
    [ESCAPED, '03160', 'NEWLY_ESCAPED', ['POOR', 'AVERAGE_LIVING_STANDARD']],
    [ELSEWHERE, '03163', 'POOR', ['POOR', 'POOR']],
    [UNREVIEWED, '03160', 'NOT_POOR', []],
  ];
  for (const [id, commune, category, reviews] of households) {
    await q(
      `INSERT INTO household (id, code, commune_code, village, address, area, category) VALUES ($1, $2, $3, 'Bản Khá', 'Bản Khá', 'RURAL', $4)`,
      [id, `H-${id.slice(-3)}`, commune, category],
    );
    for (const [i, classification] of reviews.entries()) {
      await q(
        `INSERT INTO poverty_review (household_id, year, review_date, state, income_per_person, standard_code, classification, certified_by, certified_on)
         VALUES ($1, $2, $3, 'CERTIFIED', 1000000, 'ND07-2021', $4, 'xa', $5)`,
        [id, 2024 + i, `${2024 + i}-10-01`, classification, `${2024 + i}-12-20`],
      );
    }
  }
  await q(
    `INSERT INTO household_member (id, household_id, full_name, date_of_birth, sex, relation_to_head, ethnicity) VALUES
     ($1, $3, 'Lò Văn A', '1980-01-01', 'MALE', 'HEAD', 'Thái'), ($2, $3, 'Lò Thị B', '2015-03-02', 'FEMALE', 'CHILD', 'Thái')`,
    [ADULT, CHILD, POOR],
  );
});
afterAll(() => db?.stop());

describe("the registry's signed statement", () => {
  it('states the category on the date, the commune and the children under 16, and is audited', async () => {
    const { result, context } = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { registryAttestation(on: "2025-06-01") } } }`,
      { r: [{ __typename: 'Household', id: POOR }] },
      OFFICER,
    );
    expect(result.errors).toBeUndefined();
    const token = (result.data?._entities as Array<{ registryAttestation: string }>)[0]!.registryAttestation;
    const stated = await testRegistryKeys().verifier().verify(token, { householdId: POOR, on: '2025-06-01' }, 'x');
    expect(stated).toMatchObject({ category: 'POOR', communeCode: '03160', provinceCode: '11', childrenUnder16: [CHILD] });
    expect(context.audit.isEmpty).toBe(false);
    // Before the first certified review (2024-12-20) the household is on no list.
    const early = await testRegistryKeys()
      .verifier()
      .verify(await attestation(POOR, '2024-06-01'), { householdId: POOR, on: '2024-06-01' }, 'x');
    expect(early.category).toBeNull();
    const escaped = await testRegistryKeys()
      .verifier()
      .verify(await attestation(ESCAPED, '2026-01-05'), { householdId: ESCAPED, on: '2026-01-05' }, 'x');
    expect(escaped.category).toBe('NEWLY_ESCAPED');
  });

  it('needs a purpose that covers it; the bank service gets it for loan eligibility', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { registryAttestation(on: "2025-06-01") } } }`;
    const vars = { r: [{ __typename: 'Household', id: POOR }] };
    expect(codes(await run(query, vars, { purpose: undefined }))).toEqual(['PURPOSE_REQUIRED']);
    expect(codes(await run(query, vars, { purpose: 'statistics' }))).toEqual(['PURPOSE_REQUIRED']);
    expect((await run(query, vars, TEST_BANK_SERVICE)).errors).toBeUndefined();
    expect(codes(await run(query, vars, ANALYST))).toEqual(['FORBIDDEN']);
  });
});

describe('recording labor supports', () => {
  it('records a house for a poor household with the category the registry stated, once per idempotency key', async () => {
    const k = key();
    const input = support(POOR, await attestation(POOR, '2025-06-01'));
    const first = await run(RECORD, { input, k }, OFFICER);
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordLaborSupport).toMatchObject({
      agency: 'labor',
      project: 5,
      subProject: null,
      kind: 'HOUSE_NEW_BUILD',
      status: 'DELIVERED',
      plannedOn: '2025-06-01',
      deliveredOn: '2025-06-01',
      categoryOnDelivery: 'POOR',
      communeCode: '03160',
      unit: 'căn',
      addressesIndicators: [7, 8],
      household: { id: POOR },
    });
    // A retry may carry a fresh statement (a new token): the same request all the same.
    const again = await run(
      RECORD,
      { input: { ...input, registryAttestation: await attestation(POOR, '2025-06-01') }, k },
      OFFICER,
    );
    expect(again.data).toEqual(first.data);
    expect(await q(`SELECT count(*)::int AS n FROM support WHERE household_id = $1`, [POOR])).toEqual([{ n: 1 }]);
  });

  it('refuses with BAD_USER_INPUT, naming the reason, what the rules do not allow', async () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      // Escaped on the 2025 list, certified 2025-12-20: newly escaped from then on.
      [
        'a house for a newly escaped household',
        support(ESCAPED, await attestation(ESCAPED, '2026-01-05'), { on: '2026-01-05', programYear: 2026 }),
        'input.registryAttestation',
        /newly escaped .* only for poor, near-poor/,
      ],
      [
        'a house for a household on no list',
        support(UNREVIEWED, await attestation(UNREVIEWED, '2025-06-01')),
        'input.registryAttestation',
        /no certified poverty review/,
      ],
      [
        'a house for a household above the line',
        support(NOT_POOR, await attestation(NOT_POOR, '2025-06-01')),
        'input.registryAttestation',
        /was not poor/,
      ],
      [
        "another agency's project",
        support(POOR, await attestation(POOR, '2025-06-01'), { kind: 'PHONE' }),
        'input.kind',
        /Project 6/,
      ],
      [
        "another household's statement",
        support(ESCAPED, await attestation(POOR, '2025-06-01')),
        'input.registryAttestation',
        /is about household/,
      ],
      [
        'a statement for another date',
        support(POOR, await attestation(POOR, '2025-05-31')),
        'input.registryAttestation',
        /states the household's category on 2025-05-31/,
      ],
      [
        'a forged statement',
        support(POOR, 'eyJhbGciOiJFZERTQSJ9.e30.c2ln'),
        'input.registryAttestation',
        /not a statement signed by the labor registry/,
      ],
      ['a negative value', support(POOR, 'x', { value: -1 }), 'input.value', /negative/],
      ['no quantity', support(POOR, 'x', { quantity: 0 }), 'input.quantity', /more than 0/],
      ['a delivery in the future', support(POOR, 'x', { on: '2099-01-01', programYear: 2099 }), 'input.on', /future/],
      [
        'a member for household support',
        support(POOR, await attestation(POOR, '2025-06-01'), { memberId: ADULT }),
        'input.memberId',
        /whole household/,
      ],
    ];
    for (const [what, input, field, message] of cases) {
      const res = await run(RECORD, { input, k: key() }, OFFICER);
      expect({ what, ext: res.errors?.[0]?.extensions }).toMatchObject({ what, ext: { code: 'BAD_USER_INPUT', field } });
      expect({ what, message: res.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    expect(await q(`SELECT count(*)::int AS n FROM support WHERE household_id <> $1`, [POOR])).toEqual([{ n: 0 }]);
  });

  it('lets start-up capital go to a newly escaped household, and vocational training to a member', async () => {
    const capital = await run(
      RECORD,
      {
        input: support(ESCAPED, await attestation(ESCAPED, '2026-01-05'), {
          kind: 'START_UP_CAPITAL',
          value: 20_000_000,
          quantity: 20_000_000,
          description: 'Vốn khởi nghiệp',
          on: '2026-01-05',
          programYear: 2026,
        }),
        k: key(),
      },
      OFFICER,
    );
    expect(capital.errors).toBeUndefined();
    expect(capital.data?.recordLaborSupport).toMatchObject({ project: 2, categoryOnDelivery: 'NEWLY_ESCAPED' });
    const training = await run(
      RECORD,
      {
        input: support(POOR, await attestation(POOR, '2025-06-01'), {
          kind: 'VOCATIONAL_TRAINING',
          memberId: ADULT,
          value: 3_000_000,
          description: 'Sơ cấp nghề may',
        }),
        k: key(),
      },
      OFFICER,
    );
    expect(training.errors).toBeUndefined();
    expect(training.data?.recordLaborSupport).toMatchObject({ project: 4, subProject: 1 });
  });

  it("keeps writers to their scope and to their agency's mutations", async () => {
    const input = support(POOR, await attestation(POOR, '2025-06-01'));
    const outside = await run(RECORD, { input, k: key() }, COMMUNE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.householdId' });
    expect(codes(await run(RECORD, { input, k: key() }, AGRICULTURE))).toEqual(['FORBIDDEN']);
    expect(codes(await run(RECORD, { input, k: key() }, { purpose: 'review' }))).toEqual(['PURPOSE_REQUIRED']);
  });

  it('moves a planned support to delivered (re-checking the registry), verified, and refuses cancelling it then', async () => {
    const planned = await run(
      RECORD,
      {
        input: support(ELSEWHERE, await attestation(ELSEWHERE, '2025-03-01'), {
          status: 'PLANNED',
          on: '2025-03-01',
          kind: 'HOUSE_REPAIR',
        }),
        k: key(),
      },
      OFFICER,
    );
    expect(planned.errors).toBeUndefined();
    const id = (planned.data?.recordLaborSupport as { id: string; status: string; categoryOnDelivery: null }).id;
    expect(planned.data?.recordLaborSupport).toMatchObject({ status: 'PLANNED', deliveredOn: null, categoryOnDelivery: null });
    const noStatement = await run(STEP, { input: { supportId: id, action: 'DELIVER', on: '2025-04-02' }, k: key() }, OFFICER);
    expect(noStatement.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registryAttestation' });
    const delivered = await run(
      STEP,
      {
        input: {
          supportId: id,
          action: 'DELIVER',
          on: '2025-04-02',
          registryAttestation: await attestation(ELSEWHERE, '2025-04-02'),
        },
        k: key(),
      },
      COMMUNE_03163,
    );
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data?.advanceLaborSupport).toMatchObject({
      status: 'DELIVERED',
      deliveredOn: '2025-04-02',
      categoryOnDelivery: 'POOR',
    });
    const early = await run(STEP, { input: { supportId: id, action: 'VERIFY', on: '2025-04-01' }, k: key() }, OFFICER);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
    const verified = await run(STEP, { input: { supportId: id, action: 'VERIFY', on: '2025-05-10' }, k: key() }, OFFICER);
    expect(verified.data?.advanceLaborSupport).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-05-10' });
    const cancel = await run(
      STEP,
      { input: { supportId: id, action: 'CANCEL', on: '2025-05-11', reason: 'nhầm' }, k: key() },
      OFFICER,
    );
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.action' });
    // Outside the scope, a support answers like a missing one.
    const probe = await run(
      STEP,
      { input: { supportId: id, action: 'VERIFY', on: '2025-05-10' }, k: key() },
      {
        principal: testPrincipal({ scope: ['03160'] }),
        purpose: 'support-delivery',
      },
    );
    expect(probe.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.supportId' });
  });
});

describe('reading labor supports', () => {
  it('reads every household of a page with its supports in one statement for the relation', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id laborSupports { kind household { id } } } } }`;
    const measure = async (ids: string[]) =>
      (
        await captureStatements(db.dataSource, () => run(query, { r: ids.map((id) => ({ __typename: 'Household', id })) }))
      ).statements.filter((s) => /\bsupport\b/.test(s)).length;
    expect(await measure([POOR])).toBe(1);
    expect(await measure([POOR, ESCAPED, ELSEWHERE, NOT_POOR, UNREVIEWED])).toBe(1);
  });

  it("pages a unit's supports, totals them by kind, and keeps analysts to the totals", async () => {
    const page = await run(
      `{ adminUnit(code: "11") { laborSupports(first: 2) { totalCount nodes { kind plannedOn } pageInfo { hasNextPage endCursor } } } }`,
    );
    expect(page.errors).toBeUndefined();
    const conn = (
      page.data?.adminUnit as { laborSupports: { totalCount: number; nodes: unknown[]; pageInfo: { endCursor: string } } }
    ).laborSupports;
    expect(conn.totalCount).toBe(4);
    expect(conn.nodes).toHaveLength(2);
    const next = await run(
      `query($a: String) { adminUnit(code: "11") { laborSupports(first: 2, after: $a) { nodes { kind } pageInfo { hasNextPage } } } }`,
      {
        a: conn.pageInfo.endCursor,
      },
    );
    expect((next.data?.adminUnit as { laborSupports: { nodes: unknown[] } }).laborSupports.nodes).toHaveLength(2);
    const summary = await run(
      `{ adminUnit(code: "03160") { laborSupportSummary(programYear: 2025) { project kind supportCount householdsSupported totalValue } } }`,
      undefined,
      ANALYST,
    );
    expect(summary.errors).toBeUndefined();
    expect((summary.data?.adminUnit as { laborSupportSummary: unknown[] }).laborSupportSummary).toEqual([
      { project: 4, kind: 'VOCATIONAL_TRAINING', supportCount: 1, householdsSupported: 1, totalValue: 3_000_000 },
      { project: 5, kind: 'HOUSE_NEW_BUILD', supportCount: 1, householdsSupported: 1, totalValue: 40_000_000 },
    ]);
    expect(codes(await run(`{ adminUnit(code: "03160") { laborSupports { totalCount } } }`, undefined, ANALYST))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('labor budget lines', () => {
  const SAVE = `mutation($input: BudgetLineInput!, $k: String!) { saveLaborBudgetLine(input: $input, idempotencyKey: $k) {
    id unitCode project allocated disbursed undisbursed disbursementRate late overAllocated } }`;
  const DISBURSE = `mutation($input: DisbursementInput!, $k: String!) { recordLaborDisbursement(input: $input, idempotencyKey: $k) {
    id disbursed undisbursed disbursementRate overAllocated disbursements { amount disbursedOn reference overAllocationReason } } }`;
  const line = (overrides: Record<string, unknown>) => ({
    unitCode: '11',
    provinceCode: '11',
    year: 2025,
    project: 2,
    fundingSource: 'CENTRAL_BUDGET',
    planned: 2_000_000_000,
    allocated: 1_500_000_000,
    deadline: '2025-09-30',
    ...overrides,
  });
  let provinceLine: string;
  let communeLine: string;

  it('creates lines, and changes the same line when the key is the same', async () => {
    const created = await run(SAVE, { input: line({}), k: key() });
    expect(created.errors).toBeUndefined();
    provinceLine = (created.data?.saveLaborBudgetLine as { id: string }).id;
    const changed = await run(SAVE, { input: line({ allocated: 1_600_000_000 }), k: key() });
    expect(changed.data?.saveLaborBudgetLine).toMatchObject({ id: provinceLine, allocated: 1_600_000_000, late: true });
    const commune = await run(SAVE, {
      input: line({ unitCode: '03160', project: 4, subProject: 1, allocated: 300_000_000, deadline: '2025-12-31' }),
      k: key(),
    });
    communeLine = (commune.data?.saveLaborBudgetLine as { id: string }).id;
    expect(codes(await run(SAVE, { input: line({ project: 3 }), k: key() }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(SAVE, { input: line({ allocated: -1 }), k: key() }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(SAVE, { input: line({}), k: key() }, AGRICULTURE))).toEqual(['FORBIDDEN']);
  });

  it('disburses up to the allocation, refuses beyond it, and allows an audited override', async () => {
    const pay = (amount: number, extra: Record<string, unknown> = {}) =>
      run(DISBURSE, {
        input: { budgetLineId: communeLine, amount, disbursedOn: '2025-05-05', reference: 'KB-0001', ...extra },
        k: key(),
      });
    expect((await pay(300_000_000)).data?.recordLaborDisbursement).toMatchObject({
      disbursed: 300_000_000,
      undisbursed: 0,
      disbursementRate: 1,
    });
    const over = await pay(1);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(over.errors?.[0]?.message).toMatch(/headroom 0.*overAllocationReason/);
    const before = await q(`SELECT count(*)::int AS n FROM audit_record`);
    const overridden = await pay(5_000_000, { overAllocationReason: 'Quyết định bổ sung số 12/QĐ-UBND, chờ điều chỉnh dự toán' });
    expect(overridden.errors).toBeUndefined();
    expect(overridden.data?.recordLaborDisbursement).toMatchObject({ disbursed: 305_000_000, overAllocated: true });
    const [audit] = await q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({
      entity_type: 'BudgetLine',
      entity_ids: [communeLine],
      fields: ['write Disbursement', 'write Disbursement.overAllocationReason (override)'],
    });
    expect(await q(`SELECT count(*)::int AS n FROM audit_record`)).toEqual([{ n: before[0].n + 1 }]);
    expect(codes(await pay(0))).toEqual(['BAD_USER_INPUT']);
  });

  it("rolls a province's lines up with its communes', lists late lines, and keeps a commune officer to the commune", async () => {
    const totals = await run(
      `{ adminUnit(code: "11") { laborBudgetTotals(year: 2025) { project lineCount allocated disbursed lateLineCount lateUndisbursed } } }`,
      undefined,
      ANALYST,
    );
    expect(totals.errors).toBeUndefined();
    expect((totals.data?.adminUnit as { laborBudgetTotals: unknown[] }).laborBudgetTotals).toEqual([
      { project: 2, lineCount: 1, allocated: 1_600_000_000, disbursed: 0, lateLineCount: 1, lateUndisbursed: 1_600_000_000 },
      { project: 4, lineCount: 1, allocated: 300_000_000, disbursed: 305_000_000, lateLineCount: 0, lateUndisbursed: 0 },
    ]);
    const late = await run(`{ laborLateBudgetLines(unitCode: "11", asOf: "2025-10-01") { id project undisbursed } }`);
    expect(late.data?.laborLateBudgetLines).toEqual([{ id: provinceLine, project: 2, undisbursed: 1_600_000_000 }]);
    expect((await run(`{ laborLateBudgetLines(unitCode: "11", asOf: "2025-09-30") { id } }`)).data?.laborLateBudgetLines).toEqual(
      [],
    );
    const communeOfficer = { principal: testPrincipal({ scope: ['03160'] }) };
    const lines = await run(
      `{ adminUnit(code: "11") { laborBudgetLines(year: 2025, includeCommunes: true) { unitCode } } }`,
      undefined,
      communeOfficer,
    );
    expect(lines.errors).toBeUndefined();
    expect((lines.data?.adminUnit as { laborBudgetLines: unknown[] }).laborBudgetLines).toEqual([{ unitCode: '03160' }]);
  });
});
