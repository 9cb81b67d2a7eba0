import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { ConfigError } from '@gnbv/platform';
import { AGENCIES } from './agencies';
import { PROGRAMME_AGENCIES } from './seed/agencies';
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
 * `npm run bench:reports [-- --year 2025 --runs 10]`: how long an officer waits for the
 * cross-department reports of the biggest province, through the gateway, on the databases the
 * *_DATABASE_URL variables name (seeded with `npm run seed -- --households N`). It starts the
 * four subgraphs and the gateway in their own processes (every security check on), then asks,
 * one request at a time, as a steering-committee analyst (aggregates only) and, for the
 * household list, as the province's labor officer:
 *   poverty:         the province and each of its communes: rates, change, movements, the 12 indicators (AS_IS)
 *   poverty (as was): the same in the units of that year (AS_WAS, the year's communes)
 *   coverage:        by list and project, several and none, per commune, targeting
 *   none received:   the first page of 50 poor households that received nothing (officer)
 *   money:           each agency's budget by project, late lines, bank book by programme, per commune
 * "cold" is the first request to freshly started services (empty plan cache, pools and loaders;
 * PostgreSQL's own cache is as the machine left it); "warm" is `--runs` more of the same.
 * Every answer is checked for errors and shape; a run with errors says so and exits non-zero.
 */

const USAGE = `Times the province reports through the gateway.

${DATABASE_URL_USAGE} \\
  npm run bench:reports -- [options]

  --province CODE  the province (default: the one with the most households)
  --year YEAR      the review year (default 2025)
  --runs N         warm requests per report, after the cold one (default 10)
  --pool N         database connections per subgraph (default 10)
  --port N         the gateway's port; the subgraphs take the next ${AGENCIES.length} (default 4700)
  -h               this text`;

const POVERTY_FIELDS = `households reviewed poor poorRate nearPoor nearPoorRate previousYear poorChange poorRateChangePoints
  nearPoorRateChangePoints targetMet movements { escapedPoverty escapedNearPoverty relapsed newlyArising stayed newlyEscapedInWindow }
  deprivation { indicator households share poorShare }`;
const GROUP_FIELDS = `category households byProject { project households share } borrowing several none`;
const BUDGET_FIELDS = `project planned allocated disbursed disbursementRate lateLineCount lateUndisbursed`;

interface Report {
  name: string;
  /** Who asks: the analyst, or the province's labor officer for household lists. */
  as: 'analyst' | 'officer';
  query: string;
  /** What a correct answer holds; returns the reason it does not. */
  check(data: Record<string, unknown>): string | null;
}

/** The agencies keeping budget lines (`<agency>BudgetTotals`, `<agency>LateBudgetLines`), in list order. */
const BUDGET_PREFIXES = PROGRAMME_AGENCIES.map((name) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));

function reports(province: string, year: number): Report[] {
  const yearEnd = `${year}-12-31`;
  // Every agency with a budget, its totals per unit and its late lines at the year end.
  const totals = BUDGET_PREFIXES.map((a) => `${a}BudgetTotals(year: ${year}) { ${BUDGET_FIELDS} }`).join(' ');
  const late = BUDGET_PREFIXES.map(
    (a) => `${a}LateBudgetLines(unitCode: "${province}", asOf: "${yearEnd}") { id project allocated disbursed deadline }`,
  ).join(' ');
  const unit = (d: Record<string, unknown>) => d.adminUnit as Record<string, unknown> | null;
  const children = (d: Record<string, unknown>) => (unit(d)?.children as unknown[] | undefined) ?? [];
  return [
    {
      name: 'poverty (as is)',
      as: 'analyst',
      query: `{ adminUnit(code: "${province}") { code povertyReport(year: ${year}) { ${POVERTY_FIELDS} }
                children { code name povertyReport(year: ${year}) { ${POVERTY_FIELDS} } } } }`,
      check: (d) =>
        typeof (unit(d)?.povertyReport as { poor?: unknown } | undefined)?.poor === 'number' && children(d).length > 0
          ? null
          : 'no province figures or no communes',
    },
    {
      name: 'poverty (as was)',
      as: 'analyst',
      query: `{ adminUnit(code: "${province}") { code povertyReport(year: ${year}, geography: AS_WAS) { ${POVERTY_FIELDS} }
                children(asOf: "${yearEnd}") { code name povertyReport(year: ${year}, geography: AS_WAS) { ${POVERTY_FIELDS} } } } }`,
      check: (d) =>
        typeof (unit(d)?.povertyReport as { poor?: unknown } | undefined)?.poor === 'number' ? null : 'no province figures',
    },
    {
      name: 'coverage',
      as: 'analyst',
      query: `{ adminUnit(code: "${province}") { code coverageReport(year: ${year}) { groups { ${GROUP_FIELDS} }
                communes { communeCode communeName groups { ${GROUP_FIELDS} } }
                targeting { informationDeprived informationDeprivedReached informationReachedNotDeprived poorNoWorkingCapacity poorNoWorkingCapacityReached } } } }`,
      check: (d) => {
        const report = unit(d)?.coverageReport as { groups?: unknown[]; communes?: unknown[] } | undefined;
        return report?.groups?.length && report.communes?.length ? null : 'no groups or no communes';
      },
    },
    {
      name: 'none received (page of 50)',
      as: 'officer',
      query: `{ adminUnit(code: "${province}") { coverageReport(year: ${year}) {
                noneReceived(category: POOR, first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { id code category } } } } }`,
      check: (d) => {
        const page = (unit(d)?.coverageReport as { noneReceived?: { totalCount?: unknown; nodes?: unknown[] } } | undefined)
          ?.noneReceived;
        return typeof page?.totalCount === 'number' && Array.isArray(page.nodes) ? null : 'no page';
      },
    },
    {
      name: 'money',
      as: 'analyst',
      query: `{ adminUnit(code: "${province}") { code
                ${totals}
                lendingSummary(asOf: "${yearEnd}") { outstanding overdue overdueRate byProgramme { programme loanCount outstanding overdue overdueRate } }
                children { code ${totals} lendingSummary(asOf: "${yearEnd}") { outstanding overdue } } }
              ${late} }`,
      check: (d) =>
        Array.isArray(unit(d)?.laborBudgetTotals) && children(d).length > 0 ? null : 'no budget totals or no communes',
    },
  ];
}

interface Timing {
  name: string;
  cold: number;
  warm: number[];
  bytes: number;
  errors: string[];
}

async function ask(pool: Pool, token: string, report: Report): Promise<{ ms: number; bytes: number; error: string | null }> {
  const started = performance.now();
  const res = await pool.request({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'review' },
    body: JSON.stringify({ query: report.query }),
  });
  const text = await res.body.text();
  const ms = performance.now() - started;
  let error: string | null;
  try {
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
    error =
      res.statusCode !== 200 || body.errors?.length
        ? `${res.statusCode} ${body.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`
        : report.check(body.data ?? {});
  } catch {
    error = `${res.statusCode} not JSON: ${text.slice(0, 200)}`;
  }
  return { ms, bytes: Buffer.byteLength(text), error };
}

async function main() {
  const { values } = parseArgs({
    options: {
      province: { type: 'string' },
      year: { type: 'string', default: '2025' },
      runs: { type: 'string', default: '10' },
      pool: { type: 'string', default: '10' },
      port: { type: 'string', default: '4700' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const year = Number(values.year);
  const runs = Number(values.runs);
  const poolSize = Number(values.pool);
  assertCounts([
    ['--runs', runs, 1000],
    ['--pool', poolSize, 200],
  ]);
  if (!Number.isInteger(year) || year < 2021 || year > 2100) throw new ConfigError(['--year: expected a year from 2021 to 2100']);
  if (values.province !== undefined && !/^\d{2}$/.test(values.province))
    throw new ConfigError(['--province: expected a 2-digit province code']);
  benchDatabaseUrls();

  let platform: BenchPlatform | undefined;
  let pool: Pool | undefined;
  try {
    platform = await startBenchPlatform({ port: Number(values.port), poolSize });
    const sizes = await platform.sql<{ province_code: string; n: number }>(
      'labor',
      `SELECT province_code, count(*)::int AS n FROM household GROUP BY province_code ORDER BY n DESC`,
    );
    if (!sizes.length) throw new Error('the labor database holds no households; load some with npm run seed');
    const province = values.province ?? sizes[0]!.province_code;
    const provinceHouseholds = sizes.find((s) => s.province_code === province)?.n ?? 0;
    const total = sizes.reduce((t, s) => t + s.n, 0);
    const [communes] = await platform.sql<{ n: number }>(
      'labor',
      `SELECT count(DISTINCT commune_code)::int AS n FROM household WHERE province_code = $1`,
      [province],
    );
    const tokens = {
      analyst: await platform.token({
        agency: 'steering-committee',
        roles: ['analyst'],
        scope: ['VN'],
        subject: 'bench-analyst',
      }),
      officer: await platform.token({ agency: 'labor', roles: ['officer'], scope: [province], subject: 'bench-officer' }),
    };
    pool = new Pool(platform.gatewayUrl, { connections: 2, pipelining: 1 });

    const timings: Timing[] = [];
    for (const report of reports(province, year)) {
      process.stderr.write(`${report.name}: cold, then ${runs} warm...\n`);
      const first = await ask(pool, tokens[report.as], report);
      const timing: Timing = { name: report.name, cold: first.ms, warm: [], bytes: first.bytes, errors: [] };
      if (first.error) timing.errors.push(first.error);
      for (let i = 0; i < runs; i++) {
        const r = await ask(pool, tokens[report.as], report);
        timing.warm.push(r.ms);
        if (r.error) timing.errors.push(r.error);
      }
      timings.push(timing);
    }

    const lines = [
      `Province reports through the gateway (security on), one request at a time, year ${year}`,
      `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}; PostgreSQL server; ${total.toLocaleString('en')} households,`,
      `province ${province}: ${provinceHouseholds.toLocaleString('en')} households in ${communes?.n ?? 0} communes; ${poolSize} connections per subgraph`,
      '',
      `| report | cold ms | warm p50 ms | warm max ms | answer KB | errors |`,
      '|---|---:|---:|---:|---:|---:|',
    ];
    for (const t of timings) {
      const sorted = [...t.warm].sort((a, b) => a - b);
      lines.push(
        `| ${t.name} | ${t.cold.toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ${(t.bytes / 1024).toFixed(0)} | ${t.errors.length} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    const failed = timings.filter((t) => t.errors.length);
    if (failed.length) {
      for (const t of failed) process.stderr.write(`ERRORS in ${t.name}: ${t.errors.length}; first: ${t.errors[0]}\n`);
      process.exitCode = 1;
    }
  } finally {
    await pool?.close();
    await platform?.stop();
  }
}

runBench('bench:reports', main);
