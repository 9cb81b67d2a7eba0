import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { registryAttestationSigner } from '@gnbv/kit';
import { ensureDevKeys, readPrivateKey } from '@gnbv/platform';
import { errorCodes as codes, TEST_ANALYST, type TestIdentity } from '@gnbv/kit/testing';
import {
  AGRICULTURE_03163,
  AGRICULTURE_OFFICER,
  LABOR_OFFICER,
  RECORD_SUPPORT,
  startAgriculture,
  statement,
  STEP_SUPPORT,
  supportInput,
  uuid,
  type Agriculture,
} from '../test-fixtures';

/*
 * Project 3 supports and budget lines through the kit's shared modules, as agriculture wires
 * them: who may receive which support (per the labor registry's signed statement), the life of a
 * support record, and the project's money.
 */

const POOR = uuid(1); //        poor, commune 03160, one child and one adult
const NEAR_POOR = uuid(2);
const ESCAPED = uuid(3); //     newly escaped, with a child
const NOT_POOR = uuid(4);
const UNLISTED = uuid(5); //    never reviewed
const CHILD = uuid(101);
const ADULT = uuid(102);
const ESCAPED_CHILD = uuid(103);

let a: Agriculture;
const key = () => randomUUID();
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

/** The registry's statement for the test households on `on`. */
const said = (household: string, on = '2025-06-01') =>
  statement(household, on, {
    category:
      ({ [POOR]: 'POOR', [NEAR_POOR]: 'NEAR_POOR', [ESCAPED]: 'NEWLY_ESCAPED', [NOT_POOR]: 'NOT_POOR' } as const)[household] ??
      null,
    childrenUnder16: household === POOR ? [CHILD] : household === ESCAPED ? [ESCAPED_CHILD] : [],
    deprivedIndicators: household === POOR ? [1, 3, 9] : [],
  });

const record = (input: Record<string, unknown>, as: TestIdentity = AGRICULTURE_OFFICER, k = key()) =>
  a.run(RECORD_SUPPORT, { input, k }, as);

beforeAll(async () => {
  a = await startAgriculture();
});
afterAll(() => a?.db.stop());

describe('recording Project 3 supports', () => {
  it('records breeding animals for a poor household with the category the registry stated, audited, once per key', async () => {
    const k = key();
    const input = supportInput(POOR, await said(POOR));
    const first = await record(input, AGRICULTURE_OFFICER, k);
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordProductionSupport).toMatchObject({
      agency: 'agriculture',
      project: 3,
      subProject: 1,
      kind: 'BREEDING_ANIMALS',
      memberId: null,
      status: 'DELIVERED',
      plannedOn: '2025-06-01',
      deliveredOn: '2025-06-01',
      categoryOnDelivery: 'POOR',
      // Deprived on employment (1) on delivery: the indicator breeding animals address.
      reachedDeprivation: true,
      addressesIndicators: [1],
      communeCode: '03160',
      value: 30_000_000,
      unit: 'con',
      household: { id: POOR },
    });
    const id = (first.data?.recordProductionSupport as { id: string }).id;
    const [audit] = await a.q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ entity_type: 'Household', entity_ids: [POOR], fields: ['write Support'] });
    // A re-sent request gets the first answer; nothing is written twice.
    const again = await record(input, AGRICULTURE_OFFICER, k);
    expect(again.data).toEqual(first.data);
    expect(await a.q(`SELECT count(*)::int AS n FROM support WHERE household_id = $1`, [POOR])).toEqual([{ n: 1 }]);
    const reused = await record({ ...input, value: 31_000_000 }, AGRICULTURE_OFFICER, k);
    expect(codes(reused)).toEqual(['CONFLICT']);
    expect(await a.q(`SELECT value::int AS value FROM support WHERE id = $1`, [id])).toEqual([{ value: 30_000_000 }]);
  });

  it('records seeds for a near-poor household and fertiliser for a newly escaped one, in the kind’s usual unit', async () => {
    const seeds = await record(
      supportInput(NEAR_POOR, await said(NEAR_POOR), { kind: 'SEEDS', description: 'Giống lúa', quantity: 40.5 }),
    );
    expect(seeds.errors).toBeUndefined();
    expect(seeds.data?.recordProductionSupport).toMatchObject({ kind: 'SEEDS', unit: 'kg', quantity: 40.5, subProject: 1 });
    const fertiliser = await record(
      supportInput(ESCAPED, await said(ESCAPED), { kind: 'FERTILISER', description: 'Phân NPK', value: 2_000_000 }),
    );
    expect(fertiliser.errors).toBeUndefined();
    expect(fertiliser.data?.recordProductionSupport).toMatchObject({
      categoryOnDelivery: 'NEWLY_ESCAPED',
      reachedDeprivation: false,
    });
  });

  it('gives a nutrition package to one child under 16 of a poor household', async () => {
    const nutrition = await record(
      supportInput(POOR, await said(POOR), {
        kind: 'NUTRITION_PACKAGE',
        memberId: CHILD,
        description: 'Gói dinh dưỡng trẻ em',
        quantity: 1,
        value: 1_500_000,
      }),
    );
    expect(nutrition.errors).toBeUndefined();
    expect(nutrition.data?.recordProductionSupport).toMatchObject({
      project: 3,
      subProject: 2,
      memberId: CHILD,
      unit: 'gói',
      addressesIndicators: [3],
      reachedDeprivation: true,
    });
  });

  it('refuses with BAD_USER_INPUT, naming the field and the reason, what the rules or the statement do not allow', async () => {
    const expired = await registryAttestationSigner(readPrivateKey(ensureDevKeys().registryPrivate), -60).sign({
      householdId: POOR,
      on: '2025-06-01',
      category: 'POOR',
      communeCode: '03160',
      provinceCode: '11',
      childrenUnder16: [CHILD],
      deprivedIndicators: [],
    });
    const forged = await registryAttestationSigner(generateKeyPairSync('ed25519').privateKey).sign({
      householdId: POOR,
      on: '2025-06-01',
      category: 'POOR',
      communeCode: '03160',
      provinceCode: '11',
      childrenUnder16: [],
      deprivedIndicators: [],
    });
    const nutrition = { kind: 'NUTRITION_PACKAGE', quantity: 1, value: 1_500_000, description: 'Gói dinh dưỡng' };
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'a household above the line',
        supportInput(NOT_POOR, await said(NOT_POOR)),
        'input.registryAttestation',
        /was not poor, near-poor or newly escaped on 2025-06-01/,
      ],
      [
        'a household on no list',
        supportInput(UNLISTED, await said(UNLISTED)),
        'input.registryAttestation',
        /no certified poverty review/,
      ],
      [
        "another agency's kind",
        supportInput(POOR, await said(POOR), { kind: 'HOUSE_NEW_BUILD', description: 'Nhà' }),
        'input.kind',
        /Project 5 support, which another agency runs/,
      ],
      ['an expired statement', supportInput(POOR, expired.token), 'input.registryAttestation', /has expired/],
      [
        'a forged statement',
        supportInput(POOR, forged.token),
        'input.registryAttestation',
        /not a statement signed by the labor registry/,
      ],
      [
        "another household's statement",
        supportInput(NEAR_POOR, await said(POOR)),
        'input.registryAttestation',
        new RegExp(`is about household ${POOR}, not ${NEAR_POOR}`),
      ],
      [
        'a statement about another date',
        supportInput(POOR, await said(POOR, '2025-05-31')),
        'input.registryAttestation',
        /on 2025-05-31, but this record is dated 2025-06-01/,
      ],
      [
        'nutrition for an adult',
        supportInput(POOR, await said(POOR), { ...nutrition, memberId: ADULT }),
        'input.memberId',
        /is not a current member under 16/,
      ],
      [
        'nutrition for a child of a newly escaped household',
        supportInput(ESCAPED, await said(ESCAPED), { ...nutrition, memberId: ESCAPED_CHILD }),
        'input.registryAttestation',
        /NUTRITION_PACKAGE is Project 3.2 support only for poor, near-poor households/,
      ],
      [
        'nutrition without naming the child',
        supportInput(POOR, await said(POOR), nutrition),
        'input.memberId',
        /for one child: name the child/,
      ],
      [
        'a member named for household support',
        supportInput(POOR, await said(POOR), { memberId: ADULT }),
        'input.memberId',
        /for the whole household/,
      ],
      ['a negative value', supportInput(POOR, 'x', { value: -1 }), 'input.value', /negative/],
      ['a delivery in the future', supportInput(POOR, 'x', { on: '2099-01-01', programYear: 2099 }), 'input.on', /future/],
      ['a malformed project id', supportInput(POOR, 'x', { initiativeId: 'P1' }), 'input.initiativeId', /UUID/],
    ];
    const before = await a.q(`SELECT count(*)::int AS n FROM support`);
    for (const [what, input, field, message] of cases) {
      const res = await record(input);
      expect({ what, ext: res.errors?.[0]?.extensions }).toMatchObject({ what, ext: { code: 'BAD_USER_INPUT', field } });
      expect({ what, message: res.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    expect(await a.q(`SELECT count(*)::int AS n FROM support`)).toEqual(before);
  });

  it('moves a planned support to delivered (re-checking the registry on the delivery date), then verified', async () => {
    const planned = await record(
      supportInput(NEAR_POOR, await said(NEAR_POOR, '2026-03-01'), {
        status: 'PLANNED',
        on: '2026-03-01',
        programYear: 2026,
        kind: 'PRODUCTION_TRAINING',
        description: 'Tập huấn kỹ thuật chăn nuôi',
        quantity: 1,
        value: 500_000,
      }),
    );
    expect(planned.errors).toBeUndefined();
    const id = (planned.data?.recordProductionSupport as { id: string }).id;
    expect(planned.data?.recordProductionSupport).toMatchObject({
      status: 'PLANNED',
      deliveredOn: null,
      categoryOnDelivery: null,
    });
    const step = (input: Record<string, unknown>, as: TestIdentity = AGRICULTURE_OFFICER) =>
      a.run(STEP_SUPPORT, { input: { supportId: id, ...input }, k: key() }, as);
    const unproven = await step({ action: 'DELIVER', on: '2026-03-05' });
    expect(unproven.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registryAttestation' });
    const delivered = await step({
      action: 'DELIVER',
      on: '2026-03-05',
      registryAttestation: await said(NEAR_POOR, '2026-03-05'),
    });
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data?.advanceProductionSupport).toMatchObject({
      status: 'DELIVERED',
      deliveredOn: '2026-03-05',
      categoryOnDelivery: 'NEAR_POOR',
    });
    const verified = await step({ action: 'VERIFY', on: '2026-04-10' });
    expect(verified.data?.advanceProductionSupport).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-04-10' });
    const cancel = await step({ action: 'CANCEL', on: '2026-04-11', reason: 'nhầm hộ' });
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.action' });
    // Another commune's officer cannot tell this support exists.
    const probe = await step({ action: 'CANCEL', on: '2026-04-11', reason: 'x' }, AGRICULTURE_03163);
    expect(probe.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.supportId' });
  });

  it("keeps the writes to agriculture's officers, with the support-delivery purpose, in their scope", async () => {
    const input = supportInput(POOR, await said(POOR));
    expect(codes(await record(input, LABOR_OFFICER))).toEqual(['FORBIDDEN']);
    expect(codes(await record(input, { principal: AGRICULTURE_OFFICER.principal, purpose: 'review' }))).toEqual([
      'PURPOSE_REQUIRED',
    ]);
    const outside = await record(input, AGRICULTURE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.householdId' });
    expect(codes(await record(input, ANALYST))).toEqual(['FORBIDDEN']);
  });

  it("totals a commune's delivered supports by kind, for analysts too", async () => {
    const summary = await a.run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit {
         productionSupportSummary(programYear: 2025) { project subProject kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03160' }] },
      ANALYST,
    );
    expect(summary.errors).toBeUndefined();
    expect((summary.data?._entities as Array<{ productionSupportSummary: unknown[] }>)[0]!.productionSupportSummary).toEqual([
      {
        project: 3,
        subProject: 1,
        kind: 'BREEDING_ANIMALS',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 30_000_000,
        householdsDeprivedOnAddressed: 1,
      },
      {
        project: 3,
        subProject: 1,
        kind: 'FERTILISER',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 2_000_000,
        householdsDeprivedOnAddressed: 0,
      },
      {
        project: 3,
        subProject: 2,
        kind: 'NUTRITION_PACKAGE',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 1_500_000,
        householdsDeprivedOnAddressed: 1,
      },
      {
        project: 3,
        subProject: 1,
        kind: 'SEEDS',
        supportCount: 1,
        householdsSupported: 1,
        totalValue: 30_000_000,
        householdsDeprivedOnAddressed: 0,
      },
    ]);
  });
});

describe('Project 3 budget lines', () => {
  const SAVE = `mutation($input: BudgetLineInput!, $k: String!) { saveAgricultureBudgetLine(input: $input, idempotencyKey: $k) {
    id agency unitCode project subProject projectName allocated disbursed undisbursed disbursementRate overAllocated } }`;
  const DISBURSE = `mutation($input: DisbursementInput!, $k: String!) { recordAgricultureDisbursement(input: $input, idempotencyKey: $k) {
    id disbursed undisbursed disbursementRate overAllocated disbursements { amount disbursedOn reference overAllocationReason } } }`;
  const line = (overrides: Record<string, unknown> = {}) => ({
    unitCode: '03160',
    provinceCode: '11',
    year: 2025,
    project: 3,
    subProject: 1,
    fundingSource: 'CENTRAL_BUDGET',
    planned: 900_000_000,
    allocated: 800_000_000,
    deadline: '2025-09-30',
    ...overrides,
  });
  let lineId: string;
  const pay = (amount: number, extra: Record<string, unknown> = {}, as: TestIdentity = AGRICULTURE_OFFICER) =>
    a.run(
      DISBURSE,
      { input: { budgetLineId: lineId, amount, disbursedOn: '2025-05-05', reference: 'KB-0001', ...extra }, k: key() },
      as,
    );

  it("saves a commune's Project 3 line, and only Project 3's, as an agriculture officer in scope", async () => {
    const saved = await a.run(SAVE, { input: line(), k: key() }, AGRICULTURE_OFFICER);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveAgricultureBudgetLine).toMatchObject({
      agency: 'agriculture',
      unitCode: '03160',
      project: 3,
      subProject: 1,
      projectName: 'Production support and nutrition',
      allocated: 800_000_000,
      disbursed: 0,
    });
    lineId = (saved.data?.saveAgricultureBudgetLine as { id: string }).id;
    const otherProject = await a.run(SAVE, { input: line({ project: 4, subProject: null }), k: key() }, AGRICULTURE_OFFICER);
    expect(otherProject.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.project' });
    expect(codes(await a.run(SAVE, { input: line(), k: key() }, LABOR_OFFICER))).toEqual(['FORBIDDEN']);
    const outside = await a.run(SAVE, { input: line(), k: key() }, AGRICULTURE_03163);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.unitCode' });
  });

  it('disburses within the allocation, refuses beyond it, and lets an audited override through', async () => {
    const within = await pay(800_000_000);
    expect(within.data?.recordAgricultureDisbursement).toMatchObject({
      disbursed: 800_000_000,
      undisbursed: 0,
      disbursementRate: 1,
    });
    const over = await pay(1);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(over.errors?.[0]?.message).toMatch(/headroom 0.*overAllocationReason/);
    const overridden = await pay(20_000_000, { overAllocationReason: 'Quyết định bổ sung 15/QĐ-UBND, chờ điều chỉnh dự toán' });
    expect(overridden.errors).toBeUndefined();
    expect(overridden.data?.recordAgricultureDisbursement).toMatchObject({ disbursed: 820_000_000, overAllocated: true });
    const [audit] = await a.q(`SELECT entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({
      entity_type: 'BudgetLine',
      entity_ids: [lineId],
      fields: ['write Disbursement', 'write Disbursement.overAllocationReason (override)'],
    });
    const elsewhere = await pay(1_000, {}, AGRICULTURE_03163);
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.budgetLineId' });
  });

  it("rolls the commune's line up into its province for analysts, and lists late lines", async () => {
    await a.run(
      SAVE,
      { input: line({ subProject: 2, allocated: 100_000_000, planned: 100_000_000 }), k: key() },
      AGRICULTURE_OFFICER,
    );
    const totals = await a.run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { code
         agricultureBudgetTotals(year: 2025) { project lineCount allocated disbursed lateLineCount lateUndisbursed }
         agricultureBudgetLines(year: 2025, includeCommunes: true) { unitCode subProject } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '11' }] },
      ANALYST,
    );
    expect(totals.errors).toBeUndefined();
    expect(totals.data?._entities).toEqual([
      {
        code: '11',
        agricultureBudgetTotals: [
          {
            project: 3,
            lineCount: 2,
            allocated: 900_000_000,
            disbursed: 820_000_000,
            lateLineCount: 1,
            lateUndisbursed: 100_000_000,
          },
        ],
        agricultureBudgetLines: [
          { unitCode: '03160', subProject: 1 },
          { unitCode: '03160', subProject: 2 },
        ],
      },
    ]);
    const late = await a.run(`{ agricultureLateBudgetLines(unitCode: "11", asOf: "2025-10-01") { subProject undisbursed } }`);
    expect(late.data?.agricultureLateBudgetLines).toEqual([{ subProject: 2, undisbursed: 100_000_000 }]);
  });
});
