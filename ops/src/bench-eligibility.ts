import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { todayInVietnam } from '@gnbv/kit';
import { AGENCIES } from './agencies';
import {
  assertCounts,
  benchDatabaseUrls,
  DATABASE_URL_USAGE,
  percentile,
  runBench,
  startBenchPlatform,
  type BenchPlatform,
} from './bench/platform';

/*
 * `npm run bench:eligibility [-- --connections 50 --seconds 20 --batch 100]`: the bank's loan
 * eligibility check through the gateway, under load, on the databases the *_DATABASE_URL
 * variables name (a PostgreSQL server loaded with `npm run seed -- --households 1000000`).
 * It starts the four subgraphs and the gateway, each in its own process as in production, with
 * every security check on,
 * signs a token for the bank's eligibility service (purpose loan-eligibility), warms up, then
 * keeps `--connections` clients busy for `--seconds` each with two operations:
 *   single: household(id) { loanEligibility(...) }: labor (with the @requires'd category
 *           periods), then the bank: one household picked at random per request;
 *   batch:  loanEligibilityBatch(householdIds: [--batch ids]) { loanEligibility(...) }: the
 *           bank, labor for every household in one _entities call, the bank again.
 * It prints requests/s and p50/p95/p99 latency per operation, and counts every response with
 * an error or the wrong shape (a run with errors says so and exits non-zero). It writes nothing.
 */

const USAGE = `Load-tests the loan-eligibility check through the gateway.

${DATABASE_URL_USAGE} \\
  npm run bench:eligibility -- [options]

  --connections  concurrent clients (default 50)
  --seconds      measured seconds per operation, after 3 s of warm-up (default 20)
  --batch        households per batch request (default 100, at most 200)
  --pool         database connections per subgraph (default 20)
  --port         the gateway's port; the subgraphs take the next ${AGENCIES.length} (default 4700)
  --profile DIR  write a CPU profile of each service (node --cpu-prof) into DIR
  -h             this text`;

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  firstError?: string;
}

/** Keeps `connections` clients sending `next()` requests for `seconds`; times each one. */
async function drive(
  pool: Pool,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  next: () => { query: string; variables: Record<string, unknown> },
  valid: (body: unknown) => boolean,
  name: string,
): Promise<Result> {
  const result: Result = { name, requests: 0, errors: 0, seconds, latencies: [] };
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: '/graphql', headers, body: JSON.stringify(next()) });
        const body = (await res.body.json()) as { errors?: unknown[] };
        const ok = res.statusCode === 200 && !body.errors && valid(body);
        if (!ok) {
          result.errors++;
          result.firstError ??= `${res.statusCode} ${JSON.stringify(body).slice(0, 300)}`;
        }
      } catch (error) {
        result.errors++;
        result.firstError ??= String(error);
      }
      result.latencies.push(performance.now() - started);
      result.requests++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return result;
}

async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '20' },
      batch: { type: 'string', default: '100' },
      pool: { type: 'string', default: '20' },
      port: { type: 'string', default: '4700' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const batch = Number(values.batch);
  const poolSize = Number(values.pool);
  assertCounts([
    ['--connections', connections, 1000],
    ['--seconds', seconds, 3600],
    ['--batch', batch, 200],
    ['--pool', poolSize, 200],
  ]);
  benchDatabaseUrls();

  let pool: Pool | undefined;
  let platform: BenchPlatform | undefined;
  try {
    platform = await startBenchPlatform({
      port: Number(values.port),
      poolSize,
      ...(values.profile ? { profileDir: values.profile } : {}),
    });
    // Households to ask about: members of a savings group (the bank's real callers) and any household.
    const ids = [
      ...(
        await platform.sql<{ id: string }>(
          'social-policy-bank',
          `SELECT DISTINCT household_id AS id FROM savings_group_member TABLESAMPLE SYSTEM (20) LIMIT 20000`,
        )
      ).map((r) => r.id),
      ...(await platform.sql<{ id: string }>('labor', `SELECT id FROM household TABLESAMPLE SYSTEM (2) LIMIT 20000`)).map(
        (r) => r.id,
      ),
    ];
    const [{ n: households }] = (await platform.sql<{ n: string }>(
      'labor',
      `SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'household'`,
    )) as [{ n: string }];
    if (ids.length < batch) throw new Error(`the databases hold too few households (${ids.length}); load some with npm run seed`);
    const token = await platform.token({
      agency: 'social-policy-bank',
      roles: ['service'],
      kind: 'service',
      scope: ['VN'],
      purpose: 'loan-eligibility',
      subject: 'bench-eligibility',
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'loan-eligibility' };
    pool = new Pool(platform.gatewayUrl, { connections, pipelining: 1 });
    const on = todayInVietnam();
    const pick = () => ids[Math.floor(Math.random() * ids.length)] as string;
    const single = () => ({
      query: `query Eligibility($id: ID!, $on: Date!) { household(id: $id) { id loanEligibility(programme: POOR_HOUSEHOLD, on: $on) {
                eligible category headroom annualRatePercent maxTermMonths reasons { code } } } }`,
      variables: { id: pick(), on },
    });
    const many = () => {
      const start = Math.floor(Math.random() * (ids.length - batch));
      return {
        query: `query GroupMeeting($ids: [ID!]!, $on: Date!) { loanEligibilityBatch(householdIds: $ids) { id
                  loanEligibility(programme: POOR_HOUSEHOLD, on: $on) { eligible category headroom reasons { code } } } }`,
        variables: { ids: ids.slice(start, start + batch), on },
      };
    };
    const singleOk = (body: unknown) => {
      const h = (body as { data?: { household?: { loanEligibility?: { eligible?: unknown } } | null } }).data?.household;
      return h === null || typeof h?.loanEligibility?.eligible === 'boolean';
    };
    const batchOk = (body: unknown) => {
      const list = (body as { data?: { loanEligibilityBatch?: Array<{ loanEligibility?: { eligible?: unknown } }> } }).data
        ?.loanEligibilityBatch;
      return Array.isArray(list) && list.length > 0 && list.every((h) => typeof h.loanEligibility?.eligible === 'boolean');
    };

    const results: Result[] = [];
    for (const [name, next, valid, perRequest] of [
      ['single household', single, singleOk, 1],
      [`batch of ${batch}`, many, batchOk, batch],
    ] as const) {
      process.stderr.write(`${name}: warming up...\n`);
      await drive(pool, headers, connections, 3, next, valid, name);
      process.stderr.write(`${name}: ${connections} clients for ${seconds} s...\n`);
      const r = await drive(pool, headers, connections, seconds, next, valid, name);
      results.push({ ...r, name: `${name}${perRequest > 1 ? ` (${perRequest} checks/request)` : ''}` });
    }

    const lines = [
      `Loan eligibility through the gateway (security on), ${connections} concurrent clients, ${seconds} s per operation`,
      `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}; PostgreSQL server, ~${Number(households).toLocaleString('en')} households; ${poolSize} connections per subgraph`,
      '',
      '| operation | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    for (const r of results) {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      lines.push(
        `| ${r.name} | ${r.requests} | ${(r.requests / r.seconds).toFixed(1)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${r.errors} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    const failed = results.filter((r) => r.errors > 0);
    if (failed.length) {
      for (const r of failed) process.stderr.write(`ERRORS in ${r.name}: ${r.errors}; first: ${r.firstError}\n`);
      process.exitCode = 1;
    }
  } finally {
    await pool?.close();
    await platform?.stop();
  }
}

runBench('bench:eligibility', main);
