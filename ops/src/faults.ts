import { parseArgs } from 'node:util';
import pg from 'pg';
import { request } from 'undici';
import { createLogger, envPrefix, processEnv, type Logger } from '@gnbv/platform';
import { startBenchPlatform, spawnService, percentile, runBench, type BenchPlatform } from './bench/platform';
import { prepareDatabases } from './databases';
import { DEMO_COMMUNES } from './demo/dataset';
import { AGENCIES } from './agencies';

/*
 * `npm run faults`: the platform as separate processes on a PostgreSQL server (fresh databases,
 * the demo data), our gateway with its default reliability settings, and a bounded load of two
 * kinds of request: labor-only ones (must never notice) and ones that also need agriculture.
 * Agriculture is then hung (SIGSTOP/SIGCONT) and killed (kill -9, then started again). One table:
 * per scenario, requests and errors by code, p50/p99 of each kind, the answer time once the
 * breaker is open, and the time until agriculture's data is back. Loopback only; every loop is
 * bounded in time. Exits 1 if a labor-only request saw an error or any answer missed the deadline.
 */

const COMMUNE = DEMO_COMMUNES[0].code;
const LABOR_ONLY = `query($code: String!) { adminUnit(code: $code) { name households(first: 20) { nodes { code } } } }`;
const WITH_AGRICULTURE = `query($code: String!) { adminUnit(code: $code) { name
  households(first: 20) { nodes { code productionSupports { kind } } } } }`;
const DEADLINE_MS = 10_000;

interface Sample {
  at: number;
  ms: number;
  affected: boolean;
  codes: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ask(url: string, token: string, source: string): Promise<string[]> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'support-delivery' },
    body: JSON.stringify({ query: source, variables: { code: COMMUNE } }),
  });
  const body = (await res.body.json()) as { errors?: Array<{ extensions?: { code?: string; agency?: string } }> };
  if (res.statusCode !== 200) return [`HTTP_${res.statusCode}`];
  return (body.errors ?? []).map(
    (e) => `${e.extensions?.code ?? 'NO_CODE'}${e.extensions?.agency ? `:${e.extensions.agency}` : ''}`,
  );
}

/** Closed loops of both kinds of request, until `stop()`; each records every answer. */
function startLoad(url: string, token: string) {
  const samples: Sample[] = [];
  let running = true;
  const loop = async (affected: boolean) => {
    while (running) {
      const started = Date.now();
      let codes: string[];
      try {
        codes = await ask(url, token, affected ? WITH_AGRICULTURE : LABOR_ONLY);
      } catch (error) {
        codes = [`CLIENT_${(error as { code?: string }).code ?? 'ERROR'}`];
      }
      samples.push({ at: started, ms: Date.now() - started, affected, codes: [...new Set(codes)] });
    }
  };
  // 4 labor-only and 12 agriculture loops: enough calls to agriculture for its breaker to act within seconds.
  const loops = [...Array.from({ length: 4 }, () => loop(false)), ...Array.from({ length: 12 }, () => loop(true))];
  return {
    samples,
    since: (t: number) => samples.filter((s) => s.at >= t),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

interface Row {
  scenario: string;
  unaffected: Sample[];
  affected: Sample[];
  failFastMs?: number;
  recoverMs?: number;
}

const p = (samples: Sample[], q: number) =>
  percentile(
    samples.map((s) => s.ms).sort((a, b) => a - b),
    q,
  );

async function untilBack(load: ReturnType<typeof startLoad>, from: number, limitMs: number): Promise<number | undefined> {
  while (Date.now() - from < limitMs) {
    const clean = load.since(from).filter((s) => s.affected && s.codes.length === 0);
    if (clean.length > 0) return (clean[0] as Sample).at - from;
    await sleep(100);
  }
  return undefined;
}

function row(scenario: string, samples: Sample[], extra: Partial<Row> = {}): Row {
  return { scenario, unaffected: samples.filter((s) => !s.affected), affected: samples.filter((s) => s.affected), ...extra };
}

function failFast(samples: Sample[]): number | undefined {
  const firstOpen = samples.find((s) => s.codes.some((c) => c.startsWith('SUBGRAPH_CIRCUIT_OPEN')));
  if (!firstOpen) return undefined;
  const after = samples.filter(
    (s) => s.affected && s.at > firstOpen.at && s.codes.some((c) => c.startsWith('SUBGRAPH_CIRCUIT_OPEN')),
  );
  return after.length ? p(after, 50) : undefined;
}

function print(rows: Row[]): void {
  const errors = (samples: Sample[]) => {
    const counts = new Map<string, number>();
    for (const s of samples) for (const c of s.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    return counts.size ? [...counts].map(([c, n]) => `${c} ${n}`).join(', ') : '0';
  };
  const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : String(Math.round(n)));
  const lines = [
    '| scenario | requests (labor-only / with agriculture) | errors, labor-only | errors, with agriculture | p50 / p99 ms, labor-only | p50 / p99 ms, with agriculture | answer once breaker open, p50 ms | agriculture back after, ms |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.scenario} | ${r.unaffected.length} / ${r.affected.length} | ${errors(r.unaffected)} | ${errors(r.affected)} | ` +
        `${fmt(p(r.unaffected, 50))} / ${fmt(p(r.unaffected, 99))} | ${fmt(p(r.affected, 50))} / ${fmt(p(r.affected, 99))} | ${fmt(r.failFastMs)} | ${fmt(r.recoverMs)} |`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function createDatabases(server: string, log: Logger) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const names = AGENCIES.map((s) => `gnbv_faults_${s.name.replace(/-/g, '_')}`);
  for (const name of names) {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  }
  const env = processEnv();
  AGENCIES.forEach((s, i) => {
    const url = new URL(server);
    url.pathname = `/${names[i]}`;
    env[`${envPrefix(s.name)}_DATABASE_URL`] = url.toString();
  });
  await prepareDatabases(env, { demo: true, createSchema: false, logger: log });
  return async () => {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '15' },
      port: { type: 'string', default: '4600' },
      server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const seconds = Number(values.seconds);
  const log = createLogger({ level: 'warn' });
  const dropDatabases = await createDatabases(values.server as string, log);
  let platform: BenchPlatform | undefined;
  const rows: Row[] = [];
  let failed = false;
  try {
    platform = await startBenchPlatform({
      port: Number(values.port),
      poolSize: 4,
      env: { GATEWAY_REQUEST_DEADLINE_MS: String(DEADLINE_MS) },
    });
    const url = `${platform.gatewayUrl}/graphql`;
    const token = await platform.token({ agency: 'social-policy-bank', roles: ['officer'], scope: ['VN'] });
    const agriculture = AGENCIES.findIndex((s) => s.name === 'agriculture');
    const agriculturePort = Number(values.port) + 1 + agriculture;

    const load = startLoad(url, token);
    await sleep(2_000);
    const t0 = Date.now();
    await sleep(seconds * 500);
    rows.push(row('baseline', load.since(t0)));

    // Hung: the process stops answering, its sockets stay open.
    const t1 = Date.now();
    process.kill(platform.pids.agriculture as number, 'SIGSTOP');
    await sleep(seconds * 1000);
    process.kill(platform.pids.agriculture as number, 'SIGCONT');
    const resumed = Date.now();
    const back1 = await untilBack(load, resumed, 30_000);
    const hung = load.since(t1).filter((s) => s.at < resumed);
    rows.push(row('agriculture hung (SIGSTOP), then SIGCONT', hung, { failFastMs: failFast(hung), recoverMs: back1 }));

    // Killed: connections refused until it is started again.
    await sleep(1_000);
    const t2 = Date.now();
    process.kill(platform.pids.agriculture as number, 'SIGKILL');
    await sleep(seconds * 1000);
    const main = AGENCIES[agriculture]?.main as string;
    const restartedAt = Date.now();
    const restarted = await spawnService(
      'agriculture',
      [main],
      platform.env,
      `http://127.0.0.1:${agriculturePort}/ready`,
      `http://127.0.0.1:${agriculturePort}/graphql`,
    );
    // Measured from the moment the new process answers /ready (its own start time is not the gateway's doing).
    const readyAt = Date.now();
    const back2 = await untilBack(load, readyAt, 30_000);
    const killed = load.since(t2).filter((s) => s.at < restartedAt);
    rows.push(
      row('agriculture killed (kill -9), then started again', killed, { failFastMs: failFast(killed), recoverMs: back2 }),
    );
    await load.stop();
    await restarted.stop();

    print(rows);
    for (const r of rows) {
      const unaffectedErrors = r.unaffected.filter((s) => s.codes.length > 0).length;
      const late = [...r.unaffected, ...r.affected].filter((s) => s.ms > DEADLINE_MS + 1_000).length;
      const unnamed = r.affected.filter((s) => s.codes.some((c) => !c.endsWith(':agriculture'))).length;
      if (unaffectedErrors || late || unnamed) {
        failed = true;
        process.stderr.write(
          `${r.scenario}: ${unaffectedErrors} labor-only errors, ${late} answers past the deadline, ${unnamed} errors not naming agriculture\n`,
        );
      }
      if (r.scenario !== 'baseline' && r.recoverMs === undefined) {
        failed = true;
        process.stderr.write(`${r.scenario}: agriculture's data did not come back within 30 s\n`);
      }
    }
  } finally {
    await platform?.stop();
    await dropDatabases();
  }
  if (failed) process.exitCode = 1;
}

runBench('faults', main);
