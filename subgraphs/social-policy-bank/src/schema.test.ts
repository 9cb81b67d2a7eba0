import { graphql, type GraphQLSchema } from 'graphql';
import type { FederatedSchema } from '@gnbv/kit';
import { startTestDatabase, testContext, type TestDatabase } from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { socialPolicyBankDataSource } from './data-source';
import { Loan } from './loan/loan.entity';
import { SavingsGroup } from './savings-group/savings-group.entity';
import { buildSocialPolicyBankSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const H3 = '33333333-3333-4333-8333-333333333333';
const NO_LOAN = '99999999-9999-4999-8999-999999999999';
const G1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const G2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const G3 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
let db: TestDatabase;
let schema: GraphQLSchema;
let sdl: string;

const run = async (source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, variableValues, contextValue: testContext(db.dataSource, createLoaders) });

beforeAll(async () => {
  db = await startTestDatabase(socialPolicyBankDataSource);
  // Load and build the other agencies in this process first, as composition does: their
  // Household/AdminUnit field resolvers must not end up in the bank's schema.
  for (const [pkg, build] of [
    ['@gnbv/agriculture', 'buildAgricultureSchema'],
    ['@gnbv/culture-information', 'buildCultureInformationSchema'],
  ] as const) {
    await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>(pkg)[build]!();
  }
  ({ schema, sdl } = await buildSocialPolicyBankSchema());
  await db.dataSource.getRepository(SavingsGroup).insert([
    {
      id: G1,
      code: 'TK-03160-02',
      name: 'Tổ TK&VV Bản Khá',
      communeCode: '03160',
      provinceCode: '11',
      entrustedTo: 'WOMENS_UNION' as never,
    },
    {
      id: G2,
      code: 'TK-03160-01',
      name: 'Tổ TK&VV Bản Phăng',
      communeCode: '03160',
      provinceCode: '11',
      entrustedTo: 'FARMERS_UNION' as never,
    },
    {
      id: G3,
      code: 'TK-03163-01',
      name: 'Tổ TK&VV Bản Nà',
      communeCode: '03163',
      provinceCode: '11',
      entrustedTo: 'VETERANS_ASSOCIATION' as never,
    },
  ]);
  const base = { provinceCode: '11', annualRatePercent: 6.6, purpose: 'Chăn nuôi bò sinh sản' };
  await db.dataSource.getRepository(Loan).insert([
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      savingsGroupId: G1,
      program: 'POOR_HOUSEHOLD' as never,
      principal: 100_000_000,
      outstanding: 80_000_000,
      disbursedOn: '2024-03-01',
      maturesOn: '2029-03-01',
      status: 'CURRENT' as never,
    },
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      savingsGroupId: G2,
      program: 'CLEAN_WATER_SANITATION' as never,
      principal: 25_000_000,
      outstanding: 0,
      annualRatePercent: 9,
      purpose: 'Bể nước sạch',
      disbursedOn: '2020-06-15',
      maturesOn: '2023-06-15',
      status: 'REPAID' as never,
    },
    {
      ...base,
      householdId: H2,
      communeCode: '03160',
      savingsGroupId: G1,
      program: 'NEAR_POOR_HOUSEHOLD' as never,
      principal: 50_000_000,
      outstanding: 30_000_000,
      disbursedOn: '2022-01-10',
      maturesOn: '2025-01-10',
      status: 'OVERDUE' as never,
    },
    {
      // A group loan book over the 32-bit Int maximum: amounts must stay exact.
      ...base,
      householdId: H3,
      communeCode: '03163',
      savingsGroupId: G3,
      program: 'NEWLY_ESCAPED_HOUSEHOLD' as never,
      principal: 3_000_000_000,
      outstanding: 2_147_483_649,
      disbursedOn: '2023-09-01',
      maturesOn: '2026-09-01',
      status: 'OVERDUE' as never,
    },
  ]);
});
afterAll(() => db?.stop());

describe('social-policy-bank schema', () => {
  it("declares Household and AdminUnit as federation entities carrying only the bank's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    expect(sdl).toMatch(/type Household @key\(fields: "id"\) \{[^}]*loans: \[Loan!\]!/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*lendingSummary: LendingSummary!/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*savingsGroups: \[SavingsGroup!\]!/);
    for (const foreign of ['productionSupports', 'productionSupportSummary', 'informationSupports', 'communicationProducts']) {
      expect(sdl).not.toContain(foreign);
    }
  });

  it("resolves a Household representation to the household's loans with their savings group, oldest first", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id loans { communeCode program principal outstanding annualRatePercent purpose
                                      disbursedOn maturesOn status savingsGroup { name } household { id } } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: NO_LOAN },
          { __typename: 'Household', id: H3 },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        loans: [
          {
            communeCode: '03160',
            program: 'CLEAN_WATER_SANITATION',
            principal: 25_000_000,
            outstanding: 0,
            annualRatePercent: 9,
            purpose: 'Bể nước sạch',
            disbursedOn: '2020-06-15',
            maturesOn: '2023-06-15',
            status: 'REPAID',
            savingsGroup: { name: 'Tổ TK&VV Bản Phăng' },
            household: { id: H1 },
          },
          {
            communeCode: '03160',
            program: 'POOR_HOUSEHOLD',
            principal: 100_000_000,
            outstanding: 80_000_000,
            annualRatePercent: 6.6,
            purpose: 'Chăn nuôi bò sinh sản',
            disbursedOn: '2024-03-01',
            maturesOn: '2029-03-01',
            status: 'CURRENT',
            savingsGroup: { name: 'Tổ TK&VV Bản Khá' },
            household: { id: H1 },
          },
        ],
      },
      { id: NO_LOAN, loans: [] },
      {
        id: H3,
        loans: [
          {
            communeCode: '03163',
            program: 'NEWLY_ESCAPED_HOUSEHOLD',
            principal: 3_000_000_000,
            outstanding: 2_147_483_649,
            annualRatePercent: 6.6,
            purpose: 'Chăn nuôi bò sinh sản',
            disbursedOn: '2023-09-01',
            maturesOn: '2026-09-01',
            status: 'OVERDUE',
            savingsGroup: { name: 'Tổ TK&VV Bản Nà' },
            household: { id: H3 },
          },
        ],
      },
    ]);
  });

  it('summarises lending of a commune and a province: unrepaid loans counted, only overdue loans in overdue', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on AdminUnit { code lendingSummary { loanCount outstanding overdue } savingsGroups { code name entrustedTo } } } }`,
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
        // The repaid water loan is not counted; only the near-poor loan is overdue.
        lendingSummary: { loanCount: 2, outstanding: 110_000_000, overdue: 30_000_000 },
        savingsGroups: [
          { code: 'TK-03160-01', name: 'Tổ TK&VV Bản Phăng', entrustedTo: 'FARMERS_UNION' },
          { code: 'TK-03160-02', name: 'Tổ TK&VV Bản Khá', entrustedTo: 'WOMENS_UNION' },
        ],
      },
      {
        code: '11',
        // Province sums above 2,147,483,647 come back exact.
        lendingSummary: { loanCount: 3, outstanding: 2_257_483_649, overdue: 2_177_483_649 },
        savingsGroups: [],
      },
      { code: '03199', lendingSummary: { loanCount: 0, outstanding: 0, overdue: 0 }, savingsGroups: [] },
    ]);
  });

  it('finds a savings group by id, whatever the case of the id', async () => {
    const result = await run(`query($id: ID!) { savingsGroup(id: $id) { id code name communeCode entrustedTo } }`, {
      id: G3.toUpperCase(),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.savingsGroup).toEqual({
      id: G3,
      code: 'TK-03163-01',
      name: 'Tổ TK&VV Bản Nà',
      communeCode: '03163',
      entrustedTo: 'VETERANS_ASSOCIATION',
    });
    const missing = await run(`{ savingsGroup(id: "${NO_LOAN}") { id } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.savingsGroup).toBeNull();
  });

  it('refuses a malformed savings group id naming the argument, before any SQL', async () => {
    const result = await run(`{ savingsGroup(id: "' OR 1=1 --") { name } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(result.data?.savingsGroup).toBeNull();
  });
});
