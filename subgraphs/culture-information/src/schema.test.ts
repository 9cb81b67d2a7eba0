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
import { CommunicationProduct } from './communication-product/communication-product.entity';
import { createLoaders } from './context';
import { cultureInformationDataSource } from './data-source';
import { InformationSupport } from './information-support/information-support.entity';
import { buildCultureInformationSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const NO_SUPPORT = '99999999-9999-4999-8999-999999999999';
let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;

/** An agriculture officer of commune 03160 only: another agency's officer, reading Project 6 records. */
const COMMUNE_OFFICER = {
  principal: testPrincipal({ subject: 'commune-officer', agency: 'agriculture', scope: ['03160'] }),
};
const titles = (data: unknown) => (data as { title: string }[]).map((p) => p.title);

beforeAll(async () => {
  db = await startTestDatabase(cultureInformationDataSource);
  // Load and build the other agencies in this process first, as composition does: their
  // Household/AdminUnit field resolvers must not end up in culture-information's schema.
  for (const [pkg, build] of [
    ['@gnbv/agriculture', 'buildAgricultureSchema'],
    ['@gnbv/social-policy-bank', 'buildSocialPolicyBankSchema'],
  ] as const) {
    await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>(pkg)[build]!();
  }
  const built = await buildCultureInformationSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);
  await db.dataSource.getRepository(InformationSupport).insert([
    {
      householdId: H1,
      communeCode: '03160',
      provinceCode: '11',
      kind: 'SMARTPHONE' as never,
      value: 2_500_000,
      deliveredOn: '2025-04-02',
    },
    {
      householdId: H1,
      communeCode: '03160',
      provinceCode: '11',
      kind: 'TELEVISION' as never,
      value: 4_000_000,
      deliveredOn: '2025-02-14',
    },
    {
      // A commune-wide fibre subscription booked on one household: above the 32-bit Int maximum.
      householdId: H2,
      communeCode: '03163',
      provinceCode: '11',
      kind: 'INTERNET_SUBSCRIPTION' as never,
      value: 3_000_000_001,
      deliveredOn: '2025-06-01',
    },
  ]);
  await db.dataSource.getRepository(CommunicationProduct).insert([
    {
      communeCode: '03160',
      provinceCode: '11',
      kind: 'LEAFLET' as never,
      title: 'Tờ rơi vay vốn ưu đãi',
      publishedOn: '2025-01-15',
      audienceReach: 300,
    },
    {
      communeCode: '03160',
      provinceCode: '11',
      kind: 'BROADCAST' as never,
      title: 'Bản tin giảm nghèo tháng 5',
      publishedOn: '2025-05-05',
      audienceReach: 1200,
    },
    {
      communeCode: '03163',
      provinceCode: '11',
      kind: 'STAGED_PERFORMANCE' as never,
      title: 'Văn nghệ tuyên truyền',
      publishedOn: '2025-03-20',
      audienceReach: 450,
    },
    {
      communeCode: '01234',
      provinceCode: '12',
      kind: 'PUBLIC_INFORMATION_POINT' as never,
      title: 'Điểm thông tin công cộng',
      publishedOn: '2025-07-01',
      audienceReach: 80,
    },
  ]);
});
afterAll(() => db?.stop());

describe('culture-information schema', () => {
  it("declares Household and AdminUnit as federation entities carrying only culture-information's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    expect(sdl).toMatch(/type Household @key\(fields: "id"\) \{[^}]*informationSupports: \[InformationSupport!\]\n/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*communicationProducts: \[CommunicationProduct!\]\n/);
    for (const foreign of ['loans', 'lendingSummary', 'savingsGroups', 'productionSupports', 'productionSupportSummary']) {
      expect(sdl).not.toContain(foreign);
    }
  });

  it("resolves a Household representation to the household's information supports, oldest first", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id informationSupports { communeCode kind value deliveredOn household { id } } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: NO_SUPPORT },
          { __typename: 'Household', id: H2 },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        informationSupports: [
          { communeCode: '03160', kind: 'TELEVISION', value: 4_000_000, deliveredOn: '2025-02-14', household: { id: H1 } },
          { communeCode: '03160', kind: 'SMARTPHONE', value: 2_500_000, deliveredOn: '2025-04-02', household: { id: H1 } },
        ],
      },
      { id: NO_SUPPORT, informationSupports: [] },
      {
        id: H2,
        informationSupports: [
          // Above 2,147,483,647: must come back exact, not as a string or an Int overflow.
          {
            communeCode: '03163',
            kind: 'INTERNET_SUBSCRIPTION',
            value: 3_000_000_001,
            deliveredOn: '2025-06-01',
            household: { id: H2 },
          },
        ],
      },
    ]);
  });

  it('lists the communication products of a commune and of a province newest first', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on AdminUnit { code communicationProducts { communeCode kind title publishedOn audienceReach } } } }`,
      {
        r: [
          { __typename: 'AdminUnit', code: '03160' },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'AdminUnit', code: '03199' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        code: '03160',
        communicationProducts: [
          {
            communeCode: '03160',
            kind: 'BROADCAST',
            title: 'Bản tin giảm nghèo tháng 5',
            publishedOn: '2025-05-05',
            audienceReach: 1200,
          },
          {
            communeCode: '03160',
            kind: 'LEAFLET',
            title: 'Tờ rơi vay vốn ưu đãi',
            publishedOn: '2025-01-15',
            audienceReach: 300,
          },
        ],
      },
      {
        code: '11',
        communicationProducts: [
          {
            communeCode: '03160',
            kind: 'BROADCAST',
            title: 'Bản tin giảm nghèo tháng 5',
            publishedOn: '2025-05-05',
            audienceReach: 1200,
          },
          {
            communeCode: '03163',
            kind: 'STAGED_PERFORMANCE',
            title: 'Văn nghệ tuyên truyền',
            publishedOn: '2025-03-20',
            audienceReach: 450,
          },
          {
            communeCode: '03160',
            kind: 'LEAFLET',
            title: 'Tờ rơi vay vốn ưu đãi',
            publishedOn: '2025-01-15',
            audienceReach: 300,
          },
        ],
      },
      { code: '03199', communicationProducts: [] },
    ]);
  });

  it('answers the communicationProducts root query for a commune or a province code', async () => {
    const commune = await run(`{ communicationProducts(adminUnitCode: "03163") { title } }`);
    expect(commune.errors).toBeUndefined();
    expect(commune.data?.communicationProducts).toEqual([{ title: 'Văn nghệ tuyên truyền' }]);
    const province = await run(`{ communicationProducts(adminUnitCode: "12") { communeCode title } }`);
    expect(province.errors).toBeUndefined();
    expect(province.data?.communicationProducts).toEqual([{ communeCode: '01234', title: 'Điểm thông tin công cộng' }]);
  });

  it('refuses a malformed administrative unit code naming the argument, before any SQL', async () => {
    for (const bad of ["03160' OR '1'='1", '031', '111', '0316A']) {
      const result = await run(`query($c: String!) { communicationProducts(adminUnitCode: $c) { title } }`, { c: bad });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'adminUnitCode' });
      expect(result.data).toBeNull();
    }
  });
});

describe('culture-information permissions and row scope', () => {
  it("a commune officer sees only their commune's records, in lists, nested fields and _entities", async () => {
    const entities = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id informationSupports { communeCode kind } }
         ... on AdminUnit { code communicationProducts { communeCode title } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: H2 },
          { __typename: 'AdminUnit', code: '11' },
        ],
      },
      COMMUNE_OFFICER,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities).toEqual([
      {
        id: H1,
        informationSupports: [
          { communeCode: '03160', kind: 'TELEVISION' },
          { communeCode: '03160', kind: 'SMARTPHONE' },
        ],
      },
      // H2's subscription was given in 03163: outside the scope, as if there were none.
      { id: H2, informationSupports: [] },
      {
        code: '11',
        communicationProducts: [
          { communeCode: '03160', title: 'Bản tin giảm nghèo tháng 5' },
          { communeCode: '03160', title: 'Tờ rơi vay vốn ưu đãi' },
        ],
      },
    ]);
    // A province is not refused (it holds the scoped commune): its list is filtered to it.
    const province = await run(`{ communicationProducts(adminUnitCode: "11") { title } }`, undefined, COMMUNE_OFFICER);
    expect(province.errors).toBeUndefined();
    expect(titles(province.data?.communicationProducts)).toEqual(['Bản tin giảm nghèo tháng 5', 'Tờ rơi vay vốn ưu đãi']);
    const otherProvince = await run(`{ communicationProducts(adminUnitCode: "12") { title } }`, undefined, COMMUNE_OFFICER);
    expect(otherProvince.errors).toBeUndefined();
    expect(otherProvince.data?.communicationProducts).toEqual([]);
  });

  it("a commune officer is refused another commune's products, naming the argument", async () => {
    const root = await run(`{ communicationProducts(adminUnitCode: "03163") { title } }`, undefined, COMMUNE_OFFICER);
    expect(root.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'adminUnitCode' });
    expect(root.data).toBeNull();
    const field = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { communicationProducts { title } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03163' }] },
      COMMUNE_OFFICER,
    );
    expect(field.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
    expect(field.data?._entities).toEqual([{ communicationProducts: null }]);
  });

  it('a province officer is refused another province, and a commune elsewhere lists nothing', async () => {
    const province12 = { principal: testPrincipal({ scope: ['12'] }) };
    const other = await run(`{ communicationProducts(adminUnitCode: "11") { title } }`, undefined, province12);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'adminUnitCode' });
    // The province of 03160 is not known from its code alone: filtered, not refused.
    const commune = await run(`{ communicationProducts(adminUnitCode: "03160") { title } }`, undefined, province12);
    expect(commune.errors).toBeUndefined();
    expect(commune.data?.communicationProducts).toEqual([]);
    const own = await run(`{ communicationProducts(adminUnitCode: "12") { title } }`, undefined, province12);
    expect(titles(own.data?.communicationProducts)).toEqual(['Điểm thông tin công cộng']);
  });

  it("an analyst reads communication products but no household's information supports", async () => {
    const products = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { communicationProducts { title } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03163' }] },
      ANALYST,
    );
    expect(products.errors).toBeUndefined();
    expect(products.data?._entities).toEqual([{ communicationProducts: [{ title: 'Văn nghệ tuyên truyền' }] }]);
    const perHousehold = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id informationSupports { kind } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      ANALYST,
    );
    expect(perHousehold.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.informationSupports' });
    expect(perHousehold.data?._entities).toEqual([{ id: H1, informationSupports: null }]);
  });

  it("the bank's eligibility service reads a household's key here, nothing else", async () => {
    const key = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      BANK_SERVICE,
    );
    expect(key.errors).toBeUndefined();
    expect(key.data?._entities).toEqual([{ id: H1 }]);
    const supports = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { informationSupports { kind } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      BANK_SERVICE,
    );
    expect(supports.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.informationSupports' });
    const products = await run(`{ communicationProducts(adminUnitCode: "03160") { title } }`, undefined, BANK_SERVICE);
    expect(products.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.communicationProducts' });
  });

  it('information supports are not personal data: read without a declared purpose, and nothing is noted for the audit trail', async () => {
    const { result, context } = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { informationSupports { value } } } }`,
      { r: [{ __typename: 'Household', id: H1 }] },
      { purpose: undefined },
    );
    expect(result.errors).toBeUndefined();
    expect(context.audit.isEmpty).toBe(true);
  });
});
