import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { defaultSupergraphPath } from '@gnbv/gateway';
import {
  BENCH_QUERIES,
  buildDemoDataset,
  createPlanner,
  DEMO_LENDING,
  DEMO_PROGRAMME,
  DEMO_PROVINCE,
  type DevTokenOptions,
} from '@gnbv/ops';
import { startPlatform, type Platform, type QueryOptions } from './platform';

/*
 * Issue 8's invariants, as tests rather than timings, for each operation of `npm run bench`
 * (the same GraphQL, the same users), on the demo data:
 *   - each subgraph's SQL statements for the operation do not grow with its size (a page of 5
 *     households costs what a page of 50 costs; one household's check what another's costs; a
 *     province's report what a commune's costs; one delivery what another costs);
 *   - our gateway sends each subgraph at most one request per fetch of the query plan (the
 *     plan @apollo/gateway makes from the committed supergraph), whatever the number of
 *     households in the answer: counted by a proxy in front of each subgraph.
 */

const demo = buildDemoDataset();
const COMMUNE = DEMO_PROGRAMME.communeCode;
const PROVINCE = DEMO_PROVINCE.code;
const YEAR = 2025;
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const BANK_SERVICE: QueryOptions = {
  as: { agency: 'social-policy-bank', roles: ['service'], kind: 'service', scope: ['VN'], purpose: 'loan-eligibility' },
  purpose: 'loan-eligibility',
};
const AGRICULTURE_OFFICER: DevTokenOptions = { agency: 'agriculture', roles: ['officer'], scope: [PROVINCE] };
const FRONTEND: QueryOptions = { as: AGRICULTURE_OFFICER, purpose: 'support-delivery' };
const ANALYST: QueryOptions = {
  as: { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] },
  purpose: 'statistics',
};

interface Counts {
  sql: Record<string, number>;
  requests: Record<string, number>;
}

let platform: Platform;
let gateway: { url: string; stop(): Promise<void> };
const proxies: Server[] = [];
/** Requests each proxy passed on to its subgraph since the last reset. */
const requests: Record<string, number> = {};
const planner = createPlanner(readFileSync(defaultSupergraphPath(), 'utf8'));

/** A proxy in front of one subgraph that counts the requests the gateway sends it. */
async function countingProxy(name: string, target: string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests[name] = (requests[name] ?? 0) + 1;
      const headers = Object.fromEntries(
        ['authorization', 'content-type', 'x-request-id', 'x-purpose']
          .filter((h) => typeof req.headers[h] === 'string')
          .map((h) => [h, req.headers[h] as string]),
      );
      request(target, { method: 'POST', headers, body: Buffer.concat(chunks) }).then(
        async (answer) => {
          res.writeHead(answer.statusCode, { 'content-type': 'application/json' });
          res.end(Buffer.from(await answer.body.arrayBuffer()));
        },
        (error: Error) => {
          res.writeHead(502);
          res.end(error.message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  platform = await startPlatform();
  const overrides: Record<string, string> = {};
  for (const [name, url] of Object.entries(platform.subgraphUrls))
    overrides[`${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`] = await countingProxy(name, url);
  gateway = await platform.startGateway(overrides);
});
afterAll(async () => {
  await gateway?.stop();
  for (const p of proxies) await new Promise((resolve) => p.close(resolve));
  await platform?.stop();
});

/** Runs one operation through the counting gateway; returns its data and what it cost each subgraph. */
async function counted(
  query: string,
  variables: Record<string, unknown>,
  options: QueryOptions,
): Promise<Counts & { data: Record<string, unknown> }> {
  const sql: Record<string, number> = {};
  const originals = new Map<string, unknown>();
  for (const [name, ds] of Object.entries(platform.dataSources)) {
    sql[name] = 0;
    const original = ds.logger;
    originals.set(name, original);
    const counting = Object.create(original) as typeof original;
    counting.logQuery = () => {
      sql[name] = (sql[name] ?? 0) + 1;
    };
    (ds as { logger: typeof original }).logger = counting;
  }
  for (const name of Object.keys(platform.subgraphUrls)) requests[name] = 0;
  try {
    const res = await platform.query(query, variables, { ...options, url: gateway.url });
    expect(res.body.errors).toBeUndefined();
    return { data: res.body.data ?? {}, sql, requests: { ...requests } };
  } finally {
    for (const [name, ds] of Object.entries(platform.dataSources))
      (ds as { logger: unknown }).logger = originals.get(name) as typeof ds.logger;
  }
}

/** Every subgraph got at most as many requests as the plan has fetches for it. */
function expectWithinPlan(query: string, observed: Record<string, number>): void {
  const plan = planner.fetchesPerSubgraph(query);
  for (const [name, n] of Object.entries(observed)) expect([name, n <= (plan[name] ?? 0)]).toEqual([name, true]);
}

/** The subgraphs that got requests, and how many. */
const asked = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

const record = (name: string, counts: Counts) =>
  process.stdout.write(`issue 8 ${name}: SQL ${JSON.stringify(counts.sql)}, requests ${JSON.stringify(counts.requests)}\n`);

const householdByCode = (code: string) => demo.labor.households.find((h) => h.code === code)!;

describe('issue 8 invariants: what each benchmark operation costs the subgraphs does not grow with its size', () => {
  it('(a) the eligibility check costs the same statements for a household with one loan as with several, one request per plan fetch', async () => {
    const loansOf = new Map<string, number>();
    for (const l of demo.socialPolicyBank.loans) loansOf.set(l.householdId, (loansOf.get(l.householdId) ?? 0) + 1);
    const oneLoan = [...loansOf].find(([, n]) => n === 1)![0];
    const [several, count] = [...loansOf].sort((x, y) => y[1] - x[1])[0]!;
    expect(count).toBeGreaterThan(1);
    const ask = (id: string) => counted(BENCH_QUERIES.eligibility, { id, on: TODAY }, BANK_SERVICE);
    const first = await ask(oneLoan);
    const second = await ask(several);
    const eligible = await ask(householdByCode(DEMO_LENDING.poorMemberWithoutLoan.householdCode).id);
    expect((eligible.data.household as { loanEligibility: { eligible: boolean } }).loanEligibility.eligible).toBe(true);
    expect(second.sql).toEqual(first.sql);
    expect(second.requests).toEqual(first.requests);
    expect(asked(first.requests)).toEqual(planner.fetchesPerSubgraph(BENCH_QUERIES.eligibility));
    expect(asked(first.requests)).toEqual({ labor: 1, 'social-policy-bank': 1 });
    record('(a) eligibility', first);
  });

  it('(b) the commune page costs each subgraph the same statements and requests for 50 households as for 5', async () => {
    const inCommune = demo.labor.households.filter((h) => h.communeCode === COMMUNE).length;
    expect(inCommune).toBeGreaterThanOrEqual(50);
    const page = (first: number) => counted(BENCH_QUERIES.communePage, { code: COMMUNE, first }, FRONTEND);
    const small = await page(5);
    const large = await page(50);
    const nodes = (large.data.adminUnit as { households: { nodes: Array<{ members: unknown[] }> } }).households.nodes;
    expect(nodes).toHaveLength(50);
    expect(large.sql).toEqual(small.sql);
    expect(large.requests).toEqual(small.requests);
    // Every agency the page reads is asked once for the whole page: one _entities request, not one
    // per household; the page reads the four agencies of the programme (an agency added later that
    // the page does not read is asked nothing).
    expect(asked(large.requests)).toEqual({ labor: 1, agriculture: 1, 'culture-information': 1, 'social-policy-bank': 1 });
    expectWithinPlan(BENCH_QUERIES.communePage, large.requests);
    record('(b) commune page of 50', large);
  });

  it("(c) the province report costs the same statements and requests as one commune's, one request per plan fetch", async () => {
    const report = (code: string) => counted(BENCH_QUERIES.provinceReport, { code, year: YEAR }, ANALYST);
    const commune = await report(COMMUNE);
    const province = await report(PROVINCE);
    const coverage = (province.data.adminUnit as { coverageReport: { communes: unknown[] } }).coverageReport;
    expect(coverage.communes.length).toBeGreaterThan(1);
    expect(province.sql).toEqual(commune.sql);
    expect(province.requests).toEqual(commune.requests);
    expect(asked(province.requests)).toEqual(planner.fetchesPerSubgraph(BENCH_QUERIES.provinceReport));
    record('(c) province report', province);
  });

  it('(d) recording a delivery costs the same statements for any household, one request to agriculture', async () => {
    const statement = async (id: string) => {
      const answer = await platform.query(
        `query($id: ID!, $on: Date!) { household(id: $id) { registryAttestation(on: $on) } }`,
        { id, on: TODAY },
        FRONTEND,
      );
      expect(answer.body.errors).toBeUndefined();
      return (answer.body.data?.household as { registryAttestation: string }).registryAttestation;
    };
    const deliver = async (id: string) =>
      counted(
        BENCH_QUERIES.recordDelivery,
        {
          input: {
            householdId: id,
            registryAttestation: await statement(id),
            kind: 'SEEDS',
            description: 'Giống ngô lai (benchmark)',
            quantity: 20,
            value: 1_200_000,
            on: TODAY,
            deliveringOffice: 'Phòng Kinh tế xã',
            programYear: Number(TODAY.slice(0, 4)),
          },
          key: randomUUID(),
        },
        FRONTEND,
      );
    const [a, b] = demo.labor.households.filter((h) => h.category === 'POOR' && h.communeCode === COMMUNE);
    const first = await deliver(a!.id);
    const second = await deliver(b!.id);
    expect(first.data.recordProductionSupport).toMatchObject({ status: 'DELIVERED', project: 3, household: { id: a!.id } });
    expect(second.sql).toEqual(first.sql);
    expect(asked(first.requests)).toEqual({ agriculture: 1 });
    expect(asked(first.requests)).toEqual(planner.fetchesPerSubgraph(BENCH_QUERIES.recordDelivery));
    record('(d) record a delivery', first);
  });
});
