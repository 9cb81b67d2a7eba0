import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import type { FederatedSchema } from '@gnbv/kit';
import {
  captureStatements,
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders, type AgricultureLoaders } from './context';
import { agricultureDataSource } from './data-source';
import { buildAgricultureSchema } from './schema';
import { uuid } from './test-fixtures';

/*
 * The agriculture subgraph as the gateway sees it: its SDL, what each kind of reader gets of
 * supports and production projects (rows kept to the reader's units, fields to their role), and
 * what a page of households costs in SQL.
 */

/** 50 households: odd numbers in commune 03160, even in 03163, both of province 11. */
const HOUSEHOLDS = Array.from({ length: 50 }, (_, i) => uuid(i + 1));
const IN_03160 = HOUSEHOLDS[0]!;
const IN_03163 = HOUSEHOLDS[1]!;
const communeOf = (i: number) => (i % 2 === 0 ? '03160' : '03163');
const PROJECT_03160 = uuid(9001);
const PROJECT_03163 = uuid(9002);
const PROJECT_03160_2024 = uuid(9003);

let db: TestDatabase;
let run: SchemaRunner<AgricultureLoaders>;
let sdl: string;

/** A labor officer of commune 03160 only: another agency's officer, reading agriculture's work. */
const COMMUNE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'commune-officer', scope: ['03160'] }) };
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };
const entities = (source: string, r: Array<Record<string, string>>, as?: TestIdentity) =>
  run(`query($r: [_Any!]!) { _entities(representations: $r) { ${source} } }`, { r }, as);

beforeAll(async () => {
  db = await startTestDatabase(agricultureDataSource);
  // Build labor's schema in this process first, as composition does: it uses the same kit
  // modules (Support, BudgetLine), and its Household/AdminUnit fields must not end up here.
  await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>('@gnbv/labor').buildLaborSchema!();
  const built = await buildAgricultureSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);

  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  await q(
    `INSERT INTO production_project (id, code, name, model, commune_code, province_code, sub_project, program_year, starts_on, budget, lead_office, recorded_by)
     VALUES ($1, 'DB-03160-BO-2025', 'Bò sinh sản Mường Phăng', 'CATTLE_BREEDING', '03160', '11', 1, 2025, '2025-03-01', 600000000, 'Phòng Kinh tế xã Mường Phăng', 'seed'),
            ($2, 'DB-03163-BO-2025', 'Bò sinh sản Nà Tấu', 'CATTLE_BREEDING', '03163', '11', 1, 2025, '2025-03-01', 600000000, 'Phòng Kinh tế xã Nà Tấu', 'seed'),
            ($3, 'DB-03160-LUA-2024', 'Lúa giống Mường Phăng', 'RICE_SEED', '03160', '11', 1, 2024, '2024-04-01', 50000000, 'Phòng Kinh tế xã Mường Phăng', 'seed')`,
    [PROJECT_03160, PROJECT_03163, PROJECT_03160_2024],
  );
  // Every household takes part in its commune's 2025 project and has two supports: breeding
  // animals as part of the project, and seeds on their own.
  for (const [i, id] of HOUSEHOLDS.entries()) {
    const commune = communeOf(i);
    const project = commune === '03160' ? PROJECT_03160 : PROJECT_03163;
    await q(
      `INSERT INTO production_project_participant (project_id, household_id, joined_on, category_on_joining, recorded_by)
       VALUES ($1, $2, '2025-03-10', 'POOR', 'seed')`,
      [project, id],
    );
    await q(
      `INSERT INTO support (household_id, commune_code, province_code, project, sub_project, kind, initiative_id, description,
                            quantity, unit, value, status, planned_on, delivered_on, delivering_office, program_year,
                            category_on_delivery, deprived_on_delivery, recorded_by)
       VALUES ($1, $2, '11', 3, 1, 'BREEDING_ANIMALS', $3, 'Bò cái sinh sản', 1, 'con', 15000000, 'DELIVERED', '2025-04-01', '2025-04-01', 'Phòng Kinh tế', 2025, 'POOR', '{1}', 'seed'),
              ($1, $2, '11', 3, 1, 'SEEDS', NULL, 'Giống ngô', 20, 'kg', 1000000, 'DELIVERED', '2025-05-01', '2025-05-01', 'Phòng Kinh tế', 2025, 'POOR', '{1}', 'seed')`,
      [id, commune, project],
    );
  }
  // One household also joined the 2024 rice-seed project.
  await q(
    `INSERT INTO production_project_participant (project_id, household_id, joined_on, category_on_joining, recorded_by)
     VALUES ($1, $2, '2024-04-10', 'NEAR_POOR', 'seed')`,
    [PROJECT_03160_2024, IN_03160],
  );
});
afterAll(() => db?.stop());

describe('agriculture schema', () => {
  /** The fields of a type in the SDL, each as `(arguments): Type`. */
  const fieldsOf = (typeName: string) => {
    const type = parse(sdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName,
    );
    return Object.fromEntries(
      (type?.fields ?? []).map((f) => [
        f.name.value,
        `${f.arguments?.length ? `(${f.arguments.map((a) => `${a.name.value}: ${print(a.type)}`).join(', ')})` : ''}: ${print(f.type)}`,
      ]),
    );
  };

  it("declares Household and AdminUnit as federation entities carrying only agriculture's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    expect(fieldsOf('Household')).toEqual({
      id: ': ID!',
      productionSupports: ': [Support!]',
      productionProjects: ': [ProductionProject!]',
    });
    expect(fieldsOf('AdminUnit')).toEqual({
      code: ': String!',
      productionSupports: '(first: Int, after: String, status: SupportStatus, programYear: Int): SupportConnection',
      productionSupportSummary: '(programYear: Int): [SupportSummary!]',
      agricultureBudgetLines: '(includeCommunes: Boolean!, year: Int!): [BudgetLine!]',
      agricultureBudgetTotals: '(year: Int!): [BudgetProjectTotal!]',
      productionProjects: '(programYear: Int): [ProductionProject!]',
    });
  });

  it('offers production projects, the budget and the writes, and no longer the earlier support shape', () => {
    expect(fieldsOf('Query')).toEqual({
      agricultureLateBudgetLines: '(asOf: Date, unitCode: String!): [BudgetLine!]!',
      productionProject: '(id: ID!): ProductionProject',
    });
    expect(Object.keys(fieldsOf('Mutation')).sort()).toEqual([
      'addProductionProjectParticipant',
      'advanceProductionSupport',
      'createProductionProject',
      'recordAgricultureDisbursement',
      'recordProductionSupport',
      'saveAgricultureBudgetLine',
    ]);
    expect(fieldsOf('Mutation').addProductionProjectParticipant).toBe(
      '(idempotencyKey: String!, registryAttestation: String!, joinedOn: Date!, householdId: ID!, projectId: ID!): ProductionProjectParticipant!',
    );
    expect(fieldsOf('ProductionProject')).toMatchObject({
      id: ': ID!',
      code: ': String!',
      model: ': ProductionModel!',
      communeCode: ': String!',
      subProject: ': Int!',
      programYear: ': Int!',
      startsOn: ': Date!',
      endsOn: ': Date',
      budget: ': VND!',
      leadOffice: ': String!',
      participants: ': [ProductionProjectParticipant!]!',
      participantCount: ': Int!',
      supports: ': [Support!]!',
    });
    expect(fieldsOf('ProductionProjectParticipant')).toEqual({
      household: ': Household!',
      project: ': ProductionProject',
      joinedOn: ': Date!',
      leftOn: ': Date',
      categoryOnJoining: ': HouseholdCategory',
    });
    const types = parse(sdl).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));
    expect(types).toEqual(expect.arrayContaining(['ProductionModel', 'Support', 'BudgetLine', 'ProductionProjectInput']));
    for (const gone of [
      'ProductionSupport',
      'ProductionSupportKind',
      'SupportSubProject',
      'ProductionSupportSummary',
      'ProductionSupportConnection',
    ])
      expect(types).not.toContain(gone);
  });
});

describe('reading supports and projects', () => {
  it("pages a commune's supports, latest first, and reads a household's with their project link", async () => {
    const page = await entities(
      `... on AdminUnit { productionSupports(first: 30, programYear: 2025) { totalCount nodes { kind communeCode } pageInfo { hasNextPage } } }`,
      [{ __typename: 'AdminUnit', code: '03160' }],
    );
    expect(page.errors).toBeUndefined();
    const conn = (
      page.data?._entities as Array<{ productionSupports: { totalCount: number; nodes: Array<{ kind: string }> } }>
    )[0]!.productionSupports;
    expect(conn).toMatchObject({ totalCount: 50, pageInfo: { hasNextPage: true } });
    expect(conn.nodes).toHaveLength(30);
    expect(conn.nodes[0]).toEqual({ kind: 'SEEDS', communeCode: '03160' });
    const household = await entities(`... on Household { productionSupports { kind initiativeId plannedOn } }`, [
      { __typename: 'Household', id: IN_03160 },
    ]);
    expect(household.data?._entities).toEqual([
      {
        productionSupports: [
          { kind: 'BREEDING_ANIMALS', initiativeId: PROJECT_03160, plannedOn: '2025-04-01' },
          { kind: 'SEEDS', initiativeId: null, plannedOn: '2025-05-01' },
        ],
      },
    ]);
  });

  it('supports and projects are not personal data: read without a purpose, nothing noted for the audit trail', async () => {
    const { result, context } = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { productionSupports { value } productionProjects { code participants { joinedOn } } } } }`,
      { r: [{ __typename: 'Household', id: IN_03160 }] },
      { purpose: undefined },
    );
    expect(result.errors).toBeUndefined();
    expect(context.audit.isEmpty).toBe(true);
    // The category the registry stated on delivery is personal: a purpose is needed.
    const category = await entities(
      `... on Household { productionSupports { categoryOnDelivery } }`,
      [{ __typename: 'Household', id: IN_03160 }],
      { purpose: undefined },
    );
    expect(codes(category)).toEqual(['PURPOSE_REQUIRED', 'PURPOSE_REQUIRED']);
  });
});

describe('agriculture permissions and row scope', () => {
  it("a commune officer sees only their commune's supports and projects, in lists and in _entities", async () => {
    const result = await entities(
      `... on Household { id productionSupports { communeCode } productionProjects { code } }
       ... on AdminUnit { code page: productionSupports { totalCount } productionProjects { code participantCount supports { communeCode } }
                          productionSupportSummary(programYear: 2025) { kind supportCount } }`,
      [
        { __typename: 'Household', id: IN_03160 },
        { __typename: 'Household', id: IN_03163 },
        { __typename: 'AdminUnit', code: '11' },
      ],
      COMMUNE_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: IN_03160,
        productionSupports: [{ communeCode: '03160' }, { communeCode: '03160' }],
        productionProjects: [{ code: 'DB-03160-LUA-2024' }, { code: 'DB-03160-BO-2025' }],
      },
      // IN_03163's supports and project are in 03163: outside the scope, as if there were none.
      { id: IN_03163, productionSupports: [], productionProjects: [] },
      // The province counts only the scoped commune (nationally: 100 supports, 3 projects).
      {
        code: '11',
        page: { totalCount: 50 },
        productionProjects: [
          { code: 'DB-03160-LUA-2024', participantCount: 1, supports: [] },
          { code: 'DB-03160-BO-2025', participantCount: 25, supports: expect.arrayContaining([{ communeCode: '03160' }]) },
        ],
        productionSupportSummary: [
          { kind: 'BREEDING_ANIMALS', supportCount: 25 },
          { kind: 'SEEDS', supportCount: 25 },
        ],
      },
    ]);
  });

  it("a commune officer is refused another commune's lists and projects, FORBIDDEN naming the field", async () => {
    const other = await entities(
      `... on AdminUnit { productionSupports { totalCount } productionProjects { code } productionSupportSummary { kind } }`,
      [{ __typename: 'AdminUnit', code: '03163' }],
      COMMUNE_OFFICER,
    );
    expect(other.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', field: 'code' }),
      expect.objectContaining({ code: 'FORBIDDEN', field: 'code' }),
      expect.objectContaining({ code: 'FORBIDDEN', field: 'code' }),
    ]);
    // Refused fields are nullable: the refusal nulls the field, not the unit.
    expect(other.data?._entities).toEqual([
      { productionSupports: null, productionProjects: null, productionSupportSummary: null },
    ]);
    const project = await run(`query($id: ID!) { productionProject(id: $id) { code } }`, { id: PROJECT_03163 }, COMMUNE_OFFICER);
    expect(project.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
  });

  it('an analyst reads the totals, never the supports or the projects', async () => {
    const totals = await entities(
      `... on AdminUnit { productionSupportSummary(programYear: 2025) { kind householdsSupported totalValue } agricultureBudgetTotals(year: 2025) { project } }`,
      [{ __typename: 'AdminUnit', code: '11' }],
      ANALYST,
    );
    expect(totals.errors).toBeUndefined();
    expect(totals.data?._entities).toEqual([
      {
        productionSupportSummary: [
          { kind: 'BREEDING_ANIMALS', householdsSupported: 50, totalValue: 750_000_000 },
          { kind: 'SEEDS', householdsSupported: 50, totalValue: 50_000_000 },
        ],
        agricultureBudgetTotals: [],
      },
    ]);
    for (const source of [
      `... on AdminUnit { productionSupports { totalCount } }`,
      `... on AdminUnit { productionProjects { code } }`,
    ])
      expect(codes(await entities(source, [{ __typename: 'AdminUnit', code: '11' }], ANALYST))).toEqual(['FORBIDDEN']);
    for (const source of [`... on Household { productionSupports { kind } }`, `... on Household { productionProjects { code } }`])
      expect(codes(await entities(source, [{ __typename: 'Household', id: IN_03160 }], ANALYST))).toEqual(['FORBIDDEN']);
    expect(codes(await run(`query($id: ID!) { productionProject(id: $id) { code } }`, { id: PROJECT_03160 }, ANALYST))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it("the bank's service account reads nothing here but the keys", async () => {
    const keys = await entities(
      `... on Household { id } ... on AdminUnit { code }`,
      [
        { __typename: 'Household', id: IN_03160 },
        { __typename: 'AdminUnit', code: '11' },
      ],
      TEST_BANK_SERVICE,
    );
    expect(keys.errors).toBeUndefined();
    expect(keys.data?._entities).toEqual([{ id: IN_03160 }, { code: '11' }]);
    for (const [source, representation] of [
      [`... on Household { productionSupports { kind } }`, { __typename: 'Household', id: IN_03160 }],
      [`... on Household { productionProjects { code } }`, { __typename: 'Household', id: IN_03160 }],
      [`... on AdminUnit { productionSupportSummary { kind } }`, { __typename: 'AdminUnit', code: '11' }],
      [`... on AdminUnit { agricultureBudgetTotals(year: 2025) { project } }`, { __typename: 'AdminUnit', code: '11' }],
    ] as const)
      expect(codes(await entities(source, [representation], TEST_BANK_SERVICE))).toEqual(['FORBIDDEN']);
  });
});

describe('reading a page of households', () => {
  it('costs the same number of SQL statements for 5 households as for 50, with their supports and projects', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id
      productionSupports { kind value household { id } }
      productionProjects { code participantCount participants { household { id } joinedOn } supports { kind } } } } }`;
    const measure = async (ids: string[]) => {
      const { result, statements } = await captureStatements(db.dataSource, () =>
        run(query, { r: ids.map((id) => ({ __typename: 'Household', id })) }),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toHaveLength(ids.length);
      return statements;
    };
    const five = await measure(HOUSEHOLDS.slice(0, 5));
    const fifty = await measure(HOUSEHOLDS);
    // One per relation: supports by household, projects by household, then for the projects
    // their participant counts, participants and supports.
    expect(five).toHaveLength(5);
    expect(fifty).toHaveLength(five.length);
  });
});
