import { graphql, type GraphQLSchema } from 'graphql';
import { startTestDatabase, testContext, type TestDatabase } from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { laborDataSource } from './data-source';
import { AdminUnit } from './admin-unit/admin-unit.entity';
import { Household } from './household/household.entity';
import { Member } from './member/member.entity';
import { buildLaborSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
let db: TestDatabase;
let schema: GraphQLSchema;
let sdl: string;

const run = async (source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema, source, variableValues, contextValue: testContext(db.dataSource, createLoaders) });

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  ({ schema, sdl } = await buildLaborSchema());
  await db.dataSource.getRepository(AdminUnit).insert([
    { code: '11', name: 'Tỉnh Điện Biên', level: 'PROVINCE' as never, parentCode: null },
    { code: '03160', name: 'Xã Mường Phăng', level: 'COMMUNE' as never, parentCode: '11' },
  ]);
  const base = { communeCode: '03160', village: 'Bản Khá', address: 'Bản Khá', area: 'RURAL' as never };
  await db.dataSource.getRepository(Household).insert([
    { ...base, id: H1, code: 'A-001', category: 'POOR' as never, monthlyIncomePerPerson: 1_200_000 },
    { ...base, id: H2, code: 'A-002', category: 'NEAR_POOR' as never, monthlyIncomePerPerson: 1_450_000 },
  ]);
  await db.dataSource.getRepository(Member).insert({
    householdId: H1,
    fullName: 'Lò Văn Pó',
    dateOfBirth: '1980-02-29',
    sex: 'MALE' as never,
    nationalId: '011080123456',
    relationToHead: 'HEAD' as never,
    ethnicity: 'Thái',
  });
});
afterAll(() => db?.stop());

describe('labor schema', () => {
  it('declares Household and AdminUnit as federation entities', () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
  });

  it('resolves Household and AdminUnit representations through _entities', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { code category members { fullName dateOfBirth } commune { name } }
         ... on AdminUnit { name level children { code } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'Household', id: '99999999-9999-4999-8999-999999999999' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        code: 'A-001',
        category: 'POOR',
        members: [{ fullName: 'Lò Văn Pó', dateOfBirth: '1980-02-29' }],
        commune: { name: 'Xã Mường Phăng' },
      },
      { name: 'Tỉnh Điện Biên', level: 'PROVINCE', children: [{ code: '03160' }] },
      null,
    ]);
  });

  it('pages households of a province in code order with a total count', async () => {
    const first = await run(
      `{ households(provinceCode: "11", first: 1) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }`,
    );
    const page1 = first.data?.households as {
      totalCount: number;
      nodes: { code: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page1).toMatchObject({ totalCount: 2, nodes: [{ code: 'A-001' }], pageInfo: { hasNextPage: true } });
    const second = await run(
      `query($a: String) { households(provinceCode: "11", first: 1, after: $a) { nodes { code } pageInfo { hasNextPage } } }`,
      { a: page1.pageInfo.endCursor },
    );
    expect(second.data?.households).toEqual({ nodes: [{ code: 'A-002' }], pageInfo: { hasNextPage: false } });
  });

  it('answers VND amounts as exact numbers', async () => {
    const result = await run(`{ household(id: "${H2}") { monthlyIncomePerPerson } }`);
    expect(result.data?.household).toEqual({ monthlyIncomePerPerson: 1_450_000 });
  });

  it('refuses a malformed id or commune code naming the argument, before any SQL', async () => {
    const byId = await run(`{ household(id: "' OR 1=1 --") { code } }`);
    expect(byId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const byCommune = await run(`{ households(communeCode: "03160; DROP TABLE household") { totalCount } }`);
    expect(byCommune.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeCode' });
  });
});
