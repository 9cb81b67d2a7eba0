import { appendAudit } from '@gnbv/kit';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { AdminUnit } from './admin-unit/admin-unit.entity';
import { createLoaders } from './context';
import { laborDataSource } from './data-source';
import { Household } from './household/household.entity';
import { Member } from './household/member.entity';
import { buildLaborSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const H3 = '33333333-3333-4333-8333-333333333333';
const MISSING = '99999999-9999-4999-8999-999999999999';
let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;

// Without an identity, `run` asks as the kit's national labor officer, for review.
/** Another agency's officer, delivering supports. */
const AGRICULTURE_OFFICER = {
  principal: testPrincipal({ subject: 'agriculture-officer', agency: 'agriculture' }),
  purpose: 'support-delivery' as const,
};
const DPO = { principal: testPrincipal({ roles: ['data-protection-officer'] }), purpose: 'audit' as const };

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  const built = await buildLaborSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);
  await db.dataSource.getRepository(AdminUnit).insert([
    { code: '11', name: 'Tỉnh Điện Biên', level: 'PROVINCE' as never, parentCode: null },
    { code: '03160', name: 'Xã Mường Phăng', level: 'COMMUNE' as never, parentCode: '11' },
    { code: '03163', name: 'Xã Pá Khoang', level: 'COMMUNE' as never, parentCode: '11' },
    { code: '12', name: 'Tỉnh Lai Châu', level: 'PROVINCE' as never, parentCode: null },
  ]);
  const base = { communeCode: '03160', village: 'Bản Khá', address: 'Bản Khá', area: 'RURAL' as never };
  await db.dataSource.getRepository(Household).insert([
    { ...base, id: H1, code: 'A-001', category: 'POOR' as never, monthlyIncomePerPerson: 1_200_000 },
    { ...base, id: H2, code: 'A-002', category: 'NEAR_POOR' as never, monthlyIncomePerPerson: 1_450_000 },
    { ...base, id: H3, communeCode: '03163', code: 'B-001', category: 'POOR' as never, monthlyIncomePerPerson: 900_000 },
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

  it('records its migrations under their class names, which TypeORM uses to know what has run', async () => {
    const recorded: { name: string }[] = await db.dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(recorded.map((m) => m.name)).toEqual([
      'Registry1763780000000',
      'AuditTrail1763790000000',
      'PovertyReview1763800000000',
      'Idempotency1763800100000',
      'Inspection1763800200000',
      'AdminUnitHistory1763800300000',
      'MemberNationalId1763800400000',
      'FollowUpHistory1763800500000',
      'RegistryReadIndexes1763800600000',
      'LaborProjects1763900000000',
      'PovertyReportIndexes1764400000000',
      'ReportFacts1764500000000',
    ]);
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
          { __typename: 'Household', id: MISSING },
        ],
      },
    );
    // A missing household answers exactly like one outside the scope: null and FORBIDDEN on that path.
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 2], 'FORBIDDEN']]);
    expect(result.data?._entities).toEqual([
      {
        code: 'A-001',
        category: 'POOR',
        members: [{ fullName: 'Lò Văn Pó', dateOfBirth: '1980-02-29' }],
        commune: { name: 'Xã Mường Phăng' },
      },
      { name: 'Tỉnh Điện Biên', level: 'PROVINCE', children: [{ code: '03160' }, { code: '03163' }] },
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
    expect(page1).toMatchObject({ totalCount: 3, nodes: [{ code: 'A-001' }], pageInfo: { hasNextPage: true } });
    const second = await run(
      `query($a: String) { households(provinceCode: "11", first: 1, after: $a) { nodes { code } pageInfo { hasNextPage } } }`,
      { a: page1.pageInfo.endCursor },
    );
    expect(second.data?.households).toEqual({ nodes: [{ code: 'A-002' }], pageInfo: { hasNextPage: true } });
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

describe('labor permissions and scope', () => {
  const communeB = { principal: testPrincipal({ scope: ['03163'] }) };

  it('filters lists to the scope and refuses a filter outside it', async () => {
    const list = await run(`{ households { totalCount nodes { code } } }`, undefined, communeB);
    expect(list.data?.households).toEqual({ totalCount: 1, nodes: [{ code: 'B-001' }] });
    const nested = await run(`{ adminUnit(code: "11") { households { nodes { code } } } }`, undefined, communeB);
    expect(nested.data?.adminUnit).toEqual({ households: { nodes: [{ code: 'B-001' }] } });
    const other = await run(`{ households(communeCode: "03160") { totalCount } }`, undefined, communeB);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    const province = await run(`{ households(provinceCode: "12") { totalCount } }`, undefined, communeB);
    expect(province.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provinceCode' });
    const wide = await run(`{ households { totalCount } }`, undefined, { principal: testPrincipal({ scope: ['11'] }) });
    expect(wide.data?.households).toEqual({ totalCount: 3 });
  });

  it('answers an out-of-scope household exactly like a missing one, by id, by code and through _entities', async () => {
    const outside = await run(`{ household(id: "${H1}") { code } }`, undefined, communeB);
    const missing = await run(`{ household(id: "${MISSING}") { code } }`, undefined, communeB);
    expect(outside).toEqual(missing);
    expect(codes(outside)).toEqual(['FORBIDDEN']);
    const byCode = await run(`{ householdByCode(communeCode: "03160", code: "A-001") { code } }`, undefined, communeB);
    const byMissingCode = await run(`{ householdByCode(communeCode: "03160", code: "A-999") { code } }`, undefined, communeB);
    expect(byCode).toEqual(byMissingCode);
    const entities = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { code } } }`,
      {
        r: [
          { __typename: 'Household', id: H3 },
          { __typename: 'Household', id: H1 },
        ],
      },
      communeB,
    );
    expect(entities.data?._entities).toEqual([{ code: 'B-001' }, null]);
    expect(entities.errors?.map((e) => e.path)).toEqual([['_entities', 1]]);
  });

  it('shows other agencies identity and category, a masked national ID, and never income', async () => {
    const result = await run(
      `{ household(id: "${H1}") { code category address members { fullName nationalId } monthlyIncomePerPerson } }`,
      undefined,
      AGRICULTURE_OFFICER,
    );
    expect(result.data?.household).toEqual({
      code: 'A-001',
      category: 'POOR',
      address: 'Bản Khá',
      members: [{ fullName: 'Lò Văn Pó', nationalId: '011******456' }],
      monthlyIncomePerPerson: null,
    });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['household.monthlyIncomePerPerson', 'FORBIDDEN'],
    ]);
    const own = await run(`{ household(id: "${H1}") { members { nationalId } } }`);
    expect(own.data?.household).toEqual({ members: [{ nationalId: '011080123456' }] });
  });

  it('requires a purpose for personal fields and notes every decision for the audit trail', async () => {
    const { result, context } = await run.withContext(`{ household(id: "${H1}") { code members { fullName } } }`, undefined, {
      purpose: undefined,
    });
    expect(result.data?.household).toEqual({ code: 'A-001', members: [{ fullName: null }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Member.fullName' });
    expect(context.audit.drain()).toEqual([
      { entityType: 'Household', entityIds: [H1], fields: ['Member.fullName'], decision: 'denied' },
    ]);
    const stats = await run(`{ household(id: "${H1}") { members { dateOfBirth } } }`, undefined, { purpose: 'statistics' });
    expect(codes(stats)).toEqual(['PURPOSE_REQUIRED']);
    const { context: allowed } = await run.withContext(`{ household(id: "${H1}") { monthlyIncomePerPerson } }`);
    expect(allowed.audit.drain()).toEqual([
      { entityType: 'Household', entityIds: [H1], fields: ['Household.monthlyIncomePerPerson'], decision: 'allowed' },
    ]);
  });

  it('gives the bank eligibility service category and flags, never members, names or address', async () => {
    const result = await run(
      `{ household(id: "${H1}") { category area noWorkingCapacity commune { code } } }`,
      undefined,
      TEST_BANK_SERVICE,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.household).toMatchObject({ category: 'POOR', area: 'RURAL', commune: { code: '03160' } });
    const names = await run(
      `{ household(id: "${H1}") { address members { fullName nationalId } } }`,
      undefined,
      TEST_BANK_SERVICE,
    );
    expect(codes(names)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const otherPurpose = await run(`{ household(id: "${H1}") { category } }`, undefined, {
      ...TEST_BANK_SERVICE,
      purpose: 'review',
    });
    expect(codes(otherPurpose)).toEqual(['FORBIDDEN']);
  });

  it('lets analysts read units but no household, and only the DPO read the audit trail', async () => {
    const analyst = { ...TEST_ANALYST, purpose: 'statistics' as const };
    const units = await run(`{ adminUnits { code name } }`, undefined, analyst);
    expect(units.errors).toBeUndefined();
    const list = await run(`{ households { totalCount } }`, undefined, analyst);
    expect(codes(list)).toEqual(['FORBIDDEN']);

    await appendAudit(db.dataSource, { requestId: 'req-12345678', ...AGRICULTURE_OFFICER }, [
      { entityType: 'Household', entityIds: [H2], fields: ['Member.fullName'], decision: 'allowed' },
    ]);
    const trail = await run(
      `{ household(id: "${H2}") { code registryAudit { subject agency purpose fields decision } } }`,
      undefined,
      DPO,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.household).toEqual({
      code: 'A-002',
      registryAudit: [
        {
          subject: 'agriculture-officer',
          agency: 'agriculture',
          purpose: 'support-delivery',
          fields: ['Member.fullName'],
          decision: 'allowed',
        },
      ],
    });
    const notDpo = await run(`{ household(id: "${H2}") { registryAudit { subject } } }`, undefined, { purpose: 'audit' });
    expect(codes(notDpo)).toEqual(['FORBIDDEN']);
  });
});
