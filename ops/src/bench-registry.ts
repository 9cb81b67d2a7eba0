import { parseArgs } from 'node:util';
import { graphql, type GraphQLSchema } from 'graphql';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { ConfigError, processEnv, type Principal } from '@gnbv/platform';
import { testContext } from '@gnbv/kit/testing';
import { buildLaborSchema, createLoaders, laborDataSource, loadConfig } from '@gnbv/labor';

/*
 * `npm run bench:registry [-- --rounds 10 --plans]`: how the registry's filtered reads perform on
 * a large data set (build one with `npm run seed`). Each read of issue 4's list (commune,
 * province, year, category, flag, deprived indicator, counts) runs through the labor subgraph's
 * schema in-process, as a request would (permissions, scope, DataLoaders), against the database
 * of LABOR_DATABASE_URL. For each: p50/p95 time over the rounds, the SQL statements it sent, and
 * the EXPLAIN ANALYZE of each statement: its execution time, the indexes it used and whether it
 * scanned a large table whole. It writes nothing.
 */

const USAGE = `Times the registry's filtered reads and shows their query plans.

  LABOR_DATABASE_URL=postgres://... npm run bench:registry -- [--rounds N] [--plans]

  --rounds  timed runs of each read after two warm-up runs (default 10, 1 to 1,000)
  --plans   print every statement's full EXPLAIN ANALYZE plan, not only a summary
  -h        this text`;

const OFFICER: Principal = { subject: 'bench-registry', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };
const BIG_TABLES = ['household', 'household_member', 'poverty_review'];

interface Statement {
  sql: string;
  params: unknown[];
}

/** A TypeORM logger that keeps the statements (with parameters) sent while `capturing`. */
class CapturingLogger implements TypeOrmLogger {
  capturing: Statement[] | null = null;
  logQuery(sql: string, params?: unknown[]) {
    this.capturing?.push({ sql, params: params ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

interface Sample {
  commune: string;
  province: string;
  householdCode: string;
}

async function sample(db: DataSource): Promise<Sample> {
  const [row] = await db.query(`
    SELECT h.commune_code AS commune, h.province_code AS province, h.code AS "householdCode"
      FROM household h
     WHERE h.commune_code = (SELECT commune_code FROM household GROUP BY commune_code ORDER BY count(*) DESC, commune_code LIMIT 1)
     ORDER BY h.code LIMIT 1`);
  if (!row) throw new Error('the labor database has no households: load some first (npm run seed -- --households N)');
  return row as Sample;
}

function reads(s: Sample): Record<string, string> {
  const page = `totalCount nodes { id code category } pageInfo { endCursor }`;
  return {
    'commune page': `{ households(communeCode: "${s.commune}", first: 50) { ${page} } }`,
    'commune page, poor': `{ households(communeCode: "${s.commune}", category: POOR, first: 50) { ${page} } }`,
    'province page': `{ households(provinceCode: "${s.province}", first: 50) { ${page} } }`,
    'province, near-poor': `{ households(provinceCode: "${s.province}", category: NEAR_POOR, first: 50) { ${page} } }`,
    'province, flag no working capacity': `{ households(provinceCode: "${s.province}", flag: NO_WORKING_CAPACITY, first: 50) { ${page} } }`,
    'province, 2025 class POOR': `{ households(provinceCode: "${s.province}", year: 2025, category: POOR, first: 50) { ${page} } }`,
    'commune, deprived in 11 (latest)': `{ households(communeCode: "${s.commune}", deprivedIndicator: 11, first: 50) { ${page} } }`,
    'national, 2025 deprived in 11': `{ households(year: 2025, deprivedIndicator: 11, first: 50) { ${page} } }`,
    'national, poor': `{ households(category: POOR, first: 50) { ${page} } }`,
    'household by code': `{ householdByCode(communeCode: "${s.commune}", code: "${s.householdCode}") { id category } }`,
    'commune page with members and reviews': `{ households(communeCode: "${s.commune}", first: 100) { nodes { code
        members { id sex } reviews { year classification } certifiedCategoryOn(date: "2026-01-01") } } }`,
    'province counts, per commune': `{ adminUnit(code: "${s.province}") { householdCounts { total poor nearPoor }
        children { code householdCounts { total poor nearPoor newlyEscaped } } } }`,
    'province counts 2025, per commune': `{ adminUnit(code: "${s.province}") { householdCounts(year: 2025) { total poor nearPoor }
        children { code householdCounts(year: 2025) { total poor nearPoor notReviewed } } } }`,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

interface PlanSummary {
  ms: number;
  indexes: string[];
  fullScans: string[];
  text: string;
}

async function explain(db: DataSource, st: Statement): Promise<PlanSummary | null> {
  // Reads only: SELECT, or WITH ... SELECT (a data-modifying WITH would run under ANALYZE).
  if (!/^\s*(SELECT|WITH)\b/i.test(st.sql) || /\b(INSERT|UPDATE|DELETE)\b/i.test(st.sql)) return null;
  const rows: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, COSTS OFF) ${st.sql}`, st.params);
  const text = rows.map((r) => r['QUERY PLAN']).join('\n');
  const indexes = [
    ...new Set(
      [...text.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map(
        (m) => m[1] as string,
      ),
    ),
  ];
  const fullScans = [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string))].filter((t) =>
    BIG_TABLES.includes(t),
  );
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
  return { ms, indexes, fullScans, text };
}

async function run(schema: GraphQLSchema, db: DataSource, source: string) {
  const result = await graphql({
    schema,
    source,
    contextValue: testContext(db, createLoaders, { principal: OFFICER, purpose: 'statistics' }),
  });
  if (result.errors?.length) throw new Error(`${source}\n→ ${result.errors.map((e) => e.message).join('; ')}`);
  return result;
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '10' },
      plans: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 1000) {
    process.stderr.write(`bench:registry: --rounds must be a whole number from 1 to 1,000\n\n${USAGE}\n`);
    process.exit(2);
  }
  let config;
  try {
    const env = processEnv();
    if (!env.LABOR_DATABASE_URL) throw new ConfigError(['LABOR_DATABASE_URL is not set: point it at a seeded database']);
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`bench:registry: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  const db = laborDataSource(config.database);
  const logger = new CapturingLogger();
  db.setOptions({ logger, logging: true });
  await db.initialize();
  try {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM household`);
    const s = await sample(db);
    const schema = (await buildLaborSchema()).schema;
    process.stdout.write(
      `${Number(n).toLocaleString('en')} households; commune ${s.commune}, province ${s.province}; ${rounds} rounds after 2 warm-ups\n\n`,
    );
    process.stdout.write(
      '| read | p50 ms | p95 ms | statements | slowest statement ms | indexes used | whole-table scans |\n|---|---|---|---|---|---|---|\n',
    );
    for (const [name, source] of Object.entries(reads(s))) {
      for (let w = 0; w < 2; w++) await run(schema, db, source);
      const times: number[] = [];
      let statements: Statement[] = [];
      for (let r = 0; r < rounds; r++) {
        logger.capturing = [];
        const t0 = performance.now();
        await run(schema, db, source);
        times.push(performance.now() - t0);
        statements = logger.capturing;
        logger.capturing = null;
      }
      times.sort((a, b) => a - b);
      const plans: (PlanSummary | null)[] = [];
      for (const st of statements) plans.push(await explain(db, st));
      const known = plans.filter((p): p is PlanSummary => p !== null);
      const indexes = [...new Set(known.flatMap((p) => p.indexes))];
      const scans = [...new Set(known.flatMap((p) => p.fullScans))];
      const slowest = Math.max(0, ...known.map((p) => p.ms));
      process.stdout.write(
        `| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${statements.length} | ${slowest.toFixed(2)} | ${indexes.join(', ') || '–'} | ${scans.join(', ') || 'none'} |\n`,
      );
      if (values.plans) {
        statements.forEach((st, i) => {
          const plan = plans[i];
          if (plan)
            process.stdout.write(`\n<!-- ${name}, statement ${i + 1} -->\n\`\`\`\n${st.sql.trim()}\n--\n${plan.text}\n\`\`\`\n`);
        });
      }
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:registry failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
