import { randomUUID } from 'node:crypto';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { cultureInformationDataSource } from '../data-source';
import { buildCultureInformationSchema } from '../schema';

/*
 * Communication products end to end: a commune's culture-information officer records them
 * (validated, idempotent, audited), any officer lists them by unit, year and kind a page at a
 * time, and the steering committee's analysts read their totals by kind.
 */

let db: TestDatabase;
let run: SchemaRunner;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
const key = () => randomUUID();

const OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'vhxh-muong-phang', agency: 'culture-information', scope: ['03160'] }),
  purpose: undefined,
};
const PROVINCE_OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'so-vhtt-11', agency: 'culture-information', scope: ['11'] }),
  purpose: undefined,
};
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

const RECORD = `mutation($input: CommunicationProductInput!, $k: String!) { recordCommunicationProduct(input: $input, idempotencyKey: $k) {
  id communeCode kind subProject programYear title publishedOn audienceReach householdsReached producingOffice } }`;
const product = (overrides: Record<string, unknown> = {}) => ({
  communeCode: '03160',
  provinceCode: '11',
  kind: 'BROADCAST',
  title: 'Bản tin giảm nghèo tháng 5',
  publishedOn: '2025-05-05',
  audienceReach: 1200,
  householdsReached: 375,
  producingOffice: 'Đài truyền thanh xã Mường Phăng',
  programYear: 2025,
  ...overrides,
});

type Page = {
  totalCount: number;
  nodes: Array<{ title: string; publishedOn: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const LIST = `query($c: String!, $first: Int, $a: String, $y: Int, $kind: CommunicationProductKind) {
  communicationProducts(adminUnitCode: $c, first: $first, after: $a, programYear: $y, kind: $kind) {
    totalCount nodes { title publishedOn } pageInfo { hasNextPage endCursor } } }`;
async function list(variables: Record<string, unknown>, as: TestIdentity = OFFICER): Promise<Page> {
  const result = await run(LIST, variables, as);
  expect(result.errors).toBeUndefined();
  return result.data?.communicationProducts as Page;
}

beforeAll(async () => {
  db = await startTestDatabase(cultureInformationDataSource);
  run = schemaRunner((await buildCultureInformationSchema()).schema, db.dataSource, createLoaders);
});
afterAll(() => db?.stop());

describe('recording communication products', () => {
  it('records a broadcast under communication and a public information point under information access, once per key, audited', async () => {
    const k = key();
    const first = await run(RECORD, { input: product(), k }, OFFICER);
    expect(first.errors).toBeUndefined();
    const { provinceCode: _province, ...reported } = product();
    expect(first.data?.recordCommunicationProduct).toMatchObject({ ...reported, subProject: 2 });
    const again = await run(RECORD, { input: product(), k }, OFFICER);
    expect(again.data).toEqual(first.data);
    expect(await q(`SELECT count(*)::int AS n, min(recorded_by) AS by FROM communication_product`)).toEqual([
      { n: 1, by: 'vhxh-muong-phang' },
    ]);
    expect(codes(await run(RECORD, { input: product({ audienceReach: 1300 }), k }, OFFICER))).toEqual(['CONFLICT']);
    const id = (first.data?.recordCommunicationProduct as { id: string }).id;
    const [audit] = await q(`SELECT entity_type, entity_ids, fields, subject FROM audit_record ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({
      entity_type: 'CommunicationProduct',
      entity_ids: [id],
      fields: ['write CommunicationProduct'],
      subject: 'vhxh-muong-phang',
    });
    const point = await run(
      RECORD,
      {
        input: product({
          kind: 'PUBLIC_INFORMATION_POINT',
          title: 'Điểm thông tin công cộng bản Khá',
          householdsReached: null,
          audienceReach: 80,
        }),
        k: key(),
      },
      OFFICER,
    );
    expect(point.errors).toBeUndefined();
    expect(point.data?.recordCommunicationProduct).toMatchObject({ subProject: 1, householdsReached: null });
  });

  it('refuses, naming the field, a product that cannot be right, and writes nothing', async () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['an empty title', { title: '   ' }, 'input.title', /must not be empty/],
      ['a title too long', { title: 'x'.repeat(301) }, 'input.title', /at most 300/],
      ['a date in the future', { publishedOn: '2099-01-01', programYear: 2099 }, 'input.publishedOn', /future/],
      ['a negative audience', { audienceReach: -1 }, 'input.audienceReach', /0 or more/],
      ['negative households', { householdsReached: -1 }, 'input.householdsReached', /0 or more/],
      [
        'more households than people',
        { householdsReached: 1201 },
        'input.householdsReached',
        /must not exceed the people reached/,
      ],
      ['a programme year far from the date', { programYear: 2022 }, 'input.programYear', /year of publication \(2025\)/],
      ['a province for a commune', { communeCode: '11' }, 'input.communeCode', /5-digit/],
      ['a malformed province', { provinceCode: '1A' }, 'input.provinceCode', /administrative unit code/],
      ['no office', { producingOffice: '' }, 'input.producingOffice', /must not be empty/],
    ];
    for (const [what, overrides, field, message] of cases) {
      const res = await run(RECORD, { input: product(overrides), k: key() }, OFFICER);
      expect({ what, ext: res.errors?.[0]?.extensions }).toMatchObject({ what, ext: { code: 'BAD_USER_INPUT', field } });
      expect({ what, message: res.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    // A kind outside the enum never reaches the resolver.
    const podcast = await run(RECORD, { input: product({ kind: 'PODCAST' }), k: key() }, OFFICER);
    expect(podcast.errors?.[0]?.message).toMatch(/CommunicationProductKind/);
    expect(await q(`SELECT count(*)::int AS n FROM communication_product`)).toEqual([{ n: 2 }]);
  });

  it("refuses a commune outside the writer's scope, and writers of other agencies", async () => {
    const outside = await run(RECORD, { input: product({ communeCode: '03163' }), k: key() }, OFFICER);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.communeCode' });
    // A province officer writes for the communes of its province only.
    const otherProvince = await run(
      RECORD,
      { input: product({ communeCode: '01234', provinceCode: '12' }), k: key() },
      PROVINCE_OFFICER,
    );
    expect(otherProvince.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.communeCode' });
    const labor = { principal: testPrincipal({ agency: 'labor' }) };
    expect((await run(RECORD, { input: product(), k: key() }, labor)).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Mutation.recordCommunicationProduct',
    });
    expect(codes(await run(RECORD, { input: product(), k: key() }, ANALYST))).toEqual(['FORBIDDEN']);
  });
});

describe('listing and summarising communication products', () => {
  beforeAll(async () => {
    const more: Array<Record<string, unknown>> = [
      { kind: 'LEAFLET', title: 'Tờ rơi vay vốn ưu đãi', publishedOn: '2025-01-15', audienceReach: 300, householdsReached: 300 },
      {
        kind: 'LEAFLET',
        title: 'Tờ rơi chuẩn nghèo 2024',
        publishedOn: '2024-11-20',
        audienceReach: 250,
        householdsReached: 240,
        programYear: 2024,
      },
      { kind: 'BROADCAST', title: 'Bản tin tháng 6', publishedOn: '2025-06-10', audienceReach: 1100, householdsReached: 350 },
      {
        kind: 'STAGED_PERFORMANCE',
        title: 'Văn nghệ tuyên truyền',
        publishedOn: '2025-03-20',
        audienceReach: 450,
        householdsReached: null,
        communeCode: '03163',
      },
    ];
    for (const overrides of more) {
      const res = await run(RECORD, { input: product(overrides), k: key() }, PROVINCE_OFFICER);
      expect(res.errors).toBeUndefined();
    }
  });

  it("pages a commune's products newest first, with a cursor, and filters by year and kind", async () => {
    const first = await list({ c: '03160', first: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.nodes.map((n) => n.publishedOn)).toEqual(['2025-06-10', '2025-05-05']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({ c: '03160', first: 2, a: first.pageInfo.endCursor });
    expect(second.totalCount).toBe(5);
    // Two products share 2025-05-05 (the broadcast and the information point): the id breaks the tie, none is skipped.
    const third = await list({ c: '03160', first: 2, a: second.pageInfo.endCursor });
    expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    expect([...first.nodes, ...second.nodes, ...third.nodes].map((n) => n.publishedOn)).toEqual([
      '2025-06-10',
      '2025-05-05',
      '2025-05-05',
      '2025-01-15',
      '2024-11-20',
    ]);
    const leaflets2025 = await list({ c: '03160', y: 2025, kind: 'LEAFLET' });
    expect(leaflets2025).toMatchObject({ totalCount: 1, nodes: [{ title: 'Tờ rơi vay vốn ưu đãi' }] });
    const province2024 = await list({ c: '11', y: 2024 }, PROVINCE_OFFICER);
    expect(province2024.nodes.map((n) => n.title)).toEqual(['Tờ rơi chuẩn nghèo 2024']);
    const performances = await list({ c: '11', kind: 'STAGED_PERFORMANCE' }, PROVINCE_OFFICER);
    expect(performances.nodes.map((n) => n.title)).toEqual(['Văn nghệ tuyên truyền']);
    // Past the last page: no rows, the total still told.
    const end = await list({ c: '03160', first: 5, a: third.pageInfo.endCursor });
    expect(end).toEqual({ totalCount: 5, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses a bad page request naming the argument', async () => {
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ a: 'not-a-cursor' }, 'after'],
      [{ a: Buffer.from(JSON.stringify(["2025-01-01' OR 1=1", 'x'])).toString('base64url') }, 'after'],
      [{ y: 1999 }, 'programYear'],
    ] as const) {
      const res = await run(LIST, { c: '03160', ...variables }, OFFICER);
      expect({ variables, ext: res.errors?.[0]?.extensions }).toMatchObject({
        variables,
        ext: { code: 'BAD_USER_INPUT', field },
      });
    }
  });

  it('totals products by kind for a commune and a province, for a year or all years; analysts read the totals', async () => {
    const query = `query($y: Int) { _entities(representations: [{ __typename: "AdminUnit", code: "03160" }, { __typename: "AdminUnit", code: "11" }]) {
      ... on AdminUnit { code communicationSummary(programYear: $y) { kind subProject productCount audienceReached householdsReached productsReportingHouseholds } } } }`;
    const all = await run(query, {}, ANALYST);
    expect(all.errors).toBeUndefined();
    expect(all.data?._entities).toEqual([
      {
        code: '03160',
        communicationSummary: [
          {
            kind: 'PUBLIC_INFORMATION_POINT',
            subProject: 1,
            productCount: 1,
            audienceReached: 80,
            householdsReached: 0,
            productsReportingHouseholds: 0,
          },
          {
            kind: 'BROADCAST',
            subProject: 2,
            productCount: 2,
            audienceReached: 2300,
            householdsReached: 725,
            productsReportingHouseholds: 2,
          },
          {
            kind: 'LEAFLET',
            subProject: 2,
            productCount: 2,
            audienceReached: 550,
            householdsReached: 540,
            productsReportingHouseholds: 2,
          },
        ],
      },
      {
        code: '11',
        communicationSummary: [
          {
            kind: 'PUBLIC_INFORMATION_POINT',
            subProject: 1,
            productCount: 1,
            audienceReached: 80,
            householdsReached: 0,
            productsReportingHouseholds: 0,
          },
          {
            kind: 'BROADCAST',
            subProject: 2,
            productCount: 2,
            audienceReached: 2300,
            householdsReached: 725,
            productsReportingHouseholds: 2,
          },
          {
            kind: 'LEAFLET',
            subProject: 2,
            productCount: 2,
            audienceReached: 550,
            householdsReached: 540,
            productsReportingHouseholds: 2,
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
      },
    ]);
    const y2024 = await run(query, { y: 2024 }, ANALYST);
    expect((y2024.data?._entities as Array<{ communicationSummary: unknown[] }>).map((u) => u.communicationSummary)).toEqual([
      [
        {
          kind: 'LEAFLET',
          subProject: 2,
          productCount: 1,
          audienceReached: 250,
          householdsReached: 240,
          productsReportingHouseholds: 1,
        },
      ],
      [
        {
          kind: 'LEAFLET',
          subProject: 2,
          productCount: 1,
          audienceReached: 250,
          householdsReached: 240,
          productsReportingHouseholds: 1,
        },
      ],
    ]);
  });
});
