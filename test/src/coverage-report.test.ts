import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { envPrefix } from '@gnbv/platform';
import type { DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

/*
 * Issue 7's coverage report through the gateway over HTTP: labor's CoverageReport joins the
 * households agriculture (Project 3), culture-information (Project 6) and the bank (loans owed
 * during the year) reached, sent as @inaccessible household sets that labor @requires. The
 * fixtures are a province of their own ("97", two communes) whose every figure is known by hand.
 */

const YEAR = 2025;
const PROVINCE = '97';
const A = '97001';
const B = '97002';
let platform: Platform;

const ANALYST: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };
const officerOf = (agency: DevTokenOptions['agency'], scope: string[]): DevTokenOptions => ({
  agency,
  roles: ['officer'],
  scope,
});

type Cls = 'POOR' | 'NEAR_POOR' | 'AVERAGE_LIVING_STANDARD';
interface Fixture {
  code: string;
  commune: string;
  noWorkingCapacity?: boolean;
  /** Certified reviews: year, class, deprivations, certification day; `corrects` makes it a correction of the year's first. */
  reviews: Array<{ year: number; cls: Cls; dep?: number[]; on: string; corrects?: boolean }>;
  supports?: Array<{
    agency: 'labor' | 'agriculture' | 'culture-information';
    project: number;
    kind: string;
    status: string;
    year: number;
  }>;
  loans?: Array<{ disbursedOn: string; settledOn?: string }>;
}

/*
 * Commune A: A1 poor, reached by projects 2, 3, 6 and a loan (several), no working capacity,
 * deprived on 11; A2 poor, nothing (none), no working capacity, deprived on 12; A3 near-poor with
 * Project 6 but not deprived on 11/12 (mis-targeting); A4 near-poor and newly escaped (poor in
 * 2024), only a 2024 and a planned support (none); A5 on no list, deprived on 11 and 12, Project 6.
 * Commune B: B1 poor with projects 3 and 4 (several), no working capacity; B2 newly escaped
 * (poor 2023, escaped 2024) with a loan settled on 1 January 2025 (borrowing); B3 poor by a
 * correction of a near-poor review, a loan settled on 31 December 2024 and a cancelled support (none).
 */
const HOUSEHOLDS: Fixture[] = [
  {
    code: 'T97-A1',
    commune: A,
    noWorkingCapacity: true,
    reviews: [{ year: 2025, cls: 'POOR', dep: [1, 4, 11], on: '2025-12-01' }],
    supports: [
      { agency: 'labor', project: 2, kind: 'START_UP_CAPITAL', status: 'DELIVERED', year: 2025 },
      { agency: 'agriculture', project: 3, kind: 'BREEDING_ANIMALS', status: 'VERIFIED', year: 2025 },
      { agency: 'culture-information', project: 6, kind: 'TELEVISION', status: 'DELIVERED', year: 2025 },
    ],
    loans: [{ disbursedOn: '2024-03-01' }],
  },
  {
    code: 'T97-A2',
    commune: A,
    noWorkingCapacity: true,
    reviews: [{ year: 2025, cls: 'POOR', dep: [1, 4, 12], on: '2025-12-01' }],
  },
  {
    code: 'T97-A3',
    commune: A,
    reviews: [{ year: 2025, cls: 'NEAR_POOR', dep: [4], on: '2025-12-01' }],
    supports: [{ agency: 'culture-information', project: 6, kind: 'RADIO', status: 'VERIFIED', year: 2025 }],
  },
  {
    code: 'T97-A4',
    commune: A,
    reviews: [
      { year: 2024, cls: 'POOR', dep: [1, 4, 9], on: '2024-12-10' },
      { year: 2025, cls: 'NEAR_POOR', dep: [9], on: '2025-12-05' },
    ],
    supports: [
      { agency: 'agriculture', project: 3, kind: 'SEEDS', status: 'DELIVERED', year: 2024 },
      { agency: 'agriculture', project: 3, kind: 'SEEDS', status: 'PLANNED', year: 2025 },
    ],
  },
  {
    code: 'T97-A5',
    commune: A,
    reviews: [{ year: 2025, cls: 'AVERAGE_LIVING_STANDARD', dep: [11, 12], on: '2025-12-01' }],
    supports: [{ agency: 'culture-information', project: 6, kind: 'PHONE', status: 'DELIVERED', year: 2025 }],
  },
  {
    code: 'T97-B1',
    commune: B,
    noWorkingCapacity: true,
    reviews: [{ year: 2025, cls: 'POOR', dep: [1, 2, 3], on: '2025-12-02' }],
    supports: [
      { agency: 'agriculture', project: 3, kind: 'FERTILISER', status: 'DELIVERED', year: 2025 },
      { agency: 'labor', project: 4, kind: 'VOCATIONAL_TRAINING', status: 'VERIFIED', year: 2025 },
    ],
  },
  {
    code: 'T97-B2',
    commune: B,
    reviews: [
      { year: 2023, cls: 'POOR', dep: [1, 2, 3], on: '2023-12-01' },
      { year: 2024, cls: 'AVERAGE_LIVING_STANDARD', on: '2024-12-01' },
      { year: 2025, cls: 'AVERAGE_LIVING_STANDARD', on: '2025-12-02' },
    ],
    loans: [{ disbursedOn: '2020-05-01', settledOn: '2025-01-01' }],
  },
  {
    code: 'T97-B3',
    commune: B,
    reviews: [
      { year: 2025, cls: 'NEAR_POOR', dep: [1], on: '2025-11-20' },
      { year: 2025, cls: 'POOR', dep: [1, 2, 7], on: '2025-12-03', corrects: true },
    ],
    supports: [{ agency: 'labor', project: 5, kind: 'HOUSE_REPAIR', status: 'CANCELLED', year: 2025 }],
    loans: [{ disbursedOn: '2021-05-01', settledOn: '2024-12-31' }],
  },
];

const ids = new Map<string, string>();

async function insertFixtures(p: Platform) {
  const labor = p.dataSources.labor!;
  await labor.query(
    `INSERT INTO admin_unit (code, name, level, parent_code, valid_from) VALUES ($1, 'Tỉnh Thử Nghiệm', 'PROVINCE', NULL, '2020-01-01')`,
    [PROVINCE],
  );
  for (const [code, name] of [
    [A, 'Xã Thử A'],
    [B, 'Xã Thử B'],
  ])
    await labor.query(
      `INSERT INTO admin_unit (code, name, level, parent_code, valid_from) VALUES ($1, $2, 'COMMUNE', $3, '2020-01-01')`,
      [code, name, PROVINCE],
    );
  const group = new Map<string, string>();
  for (const commune of [A, B]) {
    const id = randomUUID();
    group.set(commune, id);
    await p.dataSources['social-policy-bank']!.query(
      `INSERT INTO savings_group (id, code, name, commune_code, province_code, entrusted_to) VALUES ($1, $2, 'Tổ thử', $3, $4, 'WOMENS_UNION')`,
      [id, `TK-${commune}`, commune, PROVINCE],
    );
  }
  for (const h of HOUSEHOLDS) {
    const id = randomUUID();
    ids.set(h.code, id);
    await labor.query(
      `INSERT INTO household (id, code, commune_code, village, address, area, category, no_working_capacity, registered_on)
       VALUES ($1, $2, $3, 'Bản Thử', 'Bản Thử', 'RURAL', 'POOR', $4, '2020-01-01')`,
      [id, h.code, h.commune, h.noWorkingCapacity ?? false],
    );
    const firstOfYear = new Map<number, string>();
    for (const r of h.reviews) {
      const reviewId = randomUUID();
      if (!r.corrects) firstOfYear.set(r.year, reviewId);
      await labor.query(
        `INSERT INTO poverty_review (id, household_id, year, review_date, state, deprived_indicators, classification, certified_by, certified_on, correction_of)
         VALUES ($1, $2, $3, $4, 'CERTIFIED', $5, $6, 'test', $4, $7)`,
        [reviewId, id, r.year, r.on, r.dep ?? [], r.cls, r.corrects ? firstOfYear.get(r.year) : null],
      );
    }
    for (const s of h.supports ?? []) {
      const delivered = s.status === 'DELIVERED' || s.status === 'VERIFIED';
      await p.dataSources[s.agency]!.query(
        `INSERT INTO support (household_id, commune_code, province_code, project, kind, description, quantity, unit, value, status,
                              planned_on, delivered_on, verified_on, cancelled_on, cancel_reason, delivering_office, program_year, recorded_by)
         VALUES ($1, $2, $3, $4, $5, 'thử', 1, 'gói', 1000000, $6, $7, $8, $9, $10, $11, 'Phòng thử', $12, 'test')`,
        [
          id,
          h.commune,
          PROVINCE,
          s.project,
          s.kind,
          s.status,
          `${s.year}-06-01`,
          delivered ? `${s.year}-06-01` : null,
          s.status === 'VERIFIED' ? `${s.year}-06-15` : null,
          s.status === 'CANCELLED' ? `${s.year}-06-02` : null,
          s.status === 'CANCELLED' ? 'thử hủy' : null,
          s.year,
        ],
      );
    }
    for (const l of h.loans ?? []) {
      await p.dataSources['social-policy-bank']!.query(
        `INSERT INTO loan (household_id, commune_code, province_code, savings_group_id, program, status, amount_requested, term_months,
                           principal, annual_rate_percent, overdue_rate_percent, purpose, applied_on, approved_on, disbursed_on,
                           matures_on, settled_on, category_at_disbursement, recorded_by)
         VALUES ($1, $2, $3, $4, 'POOR_HOUSEHOLD', $5, 20000000, 60, 20000000, 6.6, 8.58, 'Chăn nuôi', $6, $6, $6,
                 ($6::date + interval '60 months')::date, $7, 'POOR', 'test')`,
        [id, h.commune, PROVINCE, group.get(h.commune), l.settledOn ? 'SETTLED' : 'REPAYING', l.disbursedOn, l.settledOn ?? null],
      );
    }
  }
}

beforeAll(async () => {
  platform = await startPlatform();
  await insertFixtures(platform);
});
afterAll(() => platform?.stop());

const GROUP = 'category households byProject { project projectName households share } borrowing several none';
const REPORT = `query Coverage($code: String!, $year: Int!) {
  adminUnit(code: $code) { coverageReport(year: $year) {
    unitCode year
    groups { ${GROUP} }
    communes { communeCode communeName groups { ${GROUP} } }
    targeting { informationDeprived informationDeprivedReached informationReachedNotDeprived poorNoWorkingCapacity poorNoWorkingCapacityReached }
  } } }`;

interface Group {
  category: string;
  households: number;
  byProject: Array<{ project: number; projectName: string; households: number; share: number }>;
  borrowing: number;
  several: number;
  none: number;
}

/** A group as expected: households, reach per project 2..6, borrowing, several, none. */
const group = (
  category: string,
  households: number,
  projects: [number, number, number, number, number],
  borrowing: number,
  several: number,
  none: number,
) => ({
  category,
  households,
  byProject: [2, 3, 4, 5, 6].map((project, i) => ({
    project,
    households: projects[i],
    share: households ? Math.round((projects[i]! / households) * 10_000) / 100 : 0,
  })),
  borrowing,
  several,
  none,
});
const shape = (g: Group) => ({
  ...g,
  byProject: g.byProject.map(({ project, households, share }) => ({ project, households, share })),
});

const PROVINCE_GROUPS = [
  group('POOR', 4, [1, 2, 1, 0, 1], 1, 2, 2),
  group('NEAR_POOR', 2, [0, 0, 0, 0, 1], 0, 0, 1),
  group('NEWLY_ESCAPED', 2, [0, 0, 0, 0, 0], 1, 0, 1),
];
const COMMUNE_A = [
  group('POOR', 2, [1, 1, 0, 0, 1], 1, 1, 1),
  group('NEAR_POOR', 2, [0, 0, 0, 0, 1], 0, 0, 1),
  group('NEWLY_ESCAPED', 1, [0, 0, 0, 0, 0], 0, 0, 1),
];
const COMMUNE_B = [
  group('POOR', 2, [0, 1, 1, 0, 0], 0, 1, 1),
  group('NEAR_POOR', 0, [0, 0, 0, 0, 0], 0, 0, 0),
  group('NEWLY_ESCAPED', 1, [0, 0, 0, 0, 0], 1, 0, 0),
];

async function report(code: string, as: DevTokenOptions = officerOf('labor', [PROVINCE])) {
  const res = await platform.query(REPORT, { code, year: YEAR }, { as, purpose: 'statistics' });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data?.adminUnit as { coverageReport: Record<string, unknown> }).coverageReport as {
    unitCode: string;
    year: number;
    groups: Group[];
    communes: Array<{ communeCode: string; communeName: string; groups: Group[] }>;
    targeting: Record<string, number>;
  };
}

describe('issue 7: the coverage report joins four agencies on CoverageReport(unitCode, year)', () => {
  it("counts each list's households reached by each project, the bank, several and none, for the province and per commune", async () => {
    const r = await report(PROVINCE);
    expect([r.unitCode, r.year]).toEqual([PROVINCE, YEAR]);
    expect(r.groups.map(shape)).toEqual(PROVINCE_GROUPS);
    expect(r.groups[0]!.byProject.map((p) => p.projectName)).toEqual([
      'Livelihood diversification and poverty-reduction models',
      'Production support and nutrition',
      'Vocational training and sustainable jobs',
      'Housing for poor and near-poor households',
      'Communication and information poverty reduction',
    ]);
    expect(r.communes.map((c) => [c.communeCode, c.communeName])).toEqual([
      [A, 'Xã Thử A'],
      [B, 'Xã Thử B'],
    ]);
    expect(r.communes[0]!.groups.map(shape)).toEqual(COMMUNE_A);
    expect(r.communes[1]!.groups.map(shape)).toEqual(COMMUNE_B);
    expect(r.targeting).toEqual({
      informationDeprived: 3,
      informationDeprivedReached: 2,
      informationReachedNotDeprived: 1,
      poorNoWorkingCapacity: 3,
      poorNoWorkingCapacityReached: 2,
    });
  });

  it('gives a commune its own figures, the same as its row in the province', async () => {
    const r = await report(B);
    expect(r.groups.map(shape)).toEqual(COMMUNE_B);
    expect(r.communes.map((c) => c.communeCode)).toEqual([B]);
    expect(r.targeting).toEqual({
      informationDeprived: 0,
      informationDeprivedReached: 0,
      informationReachedNotDeprived: 0,
      poorNoWorkingCapacity: 1,
      poorNoWorkingCapacityReached: 1,
    });
  });

  it("counts only the reader's scope: an officer of commune A asking for the province sees commune A's figures", async () => {
    const r = await report(PROVINCE, officerOf('agriculture', [A]));
    expect(r.groups.map(shape)).toEqual(COMMUNE_A);
    expect(r.communes.map((c) => c.communeCode)).toEqual([A]);
  });

  it('lists the households nothing reached, paginated, once each even when on two lists', async () => {
    const page = (args: string) =>
      platform.query(
        `{ adminUnit(code: "${PROVINCE}") { coverageReport(year: ${YEAR}) { noneReceived(${args}) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id code } } } } }`,
        {},
        { as: officerOf('labor', [PROVINCE]) },
      );
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: Array<{ id: string; code: string }>;
    };
    const nodesOf = (res: Awaited<ReturnType<typeof page>>) => {
      expect(res.body.errors).toBeUndefined();
      return (res.body.data?.adminUnit as { coverageReport: { noneReceived: Page } }).coverageReport.noneReceived;
    };
    const first = nodesOf(await page('first: 2'));
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n) => n.code)).toEqual(['T97-A2', 'T97-A4']);
    expect(first.nodes[0]!.id).toBe(ids.get('T97-A2'));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = nodesOf(await page(`first: 2, after: "${first.pageInfo.endCursor}"`));
    expect(second.totalCount).toBe(3);
    expect(second.nodes.map((n) => n.code)).toEqual(['T97-B3']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const escaped = nodesOf(await page('category: NEWLY_ESCAPED'));
    expect([escaped.totalCount, escaped.nodes.map((n) => n.code)]).toEqual([1, ['T97-A4']]);
    const refused = await page('category: NOT_POOR');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an analyst the household list (FORBIDDEN) but gives the figures', async () => {
    const res = await platform.query(
      `{ adminUnit(code: "${PROVINCE}") { coverageReport(year: ${YEAR}) { groups { category none } noneReceived { totalCount } } } }`,
      {},
      { as: ANALYST, purpose: 'statistics' },
    );
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const r = (res.body.data?.adminUnit as { coverageReport: { groups: Group[]; noneReceived: unknown } }).coverageReport;
    expect(r.noneReceived).toBeNull();
    expect(r.groups.map((g) => [g.category, g.none])).toEqual([
      ['POOR', 2],
      ['NEAR_POOR', 1],
      ['NEWLY_ESCAPED', 1],
    ]);
  });

  it('never lets a client select a household set: validation refuses it and the API schema does not have it', async () => {
    const res = await platform.query(
      `{ adminUnit(code: "${PROVINCE}") { coverageReport(year: ${YEAR}) { productionHouseholds } } }`,
      {},
      { as: ANALYST, purpose: 'statistics' },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/productionHouseholds/);
    const schema = await platform.query(`{ __type(name: "CoverageReport") { fields { name } } }`, {}, { as: ANALYST });
    const fields = (schema.body.data?.__type as { fields: Array<{ name: string }> }).fields.map((f) => f.name).sort();
    expect(fields).toEqual(['communes', 'groups', 'noneReceived', 'targeting', 'unitCode', 'year']);
  });

  it('refuses a year out of range, naming the argument', async () => {
    const res = await platform.query(
      `{ adminUnit(code: "${PROVINCE}") { coverageReport(year: 1900) { unitCode } } }`,
      {},
      { as: ANALYST },
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('costs the same subgraph fetches and SQL statements for a province as for a commune, and for four communes broken out as for two', async () => {
    // Counting proxies in front of each subgraph, and a second gateway that uses them.
    const fetches: Record<string, number> = {};
    const proxies: Server[] = [];
    const env: Record<string, string> = {};
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      fetches[name] = 0;
      const proxy = createServer(async (req, res) => {
        fetches[name] = (fetches[name] ?? 0) + 1;
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const answer = await request(url, {
          method: 'POST',
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        });
        res.writeHead(answer.statusCode, { 'content-type': 'application/json' });
        res.end(Buffer.from(await answer.body.arrayBuffer()));
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxies.push(proxy);
      env[`${envPrefix(name)}_URL`] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    }
    const gateway = await platform.startGateway(env);
    const costOf = async (code: string, withChildren: boolean) => {
      const statements: Record<string, number> = {};
      for (const name of Object.keys(fetches)) fetches[name] = 0;
      const originals = new Map<string, unknown>();
      for (const [name, ds] of Object.entries(platform.dataSources)) {
        statements[name] = 0;
        const original = ds.logger;
        originals.set(name, original);
        const counting = Object.create(original) as typeof original;
        counting.logQuery = () => {
          statements[name] = (statements[name] ?? 0) + 1;
        };
        (ds as { logger: typeof original }).logger = counting;
      }
      try {
        const children = withChildren
          ? `children { code coverageReport(year: $year) { groups { ${GROUP} } targeting { poorNoWorkingCapacity } } }`
          : '';
        const res = await platform.query(
          `query($code: String!, $year: Int!) { adminUnit(code: $code) { coverageReport(year: $year) { groups { ${GROUP} } communes { communeCode groups { ${GROUP} } } } ${children} } }`,
          { code, year: YEAR },
          { url: gateway.url, as: officerOf('labor', ['VN']) },
        );
        expect(res.body.errors).toBeUndefined();
      } finally {
        for (const [name, ds] of Object.entries(platform.dataSources))
          (ds as { logger: unknown }).logger = originals.get(name) as typeof ds.logger;
      }
      return { fetches: { ...fetches }, statements };
    };
    try {
      const commune = await costOf(A, false);
      const province = await costOf(PROVINCE, false);
      const provinceWithChildren = await costOf(PROVINCE, true);
      // The demo province has four communes with households, the fixtures' two.
      const demoProvinceWithChildren = await costOf('11', true);
      expect(province).toEqual(commune);
      expect(demoProvinceWithChildren).toEqual(provinceWithChildren);
      // Each other agency: one fetch and one statement per report level, however many units are asked.
      for (const agency of ['agriculture', 'culture-information', 'social-policy-bank']) {
        expect([agency, province.fetches[agency], province.statements[agency]]).toEqual([agency, 1, 1]);
        expect([agency, provinceWithChildren.fetches[agency], provinceWithChildren.statements[agency]]).toEqual([agency, 2, 2]);
      }
      process.stdout.write(
        `issue 7 coverage report, subgraph fetches and SQL statements: ${JSON.stringify({ province, provinceWithChildren })}\n`,
      );
    } finally {
      await gateway.stop();
      for (const p of proxies) await new Promise((resolve) => p.close(resolve));
    }
  });
});
