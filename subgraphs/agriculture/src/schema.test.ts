import type { FederatedSchema } from '@gnbv/kit';
import {
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST as ANALYST,
  TEST_BANK_SERVICE as BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { agricultureDataSource } from './data-source';
import { ProductionSupport } from './production-support/production-support.entity';
import { buildAgricultureSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const H3 = '33333333-3333-4333-8333-333333333333';
const NO_SUPPORT = '99999999-9999-4999-8999-999999999999';
let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;

/** A labor officer of commune 03160 only: another agency's officer, reading agriculture's supports. */
const COMMUNE_OFFICER = { principal: testPrincipal({ subject: 'commune-officer', scope: ['03160'] }) };

beforeAll(async () => {
  db = await startTestDatabase(agricultureDataSource);
  // Load and build the other agencies in this process first, as composition does: their
  // Household/AdminUnit field resolvers must not end up in agriculture's schema.
  for (const [pkg, build] of [
    ['@gnbv/culture-information', 'buildCultureInformationSchema'],
    ['@gnbv/social-policy-bank', 'buildSocialPolicyBankSchema'],
  ] as const) {
    await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>(pkg)[build]!();
  }
  const built = await buildAgricultureSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);
  const base = { provinceCode: '11', subProject: 'PRODUCTION' as never, programYear: 2025 };
  await db.dataSource.getRepository(ProductionSupport).insert([
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      kind: 'BREEDING_ANIMALS' as never,
      description: 'Bò cái sinh sản',
      quantity: 2,
      unit: 'con',
      value: 30_000_000,
      deliveredOn: '2025-03-10',
    },
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      subProject: 'NUTRITION' as never,
      kind: 'NUTRITION_PACKAGE' as never,
      description: 'Gói dinh dưỡng trẻ em',
      quantity: 1,
      unit: 'gói',
      value: 1_500_000,
      deliveredOn: '2025-05-20',
    },
    {
      ...base,
      householdId: H2,
      communeCode: '03160',
      kind: 'SEEDS' as never,
      description: 'Giống lúa',
      quantity: 40,
      unit: 'kg',
      value: 2_000_000,
      deliveredOn: '2025-04-01',
    },
    {
      // A production model for a whole cooperative: above the 32-bit Int maximum on its own.
      ...base,
      householdId: H3,
      communeCode: '03163',
      kind: 'PRODUCTION_MODEL' as never,
      description: 'Mô hình trồng cà phê',
      quantity: 1,
      unit: 'mô hình',
      value: 2_500_000_000,
      deliveredOn: '2025-06-15',
    },
  ]);
});
afterAll(() => db?.stop());

describe('agriculture schema', () => {
  it("declares Household and AdminUnit as federation entities carrying only agriculture's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    expect(sdl).toMatch(/type Household @key\(fields: "id"\) \{[^}]*productionSupports: \[ProductionSupport!\]\n/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*productionSupportSummary: ProductionSupportSummary\n/);
    for (const foreign of ['loans', 'lendingSummary', 'savingsGroups', 'informationSupports', 'communicationProducts']) {
      expect(sdl).not.toContain(foreign);
    }
  });

  it("resolves a Household representation to the household's supports, oldest first", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id productionSupports { communeCode subProject kind description quantity unit value deliveredOn programYear household { id } } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: NO_SUPPORT },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        productionSupports: [
          {
            communeCode: '03160',
            subProject: 'PRODUCTION',
            kind: 'BREEDING_ANIMALS',
            description: 'Bò cái sinh sản',
            quantity: 2,
            unit: 'con',
            value: 30_000_000,
            deliveredOn: '2025-03-10',
            programYear: 2025,
            household: { id: H1 },
          },
          {
            communeCode: '03160',
            subProject: 'NUTRITION',
            kind: 'NUTRITION_PACKAGE',
            description: 'Gói dinh dưỡng trẻ em',
            quantity: 1,
            unit: 'gói',
            value: 1_500_000,
            deliveredOn: '2025-05-20',
            programYear: 2025,
            household: { id: H1 },
          },
        ],
      },
      { id: NO_SUPPORT, productionSupports: [] },
    ]);
  });

  it('summarises supports over a commune and over its province, exact above the 32-bit Int range', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on AdminUnit { code productionSupportSummary { supportCount householdsSupported totalValue } } } }`,
      {
        r: [
          { __typename: 'AdminUnit', code: '03160' },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'AdminUnit', code: '03163' },
          { __typename: 'AdminUnit', code: '12' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { code: '03160', productionSupportSummary: { supportCount: 3, householdsSupported: 2, totalValue: 33_500_000 } },
      { code: '11', productionSupportSummary: { supportCount: 4, householdsSupported: 3, totalValue: 2_533_500_000 } },
      { code: '03163', productionSupportSummary: { supportCount: 1, householdsSupported: 1, totalValue: 2_500_000_000 } },
      { code: '12', productionSupportSummary: { supportCount: 0, householdsSupported: 0, totalValue: 0 } },
    ]);
  });

  it('pages the supports of a commune newest first with a total count', async () => {
    const first = await run(
      `{ productionSupports(communeCode: "03160", first: 2) { totalCount nodes { deliveredOn value } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.errors).toBeUndefined();
    const page1 = first.data?.productionSupports as {
      totalCount: number;
      nodes: { deliveredOn: string; value: number }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page1).toMatchObject({
      totalCount: 3,
      nodes: [
        { deliveredOn: '2025-05-20', value: 1_500_000 },
        { deliveredOn: '2025-04-01', value: 2_000_000 },
      ],
      pageInfo: { hasNextPage: true },
    });
    const second = await run(
      `query($a: String) { productionSupports(communeCode: "03160", first: 2, after: $a) { totalCount nodes { deliveredOn } pageInfo { hasNextPage } } }`,
      { a: page1.pageInfo.endCursor },
    );
    expect(second.errors).toBeUndefined();
    expect(second.data?.productionSupports).toEqual({
      totalCount: 3,
      nodes: [{ deliveredOn: '2025-03-10' }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('refuses a malformed commune code or cursor naming the argument, before any SQL', async () => {
    const byCommune = await run(`{ productionSupports(communeCode: "03160' OR '1'='1") { totalCount } }`);
    expect(byCommune.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeCode' });
    expect(byCommune.data).toBeNull();
    const byCursor = await run(`{ productionSupports(communeCode: "03160", after: "forged") { totalCount } }`);
    expect(byCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('agriculture permissions and row scope', () => {
  it("a commune officer sees only their commune's supports, in lists, nested fields and _entities", async () => {
    const list = await run(
      `{ productionSupports(communeCode: "03160") { totalCount nodes { communeCode } } }`,
      undefined,
      COMMUNE_OFFICER,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.productionSupports).toMatchObject({ totalCount: 3 });
    const entities = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id productionSupports { communeCode household { id } } }
         ... on AdminUnit { code productionSupportSummary { supportCount householdsSupported totalValue } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: H3 },
          { __typename: 'AdminUnit', code: '11' },
        ],
      },
      COMMUNE_OFFICER,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities).toEqual([
      {
        id: H1,
        productionSupports: [
          { communeCode: '03160', household: { id: H1 } },
          { communeCode: '03160', household: { id: H1 } },
        ],
      },
      // H3's support was delivered in 03163: outside the scope, as if there were none.
      { id: H3, productionSupports: [] },
      // The province total counts only the scoped commune (nationally: 4 supports, 2,533,500,000).
      { code: '11', productionSupportSummary: { supportCount: 3, householdsSupported: 2, totalValue: 33_500_000 } },
    ]);
  });

  it("a commune officer is refused another commune's list and summary, naming the argument", async () => {
    const list = await run(`{ productionSupports(communeCode: "03163") { totalCount } }`, undefined, COMMUNE_OFFICER);
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    expect(list.data).toBeNull();
    const summary = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { productionSupportSummary { supportCount } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03163' }] },
      COMMUNE_OFFICER,
    );
    expect(summary.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
    // Refused fields are nullable: the refusal nulls the field, not the unit.
    expect(summary.data?._entities).toEqual([{ productionSupportSummary: null }]);
  });

  it("a province officer's list of a commune elsewhere is empty, and another province's summary refused", async () => {
    const province12 = { principal: testPrincipal({ scope: ['12'] }) };
    // The province of 03160 is not known from its code alone: filtered, not refused.
    const list = await run(`{ productionSupports(communeCode: "03160") { totalCount nodes { id } } }`, undefined, province12);
    expect(list.errors).toBeUndefined();
    expect(list.data?.productionSupports).toEqual({ totalCount: 0, nodes: [] });
    const summary = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { productionSupportSummary { supportCount } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '11' }] },
      province12,
    );
    expect(summary.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
  });

  it("an analyst reads the summaries but no household's supports", async () => {
    const summary = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { code productionSupportSummary { supportCount } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03160' }] },
      ANALYST,
    );
    expect(summary.errors).toBeUndefined();
    expect(summary.data?._entities).toEqual([{ code: '03160', productionSupportSummary: { supportCount: 3 } }]);
    const perHousehold = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id productionSupports { value } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      ANALYST,
    );
    expect(perHousehold.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.productionSupports' });
    const list = await run(`{ productionSupports(communeCode: "03160") { totalCount } }`, undefined, ANALYST);
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.productionSupports' });
  });

  it("the bank's eligibility service reads a household's key here, not its supports", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id productionSupports { value } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      BANK_SERVICE,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.productionSupports' });
    const key = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      BANK_SERVICE,
    );
    expect(key.errors).toBeUndefined();
    expect(key.data?._entities).toEqual([{ id: H1 }]);
  });

  it('supports are not personal data: read without a declared purpose, and nothing is noted for the audit trail', async () => {
    const { result, context } = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { productionSupports { value } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      { purpose: undefined },
    );
    expect(result.errors).toBeUndefined();
    expect(context.audit.isEmpty).toBe(true);
  });
});
