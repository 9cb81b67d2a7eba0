import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { todayInVietnam } from '@gnbv/kit';
import { type DevTokenOptions, type Principal, type Purpose } from '@gnbv/platform';
import type { BenchPlatform } from './platform';

/*
 * The four operations of `npm run bench` (issue 8), each with the user who would send it:
 *   (a) eligibility: the bank's eligibility service checks one household (labor's category
 *       periods @requires'd by the bank): a random household per request;
 *   (b) commune page: an agriculture officer of the province opens a (random) commune's first 50
 *       households with category, members (counted by the page), every agency's supports and loans;
 *   (c) province report: the steering committee's analyst reads the province's poverty report and
 *       coverage report (groups, communes, targeting);
 *   (d) record delivery: the agriculture officer records a Project 3 seed delivery to a poor
 *       household with labor's signed registry statement, a fresh idempotency key per request.
 *       Every request adds a support row: the data grows while this runs.
 */

export interface BenchUser {
  token: DevTokenOptions;
  /** X-Purpose of the requests. */
  purpose?: Purpose;
}

export interface BenchOperation {
  key: string;
  name: string;
  user: BenchUser;
  operationName: string;
  query: string;
  /** The variables of one request (a random household, a fresh idempotency key). */
  variables(): Record<string, unknown>;
  /** Why a response's data is not what the operation must return, or null when it is. */
  check(data: Record<string, unknown>): string | null;
  /** Called before each gateway's run (the mutation fetches fresh registry statements). */
  prepare?(): Promise<void>;
}

/** The principal (and purpose) a subgraph in benchmark mode gives a request of this user. */
export function benchmarkPrincipalOf(user: BenchUser): { principal: Principal; purpose?: Purpose } {
  const t = user.token;
  const principal: Principal = {
    subject: t.subject ?? 'bench',
    agency: t.agency,
    roles: t.roles,
    kind: t.kind ?? 'person',
    scope: t.scope,
  };
  return user.purpose ? { principal, purpose: user.purpose } : { principal };
}

const ELIGIBILITY = `query Eligibility($id: ID!, $on: Date!) { household(id: $id) { id
  loanEligibility(programme: POOR_HOUSEHOLD, on: $on) { eligible category headroom annualRatePercent maxTermMonths reasons { code } } } }`;

const SUPPORT = 'kind value status deliveredOn';
const COMMUNE_PAGE = `query CommunePage($code: String!, $first: Int!) { adminUnit(code: $code) { code name
  households(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { id code category members { id }
    laborSupports { ${SUPPORT} } productionSupports { ${SUPPORT} } informationSupports { ${SUPPORT} }
    loans { program status } } } } }`;

const POVERTY = `households reviewed poor poorRate nearPoor nearPoorRate poorChange poorRateChangePoints targetMet
  movements { escapedPoverty relapsed newlyArising newlyEscapedInWindow } deprivation { indicator households share }`;
const GROUP = `category households byProject { project households share } borrowing several none`;
const PROVINCE_REPORT = `query ProvinceReport($code: String!, $year: Int!) { adminUnit(code: $code) { code
  povertyReport(year: $year) { ${POVERTY} }
  coverageReport(year: $year) { groups { ${GROUP} } communes { communeCode communeName groups { ${GROUP} } }
    targeting { informationDeprived informationDeprivedReached informationReachedNotDeprived poorNoWorkingCapacity poorNoWorkingCapacityReached } } } }`;

const RECORD_DELIVERY = `mutation RecordDelivery($input: SupportInput!, $key: String!) {
  recordProductionSupport(input: $input, idempotencyKey: $key) { id agency project kind status household { id } } }`;

/** The operations' GraphQL, for the invariant tests (test/src/bench-invariants.test.ts). */
export const BENCH_QUERIES = {
  eligibility: ELIGIBILITY,
  communePage: COMMUNE_PAGE,
  provinceReport: PROVINCE_REPORT,
  recordDelivery: RECORD_DELIVERY,
} as const;

const pickFrom = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

export interface BenchDataSet {
  households: number;
  province: string;
  /** The largest commune, and how many communes the commune page picks from. */
  commune: string;
  communeHouseholds: number;
  communes: number;
  year: number;
}

/** Samples what the operations ask about from the seeded databases, and builds them. */
export async function benchOperations(
  platform: Pick<BenchPlatform, 'sql' | 'subgraphUrls'>,
  pageSize = 50,
): Promise<{
  dataSet: BenchDataSet;
  operations: BenchOperation[];
}> {
  const [sizes] = await platform.sql<{ province_code: string; n: number; total: number }>(
    'labor',
    `SELECT province_code, count(*)::int AS n, sum(count(*)) OVER ()::int AS total FROM household GROUP BY province_code ORDER BY n DESC LIMIT 1`,
  );
  if (!sizes) throw new Error('the labor database holds no households');
  const province = sizes.province_code;
  // Every commune of the province with a full page: each request opens one of them, so a gateway
  // that merges identical in-flight requests (Hive's default) does not answer most from one.
  const communes = await platform.sql<{ commune_code: string; n: number }>(
    'labor',
    `SELECT commune_code, count(*)::int AS n FROM household WHERE province_code = $1 GROUP BY commune_code HAVING count(*) >= $2 ORDER BY n DESC`,
    [province, pageSize],
  );
  const commune = communes[0];
  if (!commune) throw new Error(`no commune of province ${province} holds ${pageSize} households`);
  const communeCodes = communes.map((c) => c.commune_code);
  const eligibilityIds = [
    ...(
      await platform.sql<{ id: string }>(
        'social-policy-bank',
        `SELECT DISTINCT household_id AS id FROM savings_group_member TABLESAMPLE SYSTEM (20) LIMIT 5000`,
      )
    ).map((r) => r.id),
    ...(await platform.sql<{ id: string }>('labor', `SELECT id FROM household TABLESAMPLE SYSTEM (5) LIMIT 5000`)).map(
      (r) => r.id,
    ),
  ];
  const poorIds = (
    await platform.sql<{ id: string }>(
      'labor',
      `SELECT id FROM household WHERE province_code = $1 AND category = 'POOR' ORDER BY md5(id::text) LIMIT 200`,
      [province],
    )
  ).map((r) => r.id);
  if (!eligibilityIds.length || !poorIds.length) throw new Error('the databases hold no households to sample');
  const year = 2025;
  const today = todayInVietnam();
  const agricultureOfficer: BenchUser = {
    token: { agency: 'agriculture', roles: ['officer'], scope: [province], subject: 'bench-agriculture-officer' },
    purpose: 'support-delivery',
  };

  // Registry statements for the mutation, valid 15 minutes: fetched again before each gateway's run.
  let statements: Array<{ id: string; statement: string }> = [];
  const delivery: BenchOperation = {
    key: 'd',
    name: '(d) record a delivery',
    user: agricultureOfficer,
    operationName: 'RecordDelivery',
    query: RECORD_DELIVERY,
    variables: () => {
      const { id, statement } = pickFrom(statements);
      return {
        input: {
          householdId: id,
          registryAttestation: statement,
          kind: 'SEEDS',
          description: 'Giống ngô lai (benchmark)',
          quantity: 20,
          value: 1_200_000,
          on: today,
          deliveringOffice: 'Phòng Kinh tế xã',
          programYear: Number(today.slice(0, 4)),
        },
        key: randomUUID(),
      };
    },
    check: (data) => {
      const s = obj(data.recordProductionSupport);
      return s?.status === 'DELIVERED' && s.project === 3 && typeof obj(s.household)?.id === 'string'
        ? null
        : 'no delivered support';
    },
    prepare: async () => undefined,
  };

  return {
    dataSet: {
      households: sizes.total,
      province,
      commune: commune.commune_code,
      communeHouseholds: commune.n,
      communes: communeCodes.length,
      year,
    },
    operations: [
      {
        key: 'a',
        name: '(a) eligibility, one household',
        user: {
          token: {
            agency: 'social-policy-bank',
            roles: ['service'],
            kind: 'service',
            scope: ['VN'],
            purpose: 'loan-eligibility',
            subject: 'bench-eligibility',
          },
          purpose: 'loan-eligibility',
        },
        operationName: 'Eligibility',
        query: ELIGIBILITY,
        variables: () => ({ id: pickFrom(eligibilityIds), on: today }),
        check: (data) =>
          typeof obj(obj(data.household)?.loanEligibility)?.eligible === 'boolean' ? null : 'no eligibility answer',
      },
      {
        key: 'b',
        name: `(b) commune page, ${pageSize} households`,
        user: agricultureOfficer,
        operationName: 'CommunePage',
        query: COMMUNE_PAGE,
        variables: () => ({ code: pickFrom(communeCodes), first: pageSize }),
        check: (data) => {
          const nodes = obj(obj(obj(data.adminUnit)?.households))?.nodes;
          if (!Array.isArray(nodes) || nodes.length !== pageSize) return `expected ${pageSize} households`;
          const lists = ['members', 'laborSupports', 'productionSupports', 'informationSupports', 'loans'];
          return nodes.every((n) => typeof obj(n)?.category === 'string' && lists.every((l) => Array.isArray(obj(n)?.[l])))
            ? null
            : 'a household without its category, members, supports or loans';
        },
      },
      {
        key: 'c',
        name: '(c) province report',
        user: {
          token: { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'], subject: 'bench-analyst' },
          purpose: 'statistics',
        },
        operationName: 'ProvinceReport',
        query: PROVINCE_REPORT,
        variables: () => ({ code: province, year }),
        check: (data) => {
          const unit = obj(data.adminUnit);
          const coverage = obj(unit?.coverageReport);
          return typeof obj(unit?.povertyReport)?.poor === 'number' &&
            Array.isArray(coverage?.groups) &&
            (coverage.groups as unknown[]).length > 0 &&
            Array.isArray(coverage.communes) &&
            (coverage.communes as unknown[]).length > 0
            ? null
            : 'no poverty figures, coverage groups or communes';
        },
      },
      {
        ...delivery,
        prepare: async () => {
          statements = [];
          // Asked straight from labor, which in benchmark mode takes the officer as the caller.
          const url = platform.subgraphUrls.labor as string;
          for (let i = 0; i < poorIds.length; i += 50) {
            const ids = poorIds.slice(i, i + 50);
            const fields = ids.map((id, j) => `h${j}: household(id: "${id}") { id registryAttestation(on: "${today}") }`);
            const res = await request(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: `{ ${fields.join(' ')} }` }),
            });
            const body = (await res.body.json()) as { data?: Record<string, { id: string; registryAttestation: string } | null> };
            for (const h of Object.values(body.data ?? {}))
              if (h?.registryAttestation) statements.push({ id: h.id, statement: h.registryAttestation });
          }
          if (!statements.length) throw new Error('labor gave no registry statement for the mutation');
        },
      },
    ],
  };
}
