import { randomUUID } from 'node:crypto';
import type { FederatedSchema } from '@gnbv/kit';
import {
  captureStatements,
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE as BANK_SERVICE,
  testPrincipal,
  testRegistryKeys,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { cultureInformationDataSource } from './data-source';
import { buildCultureInformationSchema } from './schema';

/*
 * The culture-information subgraph as the gateway sees it: its SDL, what each kind of reader may
 * read (officers of any agency, analysts, the bank's service), row scope, and what a read costs.
 * Writes are tested in projects/projects.test.ts and communication-product/communication-product.test.ts.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const H1 = uuid(1); //          03160: a phone (deprived on 11) and a TV (not deprived on 12)
const H2 = uuid(2); //          03163: internet access above the 32-bit Int maximum
const NO_SUPPORT = uuid(99);
const MANY = Array.from({ length: 50 }, (_, i) => uuid(1000 + i)); // 03160, one radio each

let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

/** An agriculture officer of commune 03160 only: another agency's officer, reading Project 6 records. */
const AGRICULTURE_03160: TestIdentity = {
  principal: testPrincipal({ subject: 'agri-03160', agency: 'agriculture', scope: ['03160'] }),
};
/** A culture-information officer of another commune (03163), writing for support delivery. */
const CULTURE_03163: TestIdentity = {
  principal: testPrincipal({ subject: 'vhxh-03163', agency: 'culture-information', scope: ['03163'] }),
  purpose: 'support-delivery',
};
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

const entities = (result: { data?: Record<string, unknown> | null }) => result.data?._entities as Array<Record<string, unknown>>;
const households = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Household', id })) });
const units = (codes: string[]) => ({ r: codes.map((code) => ({ __typename: 'AdminUnit', code })) });

beforeAll(async () => {
  db = await startTestDatabase(cultureInformationDataSource);
  // Load and build the other agencies in this process first, as composition does: their
  // Household/AdminUnit fields (labor's own supports among them) must not end up in this schema.
  for (const [pkg, build] of [
    ['@gnbv/labor', 'buildLaborSchema'],
    ['@gnbv/social-policy-bank', 'buildSocialPolicyBankSchema'],
  ] as const) {
    await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>(pkg)[build]!();
  }
  const built = await buildCultureInformationSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);
  const support = `INSERT INTO support (household_id, commune_code, province_code, project, sub_project, kind, description, quantity,
      unit, value, status, planned_on, delivered_on, delivering_office, program_year, category_on_delivery, deprived_on_delivery, recorded_by)`;
  await q(
    `${support} VALUES
     ($1, '03160', '11', 6, 1, 'PHONE', 'Điện thoại thông minh', 1, 'chiếc', 2500000, 'DELIVERED', '2025-04-02', '2025-04-02', 'Phòng VH-XH', 2025, 'POOR', '{4,11}', 'seed'),
     ($1, '03160', '11', 6, 1, 'TELEVISION', 'Ti vi 32 inch', 1, 'chiếc', 4000000, 'DELIVERED', '2025-02-14', '2025-02-14', 'Phòng VH-XH', 2025, 'POOR', '{4,7}', 'seed'),
     ($2, '03163', '11', 6, 1, 'INTERNET_ACCESS', 'Cáp quang cả xã', 12, 'tháng', 3000000001, 'DELIVERED', '2025-06-01', '2025-06-01', 'Phòng VH-XH', 2025, 'NEAR_POOR', '{11}', 'seed')`,
    [H1, H2],
  );
  await q(
    `${support} SELECT h, '03160', '11', 6, 1, 'RADIO', 'Đài FM', 1, 'chiếc', 600000, 'DELIVERED', '2025-03-01', '2025-03-01', 'Phòng VH-XH',
       2025, 'POOR', '{12}', 'seed' FROM unnest($1::uuid[]) AS h`,
    [MANY],
  );
  await q(`INSERT INTO communication_product (commune_code, province_code, kind, sub_project, program_year, title, published_on,
             audience_reach, households_reached, producing_office, recorded_by) VALUES
           ('03160', '11', 'LEAFLET', 2, 2025, 'Tờ rơi vay vốn ưu đãi', '2025-01-15', 300, 300, 'Phòng VH-XH', 'seed'),
           ('03160', '11', 'BROADCAST', 2, 2025, 'Bản tin giảm nghèo tháng 5', '2025-05-05', 1200, 375, 'Đài truyền thanh xã', 'seed'),
           ('03163', '11', 'STAGED_PERFORMANCE', 2, 2025, 'Văn nghệ tuyên truyền', '2025-03-20', 450, NULL, 'Đội thông tin lưu động', 'seed'),
           ('01234', '12', 'PUBLIC_INFORMATION_POINT', 1, 2025, 'Điểm thông tin công cộng', '2025-07-01', 80, 20, 'Phòng VH-XH', 'seed')`);
  await q(`INSERT INTO budget_line (unit_code, province_code, year, project, sub_project, funding_source, planned, allocated, deadline, recorded_by)
           VALUES ('03160', '11', 2025, 6, 2, 'CENTRAL_BUDGET', 300000000, 250000000, '2025-09-30', 'seed'),
                  ('03163', '11', 2025, 6, 1, 'LOCAL_BUDGET', 80000000, 80000000, '2025-12-31', 'seed')`);
});
afterAll(() => db?.stop());

describe('culture-information schema', () => {
  it("declares Household and AdminUnit as federation entities carrying only culture-information's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    const household = /type Household @key\(fields: "id"\) \{([\s\S]*?\n)\}/.exec(sdl)?.[1] ?? '';
    expect(household).toMatch(/informationSupports: \[Support!\]\n/);
    // Field names only (descriptions left out): the key and this agency's supports, nothing of labor's.
    expect([...household.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1])).toEqual(['id', 'informationSupports']);
    const adminUnit = /type AdminUnit @key\(fields: "code"\) \{([\s\S]*?\n)\}/.exec(sdl)?.[1] ?? '';
    expect(adminUnit).toMatch(/communicationProducts\([\s\S]*?\): CommunicationProductConnection\n/);
    expect(adminUnit).toContain('communicationSummary(programYear: Int): [CommunicationSummary!]\n');
    expect(adminUnit).toMatch(/informationSupports\([\s\S]*?\): SupportConnection\n/);
    expect(adminUnit).toContain('informationSupportSummary(programYear: Int): [SupportSummary!]\n');
    expect(adminUnit).toContain('cultureInformationBudgetLines(includeCommunes: Boolean! = false, year: Int!): [BudgetLine!]\n');
    expect(adminUnit).toContain('cultureInformationBudgetTotals(year: Int!): [BudgetProjectTotal!]\n');
    expect(sdl).toMatch(/communicationProducts\([\s\S]*?adminUnitCode: String!\n\s*\): CommunicationProductConnection!\n/);
    expect(sdl).toContain('cultureInformationLateBudgetLines(asOf: Date, unitCode: String!): [BudgetLine!]!');
    for (const mutation of [
      'recordCommunicationProduct',
      'recordInformationSupport',
      'advanceInformationSupport',
      'saveCultureInformationBudgetLine',
      'recordCultureInformationDisbursement',
    ])
      expect(sdl).toMatch(new RegExp(`\\n  ${mutation}\\(`));
    expect(sdl).toMatch(
      /type CommunicationProduct \{[^}]*subProject: Int!\n[^}]*programYear: Int![^}]*householdsReached: Int\n[^}]*producingOffice: String!\n/,
    );
    // The old per-agency shape is gone: one Support type, shared with every agency.
    expect(sdl).not.toMatch(/(type|enum) InformationSupport|InformationSupportKind/);
    for (const foreign of ['laborSupports', 'laborBudget', 'loans', 'lendingSummary', 'savingsGroups', 'productionSupports'])
      expect(sdl).not.toContain(foreign);
  });

  it("resolves a Household representation to the household's information supports, oldest first", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id informationSupports { agency project subProject communeCode kind value deliveredOn addressesIndicators household { id } } } } }`,
      households([H1, NO_SUPPORT, H2]),
    );
    expect(result.errors).toBeUndefined();
    const common = { agency: 'culture-information', project: 6, subProject: 1 };
    expect(entities(result)).toEqual([
      {
        id: H1,
        informationSupports: [
          {
            ...common,
            communeCode: '03160',
            kind: 'TELEVISION',
            value: 4_000_000,
            deliveredOn: '2025-02-14',
            addressesIndicators: [12],
            household: { id: H1 },
          },
          {
            ...common,
            communeCode: '03160',
            kind: 'PHONE',
            value: 2_500_000,
            deliveredOn: '2025-04-02',
            addressesIndicators: [11, 12],
            household: { id: H1 },
          },
        ],
      },
      { id: NO_SUPPORT, informationSupports: [] },
      {
        id: H2,
        // Above 2,147,483,647: must come back exact, not as a string or an Int overflow.
        informationSupports: [
          {
            ...common,
            communeCode: '03163',
            kind: 'INTERNET_ACCESS',
            value: 3_000_000_001,
            deliveredOn: '2025-06-01',
            addressesIndicators: [11],
            household: { id: H2 },
          },
        ],
      },
    ]);
  });

  it('refuses a malformed administrative unit code naming the argument, before any SQL', async () => {
    for (const bad of ["03160' OR '1'='1", '031', '111', '0316A']) {
      const { result, statements } = await captureStatements(db.dataSource, () =>
        run(`query($c: String!) { communicationProducts(adminUnitCode: $c) { totalCount } }`, { c: bad }),
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'adminUnitCode' });
      expect(result.data).toBeNull();
      expect(statements).toEqual([]);
    }
  });
});

describe('culture-information permissions and row scope', () => {
  it("another agency's commune officer sees only their commune's supports and products, in lists, nested fields and _entities", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id informationSupports { communeCode kind } }
         ... on AdminUnit { code supports: informationSupports(first: 100) { totalCount nodes { communeCode } }
                            communicationProducts { totalCount nodes { communeCode title } }
                            communicationSummary { kind productCount } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: H2 },
          { __typename: 'AdminUnit', code: '11' },
        ],
      },
      AGRICULTURE_03160,
    );
    expect(result.errors).toBeUndefined();
    const [h1, h2, province] = entities(result);
    expect(h1).toEqual({
      id: H1,
      informationSupports: [
        { communeCode: '03160', kind: 'TELEVISION' },
        { communeCode: '03160', kind: 'PHONE' },
      ],
    });
    // H2's internet access was given in 03163: outside the scope, as if there were none.
    expect(h2).toEqual({ id: H2, informationSupports: [] });
    // A province is not refused (it holds the scoped commune): its lists are filtered to it.
    expect(province).toMatchObject({
      code: '11',
      supports: { totalCount: 52 },
      communicationProducts: {
        totalCount: 2,
        nodes: [
          { communeCode: '03160', title: 'Bản tin giảm nghèo tháng 5' },
          { communeCode: '03160', title: 'Tờ rơi vay vốn ưu đãi' },
        ],
      },
      communicationSummary: [
        { kind: 'BROADCAST', productCount: 1 },
        { kind: 'LEAFLET', productCount: 1 },
      ],
    });
    const supports = (province as { supports: { nodes: Array<{ communeCode: string }> } }).supports.nodes;
    expect(new Set(supports.map((s) => s.communeCode))).toEqual(new Set(['03160']));
    const root = await run(`{ communicationProducts(adminUnitCode: "11") { nodes { title } } }`, undefined, AGRICULTURE_03160);
    expect(root.errors).toBeUndefined();
    expect(root.data?.communicationProducts).toEqual({
      nodes: [{ title: 'Bản tin giảm nghèo tháng 5' }, { title: 'Tờ rơi vay vốn ưu đãi' }],
    });
  });

  it("a commune officer is refused another commune's unit fields with FORBIDDEN naming the argument, the rest of the answer kept", async () => {
    const root = await run(`{ communicationProducts(adminUnitCode: "03160") { totalCount } }`, undefined, CULTURE_03163);
    expect(root.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'adminUnitCode' });
    expect(root.data).toBeNull();
    const nested = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { code
         communicationProducts { totalCount } communicationSummary { kind } informationSupports { totalCount }
         informationSupportSummary { kind } cultureInformationBudgetLines(year: 2025) { unitCode } } } }`,
      units(['03160', '03163']),
      CULTURE_03163,
    );
    expect(codes(nested)).toEqual(Array(5).fill('FORBIDDEN'));
    expect(nested.errors?.map((e) => e.extensions?.field)).toEqual(Array(5).fill('code'));
    const [other, own] = entities(nested);
    expect(other).toEqual({
      code: '03160',
      communicationProducts: null,
      communicationSummary: null,
      informationSupports: null,
      informationSupportSummary: null,
      cultureInformationBudgetLines: null,
    });
    expect(own).toMatchObject({
      code: '03163',
      communicationProducts: { totalCount: 1 },
      informationSupports: { totalCount: 1 },
    });
    const late = await run(
      `{ cultureInformationLateBudgetLines(unitCode: "03160", asOf: "2025-10-01") { id } }`,
      undefined,
      CULTURE_03163,
    );
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'unitCode' });
  });

  it("a commune officer's writes for another commune are FORBIDDEN and write nothing", async () => {
    const before =
      await q(`SELECT (SELECT count(*) FROM support)::int AS s, (SELECT count(*) FROM communication_product)::int AS p,
                                   (SELECT count(*) FROM disbursement)::int AS d`);
    const product = await run(
      `mutation($input: CommunicationProductInput!, $k: String!) { recordCommunicationProduct(input: $input, idempotencyKey: $k) { id } }`,
      {
        input: {
          communeCode: '03160',
          provinceCode: '11',
          kind: 'LEAFLET',
          title: 'Tờ rơi',
          publishedOn: '2025-06-01',
          audienceReach: 10,
          producingOffice: 'Phòng VH-XH',
          programYear: 2025,
        },
        k: randomUUID(),
      },
      CULTURE_03163,
    );
    expect(product.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.communeCode' });
    const { token } = await testRegistryKeys()
      .signer()
      .sign({
        householdId: H1,
        on: '2025-06-01',
        category: 'POOR',
        communeCode: '03160',
        provinceCode: '11',
        childrenUnder16: [],
        deprivedIndicators: [11],
      });
    const support = await run(
      `mutation($input: SupportInput!, $k: String!) { recordInformationSupport(input: $input, idempotencyKey: $k) { id } }`,
      {
        input: {
          householdId: H1,
          registryAttestation: token,
          kind: 'PHONE',
          description: 'Điện thoại',
          quantity: 1,
          value: 2_000_000,
          on: '2025-06-01',
          deliveringOffice: 'Phòng VH-XH',
          programYear: 2025,
        },
        k: randomUUID(),
      },
      CULTURE_03163,
    );
    expect(support.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.householdId' });
    const [line] = await q(`SELECT id FROM budget_line WHERE unit_code = '03160'`);
    const disbursement = await run(
      `mutation($input: DisbursementInput!, $k: String!) { recordCultureInformationDisbursement(input: $input, idempotencyKey: $k) { id } }`,
      { input: { budgetLineId: line.id, amount: 1_000_000, disbursedOn: '2025-06-01', reference: 'KB-1' }, k: randomUUID() },
      CULTURE_03163,
    );
    expect(disbursement.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.budgetLineId' });
    expect(
      await q(`SELECT (SELECT count(*) FROM support)::int AS s, (SELECT count(*) FROM communication_product)::int AS p,
                      (SELECT count(*) FROM disbursement)::int AS d`),
    ).toEqual(before);
  });

  it('only culture-information officers write; other agencies and analysts are refused by the permission table', async () => {
    const save = `mutation($input: BudgetLineInput!, $k: String!) { saveCultureInformationBudgetLine(input: $input, idempotencyKey: $k) { id } }`;
    const input = {
      unitCode: '03160',
      provinceCode: '11',
      year: 2025,
      project: 6,
      fundingSource: 'OTHER',
      planned: 1,
      allocated: 1,
      deadline: '2025-12-31',
    };
    for (const who of [AGRICULTURE_03160, ANALYST, BANK_SERVICE, {}]) {
      const result = await run(save, { input, k: randomUUID() }, who);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: 'Mutation.saveCultureInformationBudgetLine',
      });
    }
  });

  it('an analyst reads the aggregates (summaries, budget) but no list of supports or products', async () => {
    const aggregates = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit {
         communicationSummary(programYear: 2025) { kind subProject productCount audienceReached householdsReached productsReportingHouseholds }
         informationSupportSummary(programYear: 2025) { kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed }
         cultureInformationBudgetTotals(year: 2025) { project allocated }
         cultureInformationBudgetLines(year: 2025, includeCommunes: true) { unitCode allocated } } } }`,
      units(['11']),
      ANALYST,
    );
    expect(aggregates.errors).toBeUndefined();
    expect(entities(aggregates)[0]).toEqual({
      communicationSummary: [
        {
          kind: 'BROADCAST',
          subProject: 2,
          productCount: 1,
          audienceReached: 1200,
          householdsReached: 375,
          productsReportingHouseholds: 1,
        },
        {
          kind: 'LEAFLET',
          subProject: 2,
          productCount: 1,
          audienceReached: 300,
          householdsReached: 300,
          productsReportingHouseholds: 1,
        },
        {
          kind: 'STAGED_PERFORMANCE',
          subProject: 2,
          productCount: 1,
          audienceReached: 450,
          householdsReached: 0,
          productsReportingHouseholds: 0,
        },
      ],
      informationSupportSummary: [
        {
          kind: 'INTERNET_ACCESS',
          supportCount: 1,
          householdsSupported: 1,
          totalValue: 3_000_000_001,
          householdsDeprivedOnAddressed: 1,
        },
        { kind: 'PHONE', supportCount: 1, householdsSupported: 1, totalValue: 2_500_000, householdsDeprivedOnAddressed: 1 },
        { kind: 'RADIO', supportCount: 50, householdsSupported: 50, totalValue: 30_000_000, householdsDeprivedOnAddressed: 50 },
        // H1's TV: H1 was deprived on 4 and 7, not on 12 (devices), which a TV addresses.
        { kind: 'TELEVISION', supportCount: 1, householdsSupported: 1, totalValue: 4_000_000, householdsDeprivedOnAddressed: 0 },
      ],
      cultureInformationBudgetTotals: [{ project: 6, allocated: 330_000_000 }],
      // By project, then sub-project: 03163's line is 6.1, 03160's 6.2.
      cultureInformationBudgetLines: [
        { unitCode: '03163', allocated: 80_000_000 },
        { unitCode: '03160', allocated: 250_000_000 },
      ],
    });
    const lists = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on AdminUnit { communicationProducts { totalCount } page: informationSupports { totalCount } }
         ... on Household { informationSupports { kind } } } }`,
      {
        r: [
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'Household', id: H1 },
        ],
      },
      ANALYST,
    );
    expect(lists.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['FORBIDDEN', 'AdminUnit.communicationProducts'],
      ['FORBIDDEN', 'AdminUnit.informationSupports'],
      ['FORBIDDEN', 'Household.informationSupports'],
    ]);
    expect(codes(await run(`{ communicationProducts(adminUnitCode: "11") { totalCount } }`, undefined, ANALYST))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it("the bank's eligibility service reads the entity keys here, nothing else", async () => {
    const keys = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id } ... on AdminUnit { code } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'AdminUnit', code: '03160' },
        ],
      },
      BANK_SERVICE,
    );
    expect(keys.errors).toBeUndefined();
    expect(entities(keys)).toEqual([{ id: H1 }, { code: '03160' }]);
    for (const field of [
      '... on Household { informationSupports { kind } }',
      '... on AdminUnit { informationSupportSummary { kind } }',
      '... on AdminUnit { communicationSummary { kind } }',
      '... on AdminUnit { cultureInformationBudgetTotals(year: 2025) { project } }',
    ]) {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ${field} } }`,
        {
          r: [
            { __typename: 'Household', id: H1 },
            { __typename: 'AdminUnit', code: '03160' },
          ],
        },
        BANK_SERVICE,
      );
      expect({ field, codes: codes(result) }).toEqual({ field, codes: ['FORBIDDEN'] });
    }
    expect(codes(await run(`{ communicationProducts(adminUnitCode: "03160") { totalCount } }`, undefined, BANK_SERVICE))).toEqual(
      ['FORBIDDEN'],
    );
  });

  it("a support's category and deprivation on delivery are personal: a declared purpose, noted for the audit trail; the rest is not", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { informationSupports { kind reachedDeprivation categoryOnDelivery } } } }`;
    const withPurpose = await run.withContext(query, households([H1]), { purpose: 'support-delivery' });
    expect(withPurpose.result.errors).toBeUndefined();
    expect(entities(withPurpose.result)).toEqual([
      {
        informationSupports: [
          { kind: 'TELEVISION', reachedDeprivation: false, categoryOnDelivery: 'POOR' },
          { kind: 'PHONE', reachedDeprivation: true, categoryOnDelivery: 'POOR' },
        ],
      },
    ]);
    expect(withPurpose.context.audit.drain()).toEqual([
      {
        entityType: 'Household',
        entityIds: [H1],
        fields: ['Support.categoryOnDelivery', 'Support.reachedDeprivation'],
        decision: 'allowed',
      },
    ]);
    expect(codes(await run(query, households([H1]), { purpose: undefined }))).toContain('PURPOSE_REQUIRED');
    const plain = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { informationSupports { kind value } } } }`,
      households([H1]),
      { purpose: undefined },
    );
    expect(plain.result.errors).toBeUndefined();
    expect(plain.context.audit.isEmpty).toBe(true);
  });
});

describe('what a read costs', () => {
  /** The statements one request sends. */
  const statementsOf = async (source: string, variables: Record<string, unknown>) => {
    const { result, statements } = await captureStatements(db.dataSource, () =>
      run(source, variables, { purpose: 'statistics' }),
    );
    expect(result.errors).toBeUndefined();
    return statements;
  };

  it('a page of 50 households with their information supports costs the same statements as a page of 5: one', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id informationSupports { kind household { id } } } } }`;
    const five = await statementsOf(query, households(MANY.slice(0, 5)));
    const fifty = await statementsOf(query, households(MANY));
    expect(five).toHaveLength(1);
    expect(fifty).toHaveLength(five.length);
  });

  it("50 units' supports, products, summaries and budget cost the same statements as 5: one per relation", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { code
      informationSupports(first: 3) { totalCount nodes { kind } }
      informationSupportSummary { kind supportCount }
      communicationProducts(first: 3) { totalCount nodes { title } }
      communicationSummary { kind productCount }
      cultureInformationBudgetLines(year: 2025) { unitCode disbursements { amount } }
      cultureInformationBudgetTotals(year: 2025) { project } } } }`;
    const codesOf = (n: number) => ['11', '03160', '03163', ...Array.from({ length: n - 3 }, (_, i) => String(20000 + i))];
    const five = await statementsOf(query, units(codesOf(5)));
    const fifty = await statementsOf(query, units(codesOf(50)));
    // Supports: a page and its count; products: a page with its count; the two summaries; budget lines,
    // their disbursements and the totals.
    expect(five).toHaveLength(8);
    expect(fifty).toHaveLength(five.length);
  });
});
