import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { registryAttestationSigner, type RegistryAttestationSigner } from '@gnbv/kit';
import { ensureDevKeys, readPrivateKey } from '@gnbv/platform';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  testPrincipal,
  testRegistryKeys,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { cultureInformationDataSource } from '../data-source';
import { buildCultureInformationSchema } from '../schema';

/*
 * Project 6 in the programme's shared shapes, end to end on a real database: information-access
 * supports recorded with the labor registry's signed statement about the household (made here
 * with the development registry key, as labor would sign it), their steps, the targeting figure,
 * and the project's budget lines with disbursements.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const POOR = uuid(1); //          poor, deprived on 11 (telecom use), 4 and 9: not on 12 (devices)
const NEAR_POOR = uuid(2); //     near-poor, deprived on 12
const NOT_POOR = uuid(3);
const ELSEWHERE = uuid(4); //     poor, in commune 03163

let db: TestDatabase;
let run: SchemaRunner;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
const key = () => randomUUID();

/** A culture-information officer of commune 03160 delivering support. */
const OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'vhxh-muong-phang', agency: 'culture-information', scope: ['03160'] }),
  purpose: 'support-delivery',
};
const PROVINCE_OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'so-vhtt-11', agency: 'culture-information', scope: ['11'] }),
  purpose: 'support-delivery',
};
const COMMUNE_03163: TestIdentity = {
  principal: testPrincipal({ subject: 'vhxh-na-tau', agency: 'culture-information', scope: ['03163'] }),
  purpose: 'support-delivery',
};
const LABOR: TestIdentity = { principal: testPrincipal({ subject: 'ldtbxh', agency: 'labor' }), purpose: 'support-delivery' };
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

const HOUSEHOLDS: Record<string, { category: 'POOR' | 'NEAR_POOR' | 'NOT_POOR'; communeCode: string; deprived: number[] }> = {
  [POOR]: { category: 'POOR', communeCode: '03160', deprived: [4, 9, 11] },
  [NEAR_POOR]: { category: 'NEAR_POOR', communeCode: '03160', deprived: [12] },
  [NOT_POOR]: { category: 'NOT_POOR', communeCode: '03160', deprived: [] },
  [ELSEWHERE]: { category: 'POOR', communeCode: '03163', deprived: [11, 12] },
};

/** What the labor registry would state about the household on `on`, signed by `signer`. */
async function statement(household: string, on: string, signer: RegistryAttestationSigner = testRegistryKeys().signer()) {
  const h = HOUSEHOLDS[household]!;
  const signed = await signer.sign({
    householdId: household,
    on,
    category: h.category,
    communeCode: h.communeCode,
    provinceCode: '11',
    childrenUnder16: [],
    deprivedIndicators: h.deprived,
  });
  return signed.token;
}

const RECORD = `mutation($input: SupportInput!, $k: String!) { recordInformationSupport(input: $input, idempotencyKey: $k) {
  id agency project subProject kind status plannedOn deliveredOn categoryOnDelivery reachedDeprivation addressesIndicators
  communeCode value unit household { id } } }`;
const STEP = `mutation($input: SupportStepInput!, $k: String!) { advanceInformationSupport(input: $input, idempotencyKey: $k) {
  id status deliveredOn verifiedOn cancelledOn cancelReason categoryOnDelivery reachedDeprivation } }`;
const support = (household: string, token: string, overrides: Record<string, unknown> = {}) => ({
  householdId: household,
  registryAttestation: token,
  kind: 'PHONE',
  description: 'Điện thoại thông minh',
  quantity: 1,
  value: 2_500_000,
  on: '2025-06-01',
  deliveringOffice: 'Phòng Văn hóa - Xã hội xã Mường Phăng',
  programYear: 2025,
  ...overrides,
});
const recorded = (result: { data?: Record<string, unknown> | null }) => result.data?.recordInformationSupport as { id: string };

beforeAll(async () => {
  db = await startTestDatabase(cultureInformationDataSource);
  run = schemaRunner((await buildCultureInformationSchema()).schema, db.dataSource, createLoaders);
});
afterAll(() => db?.stop());

describe('recording information supports', () => {
  it('records a phone for a poor household deprived on telecom use, once per idempotency key, audited', async () => {
    const k = key();
    const input = support(POOR, await statement(POOR, '2025-06-01'));
    const first = await run(RECORD, { input, k }, OFFICER);
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordInformationSupport).toMatchObject({
      agency: 'culture-information',
      project: 6,
      subProject: 1,
      kind: 'PHONE',
      status: 'DELIVERED',
      deliveredOn: '2025-06-01',
      categoryOnDelivery: 'POOR',
      // A phone addresses 11 and 12; the registry stated the household deprived on 11.
      addressesIndicators: [11, 12],
      reachedDeprivation: true,
      communeCode: '03160',
      unit: 'chiếc',
      household: { id: POOR },
    });
    const again = await run(RECORD, { input, k }, OFFICER);
    expect(again.data).toEqual(first.data);
    expect(
      await q(`SELECT count(*)::int AS n, min(deprived_on_delivery::text) AS d FROM support WHERE household_id = $1`, [POOR]),
    ).toEqual([{ n: 1, d: '{4,9,11}' }]);
    const reused = await run(RECORD, { input: { ...input, value: 1 }, k }, OFFICER);
    expect(codes(reused)).toEqual(['CONFLICT']);
    const [audit] = await q(`SELECT entity_type, entity_ids, fields, agency FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({
      entity_type: 'Household',
      entity_ids: [POOR],
      fields: ['write Support'],
      agency: 'culture-information',
    });
  });

  it('records a TV for a poor household not deprived on devices: it did not reach a deprivation it addresses', async () => {
    const tv = await run(
      RECORD,
      {
        input: support(POOR, await statement(POOR, '2025-06-02'), { kind: 'TELEVISION', value: 4_000_000, on: '2025-06-02' }),
        k: key(),
      },
      OFFICER,
    );
    expect(tv.errors).toBeUndefined();
    expect(tv.data?.recordInformationSupport).toMatchObject({
      kind: 'TELEVISION',
      addressesIndicators: [12],
      reachedDeprivation: false,
    });
    const radio = await run(
      RECORD,
      {
        input: support(NEAR_POOR, await statement(NEAR_POOR, '2025-06-02'), { kind: 'RADIO', value: 600_000, on: '2025-06-02' }),
        k: key(),
      },
      OFFICER,
    );
    expect(radio.data?.recordInformationSupport).toMatchObject({ categoryOnDelivery: 'NEAR_POOR', reachedDeprivation: true });
  });

  it('counts, per kind, the supported households deprived on an indicator the kind addresses', async () => {
    const summary = await run(
      `{ _entities(representations: [{ __typename: "AdminUnit", code: "03160" }]) { ... on AdminUnit {
         informationSupportSummary(programYear: 2025) { project subProject kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed } } } }`,
      undefined,
      ANALYST,
    );
    expect(summary.errors).toBeUndefined();
    expect((summary.data?._entities as Array<{ informationSupportSummary: unknown[] }>)[0]!.informationSupportSummary).toEqual([
      {
        project: 6,
        subProject: 1,
        kind: 'PHONE',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 2_500_000,
        householdsDeprivedOnAddressed: 1,
      },
      {
        project: 6,
        subProject: 1,
        kind: 'RADIO',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 600_000,
        householdsDeprivedOnAddressed: 1,
      },
      {
        project: 6,
        subProject: 1,
        kind: 'TELEVISION',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 4_000_000,
        householdsDeprivedOnAddressed: 0,
      },
    ]);
  });

  it('refuses with BAD_USER_INPUT, naming the reason, what the rules and the registry do not allow', async () => {
    const devKey = readPrivateKey(ensureDevKeys().registryPrivate);
    const expired = registryAttestationSigner(devKey, -60);
    const forger = registryAttestationSigner(generateKeyPairSync('ed25519').privateKey);
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'a household above the line',
        support(NOT_POOR, await statement(NOT_POOR, '2025-06-01')),
        'input.registryAttestation',
        /was not poor/,
      ],
      [
        "another agency's kind",
        support(POOR, await statement(POOR, '2025-06-01'), { kind: 'HOUSE_NEW_BUILD' }),
        'input.kind',
        /Project 5 support, which another agency runs/,
      ],
      [
        'an expired statement',
        support(POOR, await statement(POOR, '2025-06-01', expired)),
        'input.registryAttestation',
        /has expired/,
      ],
      [
        'a forged statement',
        support(POOR, await statement(POOR, '2025-06-01', forger)),
        'input.registryAttestation',
        /not a statement signed by the labor registry/,
      ],
      [
        'not a statement at all',
        support(POOR, 'eyJhbGciOiJFZERTQSJ9.e30.c2ln'),
        'input.registryAttestation',
        /not a statement signed/,
      ],
      [
        "another household's statement",
        support(NEAR_POOR, await statement(POOR, '2025-06-01')),
        'input.registryAttestation',
        /is about household/,
      ],
      [
        'a statement for another date',
        support(POOR, await statement(POOR, '2025-05-31')),
        'input.registryAttestation',
        /category on 2025-05-31, but this record is dated 2025-06-01/,
      ],
      [
        'a member for household support',
        support(POOR, await statement(POOR, '2025-06-01'), { memberId: uuid(101) }),
        'input.memberId',
        /whole household/,
      ],
      ['a delivery in the future', support(POOR, 'x', { on: '2099-01-01', programYear: 2099 }), 'input.on', /future/],
      ['a negative value', support(POOR, 'x', { value: -1 }), 'input.value', /negative/],
      [
        'an initiative',
        support(POOR, await statement(POOR, '2025-06-01'), { initiativeId: uuid(7) }),
        'input.initiativeId',
        /do not belong to initiatives/,
      ],
    ];
    const before = await q(`SELECT count(*)::int AS n FROM support`);
    for (const [what, input, field, message] of cases) {
      const res = await run(RECORD, { input, k: key() }, OFFICER);
      expect({ what, ext: res.errors?.[0]?.extensions }).toMatchObject({ what, ext: { code: 'BAD_USER_INPUT', field } });
      expect({ what, message: res.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    expect(await q(`SELECT count(*)::int AS n FROM support`)).toEqual(before);
  });

  it('keeps writers to their scope and their agency, with the support-delivery purpose', async () => {
    const input = support(POOR, await statement(POOR, '2025-06-01'));
    const outside = await run(RECORD, { input, k: key() }, COMMUNE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.householdId' });
    expect(codes(await run(RECORD, { input, k: key() }, LABOR))).toEqual(['FORBIDDEN']);
    expect(codes(await run(RECORD, { input, k: key() }, { ...OFFICER, purpose: 'review' }))).toEqual(['PURPOSE_REQUIRED']);
    expect(codes(await run(RECORD, { input, k: key() }, ANALYST))).toEqual(['FORBIDDEN']);
  });
});

describe('the steps of an information support', () => {
  it('moves a planned phone to delivered (re-checking the registry), then verified, and refuses cancelling it then', async () => {
    const planned = await run(
      RECORD,
      { input: support(ELSEWHERE, await statement(ELSEWHERE, '2025-03-01'), { status: 'PLANNED', on: '2025-03-01' }), k: key() },
      PROVINCE_OFFICER,
    );
    expect(planned.errors).toBeUndefined();
    expect(planned.data?.recordInformationSupport).toMatchObject({
      status: 'PLANNED',
      deliveredOn: null,
      categoryOnDelivery: null,
      reachedDeprivation: null,
    });
    const id = recorded(planned).id;
    const noStatement = await run(
      STEP,
      { input: { supportId: id, action: 'DELIVER', on: '2025-04-02' }, k: key() },
      COMMUNE_03163,
    );
    expect(noStatement.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registryAttestation' });
    const wrongDay = await run(
      STEP,
      {
        input: {
          supportId: id,
          action: 'DELIVER',
          on: '2025-04-02',
          registryAttestation: await statement(ELSEWHERE, '2025-03-01'),
        },
        k: key(),
      },
      COMMUNE_03163,
    );
    expect(wrongDay.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registryAttestation' });
    const k = key();
    const deliver = {
      supportId: id,
      action: 'DELIVER',
      on: '2025-04-02',
      registryAttestation: await statement(ELSEWHERE, '2025-04-02'),
    };
    const delivered = await run(STEP, { input: deliver, k }, COMMUNE_03163);
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data?.advanceInformationSupport).toMatchObject({
      status: 'DELIVERED',
      deliveredOn: '2025-04-02',
      categoryOnDelivery: 'POOR',
      reachedDeprivation: true,
    });
    // Re-sent (a dropped connection): the same answer, nothing delivered twice.
    expect((await run(STEP, { input: deliver, k }, COMMUNE_03163)).data).toEqual(delivered.data);
    const early = await run(STEP, { input: { supportId: id, action: 'VERIFY', on: '2025-04-01' }, k: key() }, COMMUNE_03163);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
    const verified = await run(STEP, { input: { supportId: id, action: 'VERIFY', on: '2025-05-10' }, k: key() }, COMMUNE_03163);
    expect(verified.data?.advanceInformationSupport).toMatchObject({ status: 'VERIFIED', verifiedOn: '2025-05-10' });
    const cancel = await run(
      STEP,
      { input: { supportId: id, action: 'CANCEL', on: '2025-05-11', reason: 'nhầm' }, k: key() },
      COMMUNE_03163,
    );
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.action' });
    // Outside the scope, a support answers like a missing one.
    const probe = await run(STEP, { input: { supportId: id, action: 'VERIFY', on: '2025-05-10' }, k: key() }, OFFICER);
    expect(probe.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.supportId' });
  });

  it('cancels a planned support only with a reason, and keeps it out of the totals', async () => {
    const planned = await run(
      RECORD,
      {
        input: support(NEAR_POOR, await statement(NEAR_POOR, '2025-08-01'), {
          status: 'PLANNED',
          on: '2025-08-01',
          kind: 'INTERNET_ACCESS',
          quantity: 12,
        }),
        k: key(),
      },
      OFFICER,
    );
    const id = recorded(planned).id;
    const noReason = await run(STEP, { input: { supportId: id, action: 'CANCEL', on: '2025-07-01' }, k: key() }, OFFICER);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const cancelled = await run(
      STEP,
      { input: { supportId: id, action: 'CANCEL', on: '2025-07-01', reason: 'Hộ đã tự lắp internet' }, k: key() },
      OFFICER,
    );
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.advanceInformationSupport).toMatchObject({
      status: 'CANCELLED',
      cancelledOn: '2025-07-01',
      cancelReason: 'Hộ đã tự lắp internet',
    });
    const [audit] = await q(`SELECT entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ entity_ids: [NEAR_POOR], fields: ['write Support.status CANCEL'] });
    const page = await run(
      `{ _entities(representations: [{ __typename: "AdminUnit", code: "03160" }]) { ... on AdminUnit {
         cancelled: informationSupports(status: CANCELLED) { totalCount nodes { id } }
         summary: informationSupportSummary { kind } } } }`,
      undefined,
      OFFICER,
    );
    const [unit] = page.data?._entities as Array<{
      cancelled: { totalCount: number; nodes: unknown[] };
      summary: Array<{ kind: string }>;
    }>;
    expect(unit!.cancelled).toEqual({ totalCount: 1, nodes: [{ id }] });
    expect(unit!.summary.map((s) => s.kind)).not.toContain('INTERNET_ACCESS');
  });

  it("pages a unit's supports latest first with a cursor", async () => {
    const query = `query($a: String) { _entities(representations: [{ __typename: "AdminUnit", code: "11" }]) { ... on AdminUnit {
      informationSupports(first: 2, after: $a, programYear: 2025) { totalCount nodes { kind plannedOn } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      totalCount: number;
      nodes: Array<{ plannedOn: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    const pageOf = (r: { data?: Record<string, unknown> | null }) =>
      (r.data?._entities as Array<{ informationSupports: Page }>)[0]!.informationSupports;
    const first = pageOf(await run(query, {}, PROVINCE_OFFICER));
    expect(first.totalCount).toBe(5);
    expect(first.nodes.map((n) => n.plannedOn)).toEqual(['2025-08-01', '2025-06-02']);
    const second = pageOf(await run(query, { a: first.pageInfo.endCursor }, PROVINCE_OFFICER));
    const third = pageOf(await run(query, { a: second.pageInfo.endCursor }, PROVINCE_OFFICER));
    expect([...first.nodes, ...second.nodes, ...third.nodes].map((n) => n.plannedOn)).toEqual([
      '2025-08-01',
      '2025-06-02',
      '2025-06-02',
      '2025-06-01',
      '2025-03-01',
    ]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });
});

describe('culture-information budget lines', () => {
  const SAVE = `mutation($input: BudgetLineInput!, $k: String!) { saveCultureInformationBudgetLine(input: $input, idempotencyKey: $k) {
    id agency unitCode project subProject allocated disbursed undisbursed disbursementRate overAllocated } }`;
  const DISBURSE = `mutation($input: DisbursementInput!, $k: String!) { recordCultureInformationDisbursement(input: $input, idempotencyKey: $k) {
    id disbursed undisbursed overAllocated disbursements { amount reference overAllocationReason } } }`;
  const line = (overrides: Record<string, unknown> = {}) => ({
    unitCode: '03160',
    provinceCode: '11',
    year: 2025,
    project: 6,
    subProject: 1,
    fundingSource: 'CENTRAL_BUDGET',
    planned: 120_000_000,
    allocated: 100_000_000,
    deadline: '2025-09-30',
    ...overrides,
  });
  let lineId: string;

  it("saves a Project 6 line and refuses another agency's project", async () => {
    const saved = await run(SAVE, { input: line(), k: key() }, OFFICER);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveCultureInformationBudgetLine).toMatchObject({
      agency: 'culture-information',
      project: 6,
      subProject: 1,
      allocated: 100_000_000,
      disbursed: 0,
    });
    lineId = (saved.data?.saveCultureInformationBudgetLine as { id: string }).id;
    const project3 = await run(SAVE, { input: line({ project: 3, subProject: 1 }), k: key() }, OFFICER);
    expect(project3.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.project' });
    expect(codes(await run(SAVE, { input: line({ subProject: 3 }), k: key() }, OFFICER))).toEqual(['BAD_USER_INPUT']);
    // The kit refuses a line outside the writer's scope as bad input, naming the unit.
    const outside = await run(SAVE, { input: line({ unitCode: '03163' }), k: key() }, OFFICER);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.unitCode' });
  });

  it('disburses within the allocation, refuses beyond it, and keeps an override in the audit trail', async () => {
    const pay = (amount: number, extra: Record<string, unknown> = {}) =>
      run(
        DISBURSE,
        { input: { budgetLineId: lineId, amount, disbursedOn: '2025-05-05', reference: 'KB-0601', ...extra }, k: key() },
        OFFICER,
      );
    expect((await pay(60_000_000)).data?.recordCultureInformationDisbursement).toMatchObject({
      disbursed: 60_000_000,
      undisbursed: 40_000_000,
    });
    const over = await pay(40_000_001);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(over.errors?.[0]?.message).toMatch(/headroom 40000000.*overAllocationReason/);
    const overridden = await pay(45_000_000, {
      overAllocationReason: 'Bổ sung theo Quyết định 15/QĐ-UBND',
      disbursedOn: '2025-06-05',
    });
    expect(overridden.errors).toBeUndefined();
    expect(overridden.data?.recordCultureInformationDisbursement).toMatchObject({
      disbursed: 105_000_000,
      undisbursed: 0,
      overAllocated: true,
      disbursements: [
        { amount: 60_000_000, reference: 'KB-0601', overAllocationReason: null },
        { amount: 45_000_000, reference: 'KB-0601', overAllocationReason: 'Bổ sung theo Quyết định 15/QĐ-UBND' },
      ],
    });
    const [audit] = await q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({
      entity_type: 'BudgetLine',
      entity_ids: [lineId],
      fields: ['write Disbursement', 'write Disbursement.overAllocationReason (override)'],
    });
  });

  it('totals the budget for analysts and lists late lines', async () => {
    await run(
      SAVE,
      { input: line({ subProject: 2, fundingSource: 'LOCAL_BUDGET', allocated: 20_000_000, planned: 20_000_000 }), k: key() },
      OFFICER,
    );
    const totals = await run(
      `{ _entities(representations: [{ __typename: "AdminUnit", code: "11" }]) { ... on AdminUnit {
         cultureInformationBudgetTotals(year: 2025) { project lineCount allocated disbursed lateLineCount lateUndisbursed } } } }`,
      undefined,
      ANALYST,
    );
    expect(totals.errors).toBeUndefined();
    expect(
      (totals.data?._entities as Array<{ cultureInformationBudgetTotals: unknown[] }>)[0]!.cultureInformationBudgetTotals,
    ).toEqual([
      // Both lines' deadline (2025-09-30) has passed: the unpaid local-budget line is late.
      { project: 6, lineCount: 2, allocated: 120_000_000, disbursed: 105_000_000, lateLineCount: 1, lateUndisbursed: 20_000_000 },
    ]);
    const late = await run(
      `{ cultureInformationLateBudgetLines(unitCode: "11", asOf: "2025-10-01") { unitCode subProject undisbursed } }`,
      undefined,
      OFFICER,
    );
    expect(late.data?.cultureInformationLateBudgetLines).toEqual([{ unitCode: '03160', subProject: 2, undisbursed: 20_000_000 }]);
  });
});
