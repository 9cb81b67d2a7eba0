import { request } from 'undici';
import { AGENCIES, DEMO_COMMUNES } from '@gnbv/ops';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { startPlatform, type Platform } from './platform';

/*
 * One agency's outage costs the others nothing: agriculture sits behind a TCP fault proxy and a
 * second gateway uses it, with short time limits so the scenarios run in seconds. Assertions are
 * about what a client gets (codes, paths, which data is there) and what reached the agency, never
 * about how fast this machine is; the timings are in `npm run faults`.
 */
const COMMUNE = DEMO_COMMUNES[0].code;
const BANK_OFFICER = { agency: 'social-policy-bank' as const, roles: ['officer' as const], scope: ['VN'] };
const OPEN_MS = 1_500;

const LABOR_ONLY = `query($code: String!) { adminUnit(code: $code) { name households(first: 20) { nodes { code } } } }`;
const WITH_AGRICULTURE = `query($code: String!) { adminUnit(code: $code) { name
  households(first: 20) { nodes { code productionSupports { kind } informationSupports { kind } } } } }`;

interface Answer {
  status: number;
  data?: { adminUnit?: { name: string; households: { nodes: Array<Record<string, unknown>> } } } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let platform: Platform;
let proxy: FaultProxy;
let gateway: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  platform = await startPlatform();
  proxy = await startFaultProxy(new URL(platform.subgraphUrls.agriculture as string));
  gateway = await platform.startGateway({
    AGRICULTURE_URL: proxy.url,
    AGRICULTURE_TIMEOUT_MS: '400',
    AGRICULTURE_BREAKER_MIN_CALLS: '3',
    AGRICULTURE_BREAKER_OPEN_MS: String(OPEN_MS),
    AGRICULTURE_BREAKER_TRIAL_CALLS: '1',
    GATEWAY_SUBGRAPH_TIMEOUT_MS: '2000',
    GATEWAY_REQUEST_DEADLINE_MS: '3000',
  });
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await platform?.stop();
});
afterEach(() => proxy.set({ kind: 'pass' }));

const ask = async (source: string): Promise<Answer> => {
  const res = await platform.query(
    source,
    { code: COMMUNE },
    { url: gateway.url, as: BANK_OFFICER, purpose: 'support-delivery' },
  );
  return { status: res.status, ...(res.body as Omit<Answer, 'status'>) };
};
const gatewayPath = (path: string) => gateway.url.replace(/\/graphql$/, path);
const getJson = async (path: string) => {
  const res = await request(gatewayPath(path));
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
};
const agricultureBreaker = async () =>
  ((await getJson('/health/subgraphs')).body.subgraphs as Record<string, { breaker: string }>).agriculture?.breaker;

/** Waits until agriculture's data is back (the breaker's reset window has passed and a trial succeeded). */
async function untilRecovered(): Promise<Answer> {
  const until = Date.now() + 10 * OPEN_MS;
  for (;;) {
    const answer = await ask(WITH_AGRICULTURE);
    if (!answer.errors || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS / 5));
  }
}

function expectPartial(answer: Answer, codes: string[]) {
  expect(answer.status).toBe(200);
  // Labor's and culture-information's data are all there...
  const nodes = answer.data?.adminUnit?.households.nodes ?? [];
  expect(nodes.length).toBeGreaterThan(0);
  for (const node of nodes) {
    expect(node.code).toEqual(expect.any(String));
    expect(node.informationSupports).toEqual(expect.any(Array));
    expect(node.productionSupports).toBeNull();
  }
  // ...and each missing field has its own coded error naming agriculture, with no host in it.
  const errors = answer.errors ?? [];
  expect(errors).toHaveLength(nodes.length);
  errors.forEach((error) => {
    expect(codes).toContain(error.extensions?.code);
    expect(error.extensions).toMatchObject({ agency: 'agriculture', retryable: true });
    expect(error.message).toMatch(/agriculture agency/);
    expect(error.message).not.toMatch(/127\.0\.0\.1|http:|localhost/);
    expect(error.path).toEqual(['adminUnit', 'households', 'nodes', expect.any(Number), 'productionSupports']);
  });
}

describe('one agency hung, killed or failing', () => {
  it('baseline: every agency answers through the proxy', async () => {
    const answer = await ask(WITH_AGRICULTURE);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.adminUnit?.households.nodes[0]?.productionSupports).toEqual(expect.any(Array));
  });

  it('hung agriculture: labor-only requests see no error, the others get partial data and a timeout, then the breaker opens and fails them without calling agriculture; the data comes back by itself', async () => {
    proxy.set({ kind: 'blackhole' });
    for (let i = 0; i < 3; i++) expect((await ask(LABOR_ONLY)).errors).toBeUndefined();
    expectPartial(await ask(WITH_AGRICULTURE), ['SUBGRAPH_TIMEOUT']);
    expect((await getJson('/ready')).status).toBe(200);
    // Enough timeouts to open agriculture's breaker (minimum 3 calls, half failing)...
    for (let i = 0; i < 2; i++) await ask(WITH_AGRICULTURE);
    expect(await agricultureBreaker()).toBe('open');
    // ...after which nothing more reaches agriculture and the answer says the circuit is open.
    const before = proxy.counts().requests;
    const open = await ask(WITH_AGRICULTURE);
    expectPartial(open, ['SUBGRAPH_CIRCUIT_OPEN']);
    expect(open.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    expect(proxy.counts().requests).toBe(before);
    expect((await ask(LABOR_ONLY)).errors).toBeUndefined();
    expect((await getJson('/ready')).status).toBe(200);
    // The fault is lifted (SIGCONT): after the reset window a trial call succeeds and the breaker closes.
    proxy.set({ kind: 'pass' });
    const back = await untilRecovered();
    expect(back.errors).toBeUndefined();
    expect(await agricultureBreaker()).toBe('closed');
  });

  it('agriculture resetting every connection: partial data with SUBGRAPH_UNAVAILABLE after one retry', async () => {
    await untilRecovered();
    proxy.set({ kind: 'reset' });
    const before = proxy.counts().requests;
    expectPartial(await ask(WITH_AGRICULTURE), ['SUBGRAPH_UNAVAILABLE']);
    // One fetch and one retry of it reached the proxy, no more.
    expect(proxy.counts().requests - before).toBe(2);
  });

  it('a 503 once is retried and the client never sees it', async () => {
    await untilRecovered();
    proxy.set({ kind: 'status', status: 503, times: 1 });
    const before = proxy.counts();
    const answer = await ask(WITH_AGRICULTURE);
    expect(answer.errors).toBeUndefined();
    expect(proxy.counts().requests - before.requests).toBe(2);
    expect(proxy.counts().forwarded - before.forwarded).toBe(1);
  });

  it('a 429 with a long Retry-After is not waited out: the client is told when to come back', async () => {
    await untilRecovered();
    proxy.set({ kind: 'status', status: 429, retryAfterSeconds: 30 });
    const answer = await ask(WITH_AGRICULTURE);
    expectPartial(answer, ['SUBGRAPH_OVERLOADED']);
    expect(answer.errors?.[0]?.extensions?.retryAfterSeconds).toBe(30);
  });
});

describe('writes survive a lost answer', () => {
  it("a mutation whose answer is lost is not retried by the gateway; the client's retry with the same idempotency key gets the first result, written once", async () => {
    const laborProxy = await startFaultProxy(new URL(platform.subgraphUrls.labor as string));
    const viaProxy = await platform.startGateway({ LABOR_URL: laborProxy.url });
    const officer = { agency: 'labor' as const, roles: ['officer' as const], scope: ['VN'] };
    try {
      const page = await platform.query(LABOR_ONLY.replace('nodes { code }', 'nodes { id code }'), { code: COMMUNE });
      const householdId = (page.body.data as { adminUnit: { households: { nodes: Array<{ id: string }> } } }).adminUnit.households
        .nodes[0]!.id;
      const start = `mutation($h: ID!, $key: String!) { startReview(householdId: $h, year: 2026, reviewDate: "2026-10-01", idempotencyKey: $key) { id state } }`;
      const variables = { h: householdId, key: 'resilience-lost-answer-1' };
      laborProxy.set({ kind: 'lose-response' });
      const before = laborProxy.counts().requests;
      const lost = await platform.query(start, variables, { url: viaProxy.url, as: officer });
      expect(lost.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', agency: 'labor', retryable: true });
      // Sent once: a mutation is never repeated by the gateway.
      expect(laborProxy.counts().requests - before).toBe(1);
      const reviews = async () =>
        (
          await platform.dataSources.labor!.query(
            'SELECT count(*)::int AS n FROM poverty_review WHERE household_id = $1 AND year = 2026',
            [householdId],
          )
        )[0].n as number;
      // Labor committed it before its answer was lost.
      expect(await reviews()).toBe(1);
      laborProxy.set({ kind: 'pass' });
      const first = await platform.query(start, variables, { url: viaProxy.url, as: officer });
      expect(first.body.errors).toBeUndefined();
      const again = await platform.query(start, variables, { url: viaProxy.url, as: officer });
      expect(again.body.data).toEqual(first.body.data);
      expect(await reviews()).toBe(1);
    } finally {
      await viaProxy.stop();
      await laborProxy.close();
    }
  });
});

describe("an agency's database drops", () => {
  it('writes fail with a retryable SERVICE_UNAVAILABLE naming the agency, nothing is acknowledged, and the subgraph reconnects by itself', async () => {
    const labor = AGENCIES.find((s) => s.name === 'labor')!;
    const dbProxy = await startFaultProxy(new URL(platform.databaseUrls.labor as string));
    const dbUrl = new URL(platform.databaseUrls.labor as string);
    dbUrl.port = new URL(dbProxy.url).port;
    const server = await labor.createServer(
      labor.loadConfig({ ...platform.env, LABOR_DATABASE_URL: dbUrl.toString(), LABOR_PORT: '0' }),
    );
    const viaProxy = await platform.startGateway({ LABOR_URL: `${server.listening.url}/graphql` });
    const officer = { agency: 'labor' as const, roles: ['officer' as const], scope: ['VN'] };
    try {
      const page = await platform.query(LABOR_ONLY.replace('nodes { code }', 'nodes { id code }'), {
        code: DEMO_COMMUNES[1].code,
      });
      const householdId = (page.body.data as { adminUnit: { households: { nodes: Array<{ id: string }> } } }).adminUnit.households
        .nodes[0]!.id;
      const start = `mutation($h: ID!, $key: String!) { startReview(householdId: $h, year: 2026, reviewDate: "2026-10-01", idempotencyKey: $key) { id state } }`;
      const variables = { h: householdId, key: 'resilience-database-down-1' };
      dbProxy.set({ kind: 'reset' });
      const down = await platform.query(start, variables, { url: viaProxy.url, as: officer });
      expect((down.body.data as { startReview?: unknown } | null)?.startReview ?? null).toBeNull();
      expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', agency: 'labor', retryable: true });
      expect(down.body.errors?.[0]?.message).not.toMatch(/ECONN|127\.0\.0\.1|postgres/i);
      expect((await request(`${server.listening.url}/ready`)).statusCode).toBe(503);
      dbProxy.set({ kind: 'pass' });
      const retried = await platform.query(start, variables, { url: viaProxy.url, as: officer });
      expect(retried.body.errors).toBeUndefined();
      expect((await request(`${server.listening.url}/ready`)).statusCode).toBe(200);
      const rows = await platform.dataSources.labor!.query(
        'SELECT count(*)::int AS n FROM poverty_review WHERE household_id = $1 AND year = 2026',
        [householdId],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await viaProxy.stop();
      await server.stop();
      await dbProxy.close();
    }
  });
});

describe('draining on SIGTERM', () => {
  it('answers /ready with 503 at once, keeps serving through the grace period, then stops', async () => {
    const draining = await platform.startGateway({ SHUTDOWN_GRACE_MS: '600' });
    const base = draining.url.replace(/\/graphql$/, '');
    expect((await request(`${base}/ready`)).statusCode).toBe(200);
    const stopped = draining.stop();
    const ready = await request(`${base}/ready`);
    expect(ready.statusCode).toBe(503);
    expect(await ready.body.json()).toMatchObject({ status: 'not-ready', checks: { process: 'draining' } });
    // Still serving: a load balancer that has not yet seen the 503 loses nothing.
    const during = await platform.query(LABOR_ONLY, { code: COMMUNE }, { url: draining.url, as: BANK_OFFICER });
    expect(during.status).toBe(200);
    expect(during.body.errors).toBeUndefined();
    await stopped;
    await expect(request(`${base}/ready`)).rejects.toThrow();
  });
});
