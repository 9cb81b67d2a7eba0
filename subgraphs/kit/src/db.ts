import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Readiness } from '@gnbv/platform';

// `pg` turns DATE into a JS Date at local midnight, which shifts days across time zones.
// Dates are calendar days here: keep them as the 'YYYY-MM-DD' text PostgreSQL sends.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Where a subgraph's own database is and how much of it the subgraph may use. */
export interface DatabaseConfig {
  url: string;
  /** PostgreSQL schema holding the agency's tables; `public` unless the operator chose one. */
  schema: string;
  poolSize: number;
  /** Logged by PostgreSQL as `application_name`, so DBAs see which agency runs a query. */
  applicationName: string;
}

/** Creates (does not connect) the TypeORM data source of one subgraph. Never synchronizes. */
export function createDataSource(
  config: DatabaseConfig,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: config.poolSize,
      application_name: config.applicationName,
      connectionTimeoutMillis: 10_000,
      // Short queries and reports over indexed tables: LLVM JIT compiles for longer than they
      // run (a province report spent 2-9 s compiling with the server's default jit = on).
      options: '-c jit=off',
    },
  });
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = `"${dataSource.driver.schema ?? 'public'}"."typeorm_migrations"`;
  const exists = await dataSource.query(`SELECT to_regclass($1) AS t`, [table]);
  const applied = new Set<string>();
  if (exists[0]?.t) {
    for (const row of await dataSource.query(`SELECT name FROM ${table}`)) applied.add(row.name);
  }
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

/** Runs pending migrations inside the agency's schema, creating the schema only if asked. */
export async function migrate(dataSource: DataSource, options: { createSchema: boolean }): Promise<string[]> {
  const schema = dataSource.driver.schema ?? 'public';
  if (options.createSchema && schema !== 'public') {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  }
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}

/** Readiness of a subgraph's database: reachable, and every migration applied. */
export async function databaseReadiness(dataSource: DataSource): Promise<Readiness> {
  try {
    if (!dataSource.isInitialized) return { ready: false, checks: { database: 'not connected' } };
    await dataSource.query('SELECT 1');
    const pending = await pendingMigrations(dataSource);
    if (pending.length > 0) {
      return { ready: false, checks: { database: 'ok', migrations: `pending: ${pending.join(', ')}` } };
    }
    return { ready: true, checks: { database: 'ok', migrations: 'ok' } };
  } catch (error) {
    return { ready: false, checks: { database: `unreachable: ${(error as Error).message}` } };
  }
}

// Socket errors, PostgreSQL's connection-exception class (08xxx), admin/crash shutdown and
// "cannot connect now" (57P01-57P03), too many connections (53300).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i;

/**
 * True when an error (or what it wraps: GraphQL's originalError, TypeORM's driverError, a cause)
 * says the database could not be reached, as opposed to a bad statement or a refused row. pg's pool
 * drops a broken connection and opens a new one on the next query, so these pass by themselves.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e = error as
    { code?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
