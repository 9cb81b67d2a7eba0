import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@gnbv/platform';
import { createSubgraphCaller, type SubgraphPolicy } from './caller';
import { SubgraphFault } from './fault';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

const policy = (over: Partial<SubgraphPolicy> = {}): SubgraphPolicy => ({
  timeoutMs: 300,
  maxConcurrency: 8,
  breaker: { errorPercent: 50, minimumCalls: 4, windowMs: 10_000, openMs: 60_000, trialCalls: 1 },
  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1_500, budgetPercent: 100 },
  ...over,
});

/** A real HTTP server whose answers the test scripts, one per request, counting what arrives. */
async function scripted() {
  const script: Array<(res: ServerResponse) => void> = [];
  let received = 0;
  const server: Server = createServer((req, res) => {
    received++;
    req.resume();
    const next = script.shift() ?? ((r: ServerResponse) => r.end('{"data":{"ok":true}}'));
    next(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    script,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(code, headers);
    res.end('{}');
  };
const hang = () => () => undefined;

describe('subgraph caller', () => {
  let s: Awaited<ReturnType<typeof scripted>>;
  beforeEach(async () => {
    s = await scripted();
  });
  afterEach(() => s.close());

  const send = (caller: ReturnType<typeof createSubgraphCaller>, mutation = false, deadlineMs = 5_000) =>
    caller.call({
      url: s.url,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      mutation,
      deadline: Date.now() + deadlineMs,
    });

  it('retries a query once after a 503 and returns the answer', async () => {
    const caller = createSubgraphCaller('agriculture', policy(), quiet);
    s.script.push(status(503));
    await expect(send(caller)).resolves.toMatchObject({ status: 200 });
    expect(s.received()).toBe(2);
    expect(caller.status()).toMatchObject({ retries: 1, failures: 1 });
    await caller.close();
  });

  it('never sends a mutation twice', async () => {
    const caller = createSubgraphCaller('agriculture', policy(), quiet);
    s.script.push(status(503));
    const fault = await send(caller, true).catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(SubgraphFault);
    expect((fault as SubgraphFault).code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(s.received()).toBe(1);
    await caller.close();
  });

  it("honours a 429's Retry-After, and gives up when the wait is longer than allowed", async () => {
    const caller = createSubgraphCaller('agriculture', policy(), quiet);
    s.script.push(status(429, { 'retry-after': '1' }));
    const started = Date.now();
    await expect(send(caller)).resolves.toMatchObject({ status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    s.script.push(status(429, { 'retry-after': '30' }), status(200));
    const fault = (await send(caller).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_OVERLOADED');
    expect(fault.extensions()).toMatchObject({ agency: 'agriculture', retryable: true, retryAfterSeconds: 30 });
    expect(s.received()).toBe(3);
    await caller.close();
  });

  it('times a hung call out, does not retry it, and names the agency', async () => {
    const caller = createSubgraphCaller('agriculture', policy(), quiet);
    s.script.push(hang());
    const fault = (await send(caller).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_TIMEOUT');
    expect(fault.clientMessage()).toMatch(/agriculture agency/);
    expect(fault.clientMessage()).not.toMatch(/127\.0\.0\.1|http:/);
    expect(s.received()).toBe(1);
    await caller.close();
  });

  it('never waits past the request deadline', async () => {
    const caller = createSubgraphCaller('agriculture', policy({ timeoutMs: 60_000 }), quiet);
    s.script.push(hang());
    const fault = (await send(caller, false, 200).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_TIMEOUT');
    await caller.close();
  });

  it('opens the breaker after enough failures and then fails without calling the agency', async () => {
    const caller = createSubgraphCaller('agriculture', policy({ retry: { ...policy().retry, maxAttempts: 1 } }), quiet);
    for (let i = 0; i < 4; i++) s.script.push(status(500));
    for (let i = 0; i < 4; i++) await send(caller).catch(() => undefined);
    expect(caller.status().breaker).toBe('open');
    const fault = (await send(caller).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_CIRCUIT_OPEN');
    expect(s.received()).toBe(4);
    await caller.close();
  });

  it('refuses calls over the bulkhead at once instead of queueing them', async () => {
    const caller = createSubgraphCaller('agriculture', policy({ maxConcurrency: 2, timeoutMs: 500 }), quiet);
    s.script.push(hang(), hang());
    const hung = [send(caller).catch(() => undefined), send(caller).catch(() => undefined)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fault = (await send(caller).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_OVERLOADED');
    expect(caller.status()).toMatchObject({ inFlight: 2, rejected: 1 });
    await Promise.all(hung);
    expect(s.received()).toBe(2);
    await caller.close();
  });

  it('retries a refused connection (agency down) once, then reports it unavailable', async () => {
    const caller = createSubgraphCaller('agriculture', policy(), quiet);
    await s.close();
    const fault = (await send(caller).catch((e: unknown) => e)) as SubgraphFault;
    expect(fault.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(caller.status()).toMatchObject({ calls: 2, retries: 1, failures: 2 });
    s = await scripted();
    await caller.close();
  });
});
