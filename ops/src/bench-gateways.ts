import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ConfigError } from '@gnbv/platform';
import { AGENCIES } from './agencies';
import { graphqlCheck, measure, type LoadRequest, type LoadResult } from './bench/load';
import { benchOperations, benchmarkPrincipalOf, type BenchOperation } from './bench/operations';
import { createPlanner, supergraphWithUrls } from './bench/plan';
import {
  assertCounts,
  benchDatabaseUrls,
  DATABASE_URL_USAGE,
  runBench,
  spawnService,
  startBenchPlatform,
  type BenchPlatform,
  type BenchService,
} from './bench/platform';
import { OPS_DIR, SUPERGRAPH_FILE } from './paths';

/*
 * `npm run bench [-- --households 100000 --connections 50 --seconds 20]` (issue 8): our gateway
 * side by side with stock @apollo/gateway and Hive Gateway, on the same subgraph processes, the
 * same supergraph and the same data, under the same load.
 *
 * The data set: the databases the *_DATABASE_URL variables name. When they hold no households
 * they are migrated and seeded with --households; when they hold that many they are reused; any
 * other count is refused (the seed never replaces data: point the variables at other databases).
 *
 * The subgraphs run once per user (each operation's user is their benchmark-mode principal, so
 * the comparison gateways, which cannot sign our identity tokens, cause the same permission
 * checks, row scope and audit writes as ours), in benchmark mode on loopback. Each gateway then
 * runs in its own process, started fresh for each operation:
 *   ours             our gateway's normal main: token verified, operation limits, a signed identity per subgraph call
 *   ours-unchecked   our gateway with its own checks off (benchmarkWithoutSecurity): prices them
 *   apollo           stock @apollo/gateway, default options, Apollo Server standalone
 *   hive             @graphql-hive/gateway 2.15, default configuration (merges identical in-flight requests)
 *   direct           no gateway: the plan's first fetch sent straight to its subgraph (the floor of
 *                    the root subgraph's work; the entity fetches that follow are not included)
 * autocannon drives each for --warmup then --seconds at --connections; every response is checked
 * (status, GraphQL errors, shape). The gateway process's CPU ms per response and peak memory are
 * read from /proc. The table is printed and written as markdown and JSON to ops/bench/results/.
 */

const USAGE = `Benchmarks our gateway against stock @apollo/gateway and Hive Gateway on the same subgraphs.

${DATABASE_URL_USAGE} \\
  npm run bench -- [options]

  --households N   the data set's size: seeded into empty databases, reused when they hold N (default 100000)
  --connections N  concurrent clients (default 50)
  --report-connections N
                   concurrent clients for (c), the province report (default 4): each report is
                   hundreds of ms of SQL, so 50 clients would queue past the end of the run
  --seconds N      measured seconds per operation and gateway (default 20)
  --warmup N       seconds of warm-up before each measurement (default 3)
  --rounds N       run every gateway N times per operation, each round starting one gateway later;
                   the table gives each figure's median (default 1)
  --operations L   which operations, of a,b,c,d (default a,b,c,d)
  --gateways L     which, of ${['ours', 'ours-unchecked', 'apollo', 'hive', 'direct'].join(',')} (default all)
  --pool N         database connections per subgraph (default 20)
  --port N         the gateway's port; the subgraphs take the next ${AGENCIES.length} (default 4800)
  --out DIR        where the results go (default ops/bench/results)
  --profile DIR    write each gateway process's CPU profile (node --cpu-prof) into DIR, one
                   file per operation and gateway, and each subgraph's, one per start of the
                   subgraphs (open in Chrome DevTools or speedscope, or summarize with
                   node ops/scripts/profile-summary.mjs FILE)
  -h               this text`;

const GATEWAYS = ['ours', 'ours-unchecked', 'apollo', 'hive', 'direct'] as const;
type Gateway = (typeof GATEWAYS)[number];
const GATEWAY_LABEL: Record<Gateway, string> = {
  ours: 'ours (all checks)',
  'ours-unchecked': 'ours (gateway checks off)',
  apollo: 'stock @apollo/gateway',
  hive: 'Hive Gateway 2.15',
  direct: 'subgraph direct (root fetch)',
};

interface Row extends LoadResult {
  operation: string;
  gateway: Gateway;
  connections: number;
  /** Which round of --rounds (from 1). */
  round: number;
}

/** One line of the table: an operation and gateway's runs, each figure the median over the rounds. */
interface Summary extends Omit<LoadResult, 'rssMb' | 'firstError'> {
  operation: string;
  gateway: Gateway;
  rounds: number;
}

const median = (values: ReadonlyArray<number | undefined>): number | undefined => {
  const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  if (!known.length) return undefined;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
};

/** The rounds of each operation and gateway folded into one line: median figures, errors summed. */
function summarize(rows: readonly Row[]): Summary[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows)
    groups.set(`${r.operation}\u0000${r.gateway}`, [...(groups.get(`${r.operation}\u0000${r.gateway}`) ?? []), r]);
  return [...groups.values()].map((runs) => {
    const first = runs[0] as Row;
    const m = (pick: (r: Row) => number | undefined) => median(runs.map(pick));
    const out: Summary = {
      operation: first.operation,
      gateway: first.gateway,
      rounds: runs.length,
      responses: runs.reduce((n, r) => n + r.responses, 0),
      seconds: runs.reduce((n, r) => n + r.seconds, 0),
      requestsPerSecond: m((r) => r.requestsPerSecond) as number,
      p50: m((r) => r.p50) as number,
      p95: m((r) => r.p95) as number,
      p99: m((r) => r.p99) as number,
      errors: runs.reduce((n, r) => n + r.errors, 0),
    };
    const optional = {
      cpuMsPerRequest: m((r) => r.cpuMsPerRequest),
      subgraphsCpuMsPerRequest: m((r) => r.subgraphsCpuMsPerRequest),
      machineCpuMsPerRequest: m((r) => r.machineCpuMsPerRequest),
      peakMb: runs.some((r) => r.peakMb !== undefined) ? Math.max(...runs.map((r) => r.peakMb ?? 0)) : undefined,
      rssGrowthMbPerMinute: m((r) => r.rssGrowthMbPerMinute),
    };
    for (const [k, v] of Object.entries(optional)) if (v !== undefined) (out as unknown as Record<string, number>)[k] = v;
    return out;
  });
}

async function sqlOn<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Seeds empty databases with `households`, reuses databases that hold that many, refuses others. */
async function ensureDataSet(urls: Record<string, string>, households: number): Promise<void> {
  const [found] = await sqlOn<{ n: number | null }>(
    urls.labor as string,
    `SELECT CASE WHEN to_regclass('household') IS NULL THEN NULL ELSE (SELECT count(*)::int FROM household) END AS n`,
  );
  const present = found?.n ?? 0;
  if (present === households) {
    process.stderr.write(`reusing the databases: ${households.toLocaleString('en')} households\n`);
    return;
  }
  if (present > 0)
    throw new ConfigError([
      `--households: the databases hold ${present.toLocaleString('en')} households, not ${households.toLocaleString('en')}; ` +
        'the seed never replaces data: pass --households ' +
        present +
        ' or point the *_DATABASE_URL variables at empty databases',
    ]);
  process.stderr.write(`the databases are empty: migrating and seeding ${households.toLocaleString('en')} households...\n`);
  for (const args of [
    [join(__dirname, 'migrate.js')],
    [join(__dirname, 'seed', 'seed.js'), '--households', String(households)],
  ]) {
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed (status ${run.status})`);
  }
}

function machine(postgres: string, households: number) {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    households,
  };
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function table(rows: Summary[]): string[] {
  const lines = [
    '| operation | gateway | requests/s | p50 ms | p95 ms | p99 ms | errors | gateway CPU ms/request | subgraphs CPU ms/request | machine CPU ms/request | peak MB | RSS growth MB/min |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.operation} | ${GATEWAY_LABEL[r.gateway]} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors} | ` +
        `${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.subgraphsCpuMsPerRequest, 2)} | ${fmt(r.machineCpuMsPerRequest, 2)} | ${fmt(r.peakMb, 0)} | ${fmt(r.rssGrowthMbPerMinute, 1)} |`,
    );
  return lines;
}

function ratios(rows: Summary[]): string[] {
  const lines = [
    "| operation | ours ÷ Hive (req/s) | ours ÷ stock Apollo (req/s) | ours ÷ Hive (p99) | checks' share of our gateway CPU |",
    '|---|---:|---:|---:|---:|',
  ];
  for (const op of [...new Set(rows.map((r) => r.operation))]) {
    const of = (g: Gateway) => rows.find((r) => r.operation === op && r.gateway === g);
    const ours = of('ours');
    const ratio = (a?: number, b?: number) => (a !== undefined && b ? (a / b).toFixed(2) : '—');
    const off = of('ours-unchecked')?.cpuMsPerRequest;
    const share = off !== undefined && ours?.cpuMsPerRequest ? `${Math.round((1 - off / ours.cpuMsPerRequest) * 100)}%` : '—';
    lines.push(
      `| ${op} | ${ratio(ours?.requestsPerSecond, of('hive')?.requestsPerSecond)} | ${ratio(ours?.requestsPerSecond, of('apollo')?.requestsPerSecond)} | ` +
        `${ratio(ours?.p99, of('hive')?.p99)} | ${share} |`,
    );
  }
  return lines;
}

async function main() {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '100000' },
      connections: { type: 'string', default: '50' },
      'report-connections': { type: 'string', default: '4' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      operations: { type: 'string', default: 'a,b,c,d' },
      gateways: { type: 'string', default: GATEWAYS.join(',') },
      rounds: { type: 'string', default: '1' },
      pool: { type: 'string', default: '20' },
      port: { type: 'string', default: '4800' },
      out: { type: 'string', default: resolve(OPS_DIR, 'bench', 'results') },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const households = Number(values.households);
  const connections = Number(values.connections);
  const reportConnections = Number(values['report-connections']);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const poolSize = Number(values.pool);
  const port = Number(values.port);
  const roundCount = Number(values.rounds);
  assertCounts([
    ['--rounds', roundCount, 20],
    ['--households', households, 10_000_000],
    ['--connections', connections, 1000],
    ['--report-connections', reportConnections, 1000],
    ['--seconds', seconds, 3600],
    ['--pool', poolSize, 200],
    ['--port', port, 65530],
  ]);
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > 600) throw new ConfigError(['--warmup: expected 0 to 600 seconds']);
  const wantedOps = values.operations.split(',').map((s) => s.trim());
  const gateways = values.gateways.split(',').map((s) => s.trim()) as Gateway[];
  const badOps = wantedOps.filter((o) => !['a', 'b', 'c', 'd'].includes(o));
  const badGateways = gateways.filter((g) => !GATEWAYS.includes(g));
  if (badOps.length || badGateways.length)
    throw new ConfigError([
      ...(badOps.length ? [`--operations: expected some of a,b,c,d (got ${badOps.join(',')})`] : []),
      ...(badGateways.length ? [`--gateways: expected some of ${GATEWAYS.join(',')} (got ${badGateways.join(',')})`] : []),
    ]);

  const urls = benchDatabaseUrls();
  await ensureDataSet(urls, households);
  const [{ server_version: version } = { server_version: 'unknown' }] = await sqlOn<{ server_version: string }>(
    urls.labor as string,
    'SHOW server_version',
  );
  const subgraphUrls: Record<string, string> = {};
  AGENCIES.forEach(({ name }, i) => {
    subgraphUrls[name] = `http://127.0.0.1:${port + 1 + i}/graphql`;
  });
  const { dataSet, operations: all } = await benchOperations({
    sql: (subgraph, text, params) =>
      (async () => {
        const client = new pg.Client({ connectionString: urls[subgraph] });
        await client.connect();
        try {
          return (await client.query(text, params)).rows;
        } finally {
          await client.end();
        }
      })(),
    subgraphUrls,
  });
  const operations = all.filter((o) => wantedOps.includes(o.key));
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const planner = createPlanner(supergraphSdl);
  const work = mkdtempSync(join(tmpdir(), 'gnbv-bench-'));
  const supergraphFile = join(work, 'supergraph.graphql');
  writeFileSync(supergraphFile, supergraphWithUrls(supergraphSdl, subgraphUrls));

  // Operations of the same user share one start of the subgraphs.
  const groups = new Map<string, BenchOperation[]>();
  for (const op of operations) {
    const key = JSON.stringify(benchmarkPrincipalOf(op.user));
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  const rows: Row[] = [];
  let platform: BenchPlatform | undefined;
  try {
    for (const group of groups.values()) {
      platform = await startBenchPlatform({
        port,
        poolSize,
        gateway: false,
        ...(values.profile ? { profileDir: resolve(values.profile) } : {}),
        benchmarkPrincipal: benchmarkPrincipalOf(group[0]!.user),
      });
      for (const op of group) {
        const token = await platform.token(op.user.token);
        const check = graphqlCheck(op.check);
        const rootFetch = planner.fetches(op.query, op.operationName)[0];
        // Each round starts one gateway later, so that no gateway is always the first on cold subgraphs.
        const runs = Array.from({ length: roundCount }, (_, r) =>
          gateways.map((_g, i) => ({ round: r + 1, gateway: gateways[(i + r) % gateways.length] as Gateway })),
        ).flat();
        for (const { round, gateway } of runs) {
          await op.prepare?.();
          let service: BenchService | undefined;
          const env = { ...platform.env, GATEWAY_PORT: String(port) };
          const gatewayUrl = `http://127.0.0.1:${port}`;
          const probe = { graphql: `${gatewayUrl}/graphql` };
          const profile = values.profile
            ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`, `--cpu-prof-name=${op.key}-${gateway}.cpuprofile`]
            : [];
          const script = (name: string) => join(__dirname, 'bench', `${name}.js`);
          // Each gateway process: its program and arguments, and how to tell it is ready (ours
          // answer /ready; the others are asked `{ __typename }`). The subgraphs direct need none.
          const launch: Record<Exclude<Gateway, 'direct'>, { args: string[]; probe: string | { graphql: string } }> = {
            ours: { args: [require.resolve('@gnbv/gateway/dist/main.js')], probe: `${gatewayUrl}/ready` },
            'ours-unchecked': { args: [script('gateway-ours-open'), String(port)], probe: `${gatewayUrl}/ready` },
            apollo: { args: [script('gateway-apollo'), supergraphFile, String(port)], probe },
            hive: { args: [script('gateway-hive'), supergraphFile, String(port)], probe },
          };
          if (gateway !== 'direct') {
            const { args, probe: ready } = launch[gateway];
            service = await spawnService(gateway, [...profile, ...args], env, ready, gatewayUrl);
          }
          let target: string;
          let load: LoadRequest;
          if (gateway === 'direct') {
            if (!rootFetch) throw new Error(`${op.name}: the plan has no fetch`);
            const subgraphUrl = new URL(subgraphUrls[rootFetch.serviceName] as string);
            target = subgraphUrl.origin;
            const uses = rootFetch.variableUsages ?? [];
            load = {
              path: subgraphUrl.pathname,
              headers: { 'content-type': 'application/json' },
              body: () => {
                const vars = op.variables();
                return JSON.stringify({
                  query: rootFetch.operation,
                  operationName: rootFetch.operationName,
                  variables: Object.fromEntries(uses.map((u) => [u, vars[u]])),
                });
              },
              check: graphqlCheck((data) => (Object.values(data).some((v) => v !== null) ? null : 'no data')),
            };
          } else {
            target = gatewayUrl;
            load = {
              path: '/graphql',
              headers: {
                'content-type': 'application/json',
                ...(gateway === 'ours' ? { authorization: `Bearer ${token}` } : {}),
                ...(op.user.purpose ? { 'x-purpose': op.user.purpose } : {}),
              },
              body: () => JSON.stringify({ query: op.query, operationName: op.operationName, variables: op.variables() }),
              check,
            };
          }
          const clients = op.key === 'c' ? reportConnections : connections;
          process.stderr.write(
            `${op.name} / ${GATEWAY_LABEL[gateway]}${roundCount > 1 ? ` (round ${round} of ${roundCount})` : ''}: ` +
              `${warmup} s warm-up, ${seconds} s at ${clients} connections...\n`,
          );
          try {
            const result = await measure(target, load, {
              connections: clients,
              settlePids: Object.values(platform.pids),
              seconds,
              warmupSeconds: warmup,
              ...(service ? { pid: service.pid } : {}),
            });
            rows.push({ operation: op.name, gateway, connections: clients, round, ...result });
            process.stderr.write(
              `  ${result.requestsPerSecond.toFixed(1)} req/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (first: ${result.firstError.slice(0, 300)})` : ''}\n`,
            );
          } finally {
            await service?.stop();
          }
        }
      }
      await platform.stop();
      platform = undefined;
    }
  } finally {
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  }

  // In operation order (the runs went by user), then gateway order.
  const opOrder = operations.map((o) => o.name);
  rows.sort(
    (x, y) =>
      opOrder.indexOf(x.operation) - opOrder.indexOf(y.operation) ||
      GATEWAYS.indexOf(x.gateway) - GATEWAYS.indexOf(y.gateway) ||
      x.round - y.round,
  );
  const summary = summarize(rows);
  const host = machine(version, dataSet.households);
  const title =
    `Gateways side by side: ${connections} connections (${reportConnections} for the province report), ` +
    `${seconds} s per run after ${warmup} s of warm-up` +
    (roundCount > 1 ? `; ${roundCount} rounds in rotating order, each figure the median` : '');
  const description =
    `${host.cpus} x ${host.cpuModel}, ${host.memoryGb} GB; node ${host.node}; PostgreSQL ${host.postgres}; ` +
    `${dataSet.households.toLocaleString('en')} households (province ${dataSet.province}; commune pages from ${dataSet.communes} communes, ` +
    `the largest ${dataSet.commune} of ${dataSet.communeHouseholds.toLocaleString('en')} households; year ${dataSet.year}); ` +
    `${poolSize} database connections per subgraph`;
  const lines = [`# ${title}`, '', description, '', ...table(summary), '', ...ratios(summary)];
  const failed = rows.filter((r) => r.errors > 0);
  if (failed.length)
    lines.push(
      '',
      `**${failed.length} run(s) had errors:**`,
      ...failed.map((r) => `- ${r.operation} / ${GATEWAY_LABEL[r.gateway]}: ${r.errors}; first: ${r.firstError ?? ''}`),
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(values.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const base = join(values.out, `${stamp}-${dataSet.households}`);
  writeFileSync(`${base}.md`, `${lines.join('\n')}\n`);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ title, machine: host, dataSet, connections, reportConnections, seconds, warmupSeconds: warmup, poolSize, rounds: roundCount, summary, rows }, null, 2)}\n`,
  );
  process.stderr.write(`results written to ${base}.md and .json\n`);
  if (failed.length) {
    process.stderr.write(`\n!!! ${failed.length} RUN(S) HAD ERRORS: the figures of those rows are not comparable !!!\n`);
    process.exitCode = 1;
  }
}

runBench('bench', main);
