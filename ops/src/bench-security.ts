import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { createGateway, loadConfig as loadGatewayConfig } from '@gnbv/gateway';
import { BENCHMARK_PRINCIPAL_VARIABLE, startEmbeddedDatabase, type EmbeddedDatabase, type SubgraphServer } from '@gnbv/kit';
import { envPrefix, createLogger, ensureDevKeys, type Logger, type Principal, devIssuerKeys, signDevToken } from '@gnbv/platform';
import { prepareDatabases } from './databases';
import { DATA_DIR } from './paths';
import { AGENCIES } from './agencies';

/*
 * `npm run bench:security [-- --requests 300 --rounds 5]`: the latency the security checks add.
 * One run, the same databases and the same demo data, two stacks side by side: the real one
 * (token verified at the gateway, operation limits, a signed token per subgraph call verified
 * by the subgraph, graphql-shield rules, row scope, audit records written) and one started with
 * `benchmarkWithoutSecurity` (none of those, except row scope, which is part of the SQL).
 * Requests alternate between the stacks in rounds, one at a time, so drift hits both alike.
 */

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const NATIONAL_OFFICER: Principal = { subject: 'bench', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };

const QUERIES: Record<string, string> = {
  'reference data (no personal field)': `{ adminUnits { code name children { code name } } }`,
  'one household with members (personal, audited)': `query($id: ID!) { household(id: $id) { code category members { fullName dateOfBirth nationalId } } }`,
  'commune page, 20 households x 4 agencies': `{ adminUnit(code: "03160") { households(first: 20) { nodes { code category
      members { id } productionSupports { kind value } informationSupports { kind } loans { program status } } } } }`,
};

interface Stack {
  gatewayUrl: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

async function startStack(env: Record<string, string>, insecure: boolean): Promise<Stack> {
  const servers: SubgraphServer[] = [];
  // The open stack's subgraphs run in benchmark mode (a request without a token is the national
  // officer) with their own checks off too; its gateway sends no token.
  const stackEnv: Record<string, string> = insecure
    ? { ...env, [BENCHMARK_PRINCIPAL_VARIABLE]: JSON.stringify({ ...NATIONAL_OFFICER, purpose: 'review' }) }
    : { ...env };
  for (const s of AGENCIES) {
    const server = await s.createServer(s.loadConfig({ ...stackEnv, [`${envPrefix(s.name)}_PORT`]: '0' }), {
      benchmarkWithoutChecks: insecure,
    });
    servers.push(server);
    stackEnv[`${envPrefix(s.name)}_URL`] = `${server.listening.url}/graphql`;
  }
  const gateway = await createGateway(
    loadGatewayConfig(
      AGENCIES.map((s) => s.name),
      { ...stackEnv, GATEWAY_PORT: '0' },
    ),
    createLogger({ level: 'error' }),
    insecure ? { benchmarkWithoutSecurity: NATIONAL_OFFICER } : {},
  );
  const token = await signDevToken(
    { agency: 'labor', roles: ['officer'], scope: ['VN'], subject: 'bench' },
    devIssuerKeys({
      issuerPrivate: env.BENCH_ISSUER_PRIVATE as string,
      issuerPublic: env.AUTH_DEV_ISSUER_PUBLIC_KEY_FILE as string,
    }),
  );
  return {
    gatewayUrl: `${gateway.listening.url}/graphql`,
    headers: insecure ? {} : { authorization: `Bearer ${token}`, 'x-purpose': 'review' },
    stop: async () => {
      await gateway.stop();
      for (const s of servers) await s.stop();
    },
  };
}

async function timeOne(stack: Stack, query: string, variables: Record<string, unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await request(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as { errors?: unknown[] };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.statusCode !== 200 || body.errors)
    throw new Error(`bench request failed (${res.statusCode}): ${JSON.stringify(body).slice(0, 300)}`);
  return ms;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const fmt = (ms: number) => ms.toFixed(2).padStart(7);

async function main() {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '300' }, rounds: { type: 'string', default: '5' } },
    strict: true,
  });
  const perRound = Number(values.requests) / Number(values.rounds);
  if (!Number.isInteger(perRound) || perRound < 1) throw new Error('--requests must be a multiple of --rounds');

  const keyDir = mkdtempSync(join(tmpdir(), 'gnbv-bench-keys-'));
  const keys = ensureDevKeys(keyDir);
  const databases: EmbeddedDatabase[] = [];
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    INTERNAL_TOKEN_PUBLIC_KEY_FILE: keys.internalPublic,
    INTERNAL_TOKEN_PRIVATE_KEY_FILE: keys.internalPrivate,
    AUTH_DEV_ISSUER_PUBLIC_KEY_FILE: keys.issuerPublic,
    REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: keys.registryPublic,
    LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE: keys.registryPrivate,
    BENCH_ISSUER_PRIVATE: keys.issuerPrivate,
  };
  const stacks: Stack[] = [];
  try {
    process.stderr.write('starting embedded databases with the demo data...\n');
    for (const s of AGENCIES) {
      const db = await startEmbeddedDatabase({ name: s.name, port: 0, templateFile: join(DATA_DIR, 'pg', 'template.tar') });
      databases.push(db);
      env[`${envPrefix(s.name)}_DATABASE_URL`] = db.url;
      env[`${envPrefix(s.name)}_DATABASE_POOL_SIZE`] = '1';
    }
    await prepareDatabases(env, { demo: true, createSchema: false, logger: quiet });
    const secure = await startStack(env, false);
    const open = await startStack(env, true);
    stacks.push(secure, open);
    const household = await request(open.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ households(first: 1) { nodes { id } } }' }),
    });
    const id = ((await household.body.json()) as { data: { households: { nodes: Array<{ id: string }> } } }).data.households
      .nodes[0]?.id;

    const lines = [
      `Security overhead, ${values.requests} sequential requests per stack and query, ${values.rounds} alternating rounds`,
      `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, embedded PostgreSQL (PGlite), demo data`,
      '',
      '| query | checks | mean ms | p50 ms | p95 ms | added mean ms |',
      '|---|---|---:|---:|---:|---:|',
    ];
    for (const [name, query] of Object.entries(QUERIES)) {
      const variables = query.includes('$id') ? { id } : {};
      for (let i = 0; i < 20; i++) {
        await timeOne(secure, query, variables);
        await timeOne(open, query, variables);
      }
      const times = { on: [] as number[], off: [] as number[] };
      for (let round = 0; round < Number(values.rounds); round++) {
        for (let i = 0; i < perRound; i++) times.on.push(await timeOne(secure, query, variables));
        for (let i = 0; i < perRound; i++) times.off.push(await timeOne(open, query, variables));
        process.stderr.write(`\r  ${name}: round ${round + 1}/${values.rounds}`);
      }
      process.stderr.write('\n');
      const stats = (list: number[]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return { mean: list.reduce((a, b) => a + b, 0) / list.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
      };
      const on = stats(times.on);
      const off = stats(times.off);
      lines.push(`| ${name} | on | ${fmt(on.mean)} | ${fmt(on.p50)} | ${fmt(on.p95)} | ${fmt(on.mean - off.mean)} |`);
      lines.push(`| ${name} | off | ${fmt(off.mean)} | ${fmt(off.p50)} | ${fmt(off.p95)} | |`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const s of stacks) await s.stop();
    for (const db of databases) await db.stop();
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:security failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
