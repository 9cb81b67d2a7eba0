import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '@gnbv/kit';
import { envPrefix, processEnv } from '@gnbv/platform';
import { DATA_DIR } from './paths';
import { AGENCIES } from './agencies';

/*
 * Where an operator command finds an agency's database: <NAME>_DATABASE_URL when set; otherwise
 * the embedded database of `npm start`, whether the platform is running (its port) or not (its
 * data directory). Shared by audit:verify and import:review.
 */

// embedded-db.ts puts the i-th agency without a <NAME>_DATABASE_URL on EMBEDDED_BASE_PORT + i + 1.
const EMBEDDED_BASE_PORT = 54330;

/** A URL for an agency's database, where it came from (for the operator to read), and what to stop afterwards. */
export interface AgencyDatabase {
  url: string;
  source: string;
  stop?: () => Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The agency's database, or undefined when it has none configured and `npm start` never ran. */
export async function findAgencyDatabase(name: string, env = processEnv()): Promise<AgencyDatabase | undefined> {
  const variable = `${envPrefix(name)}_DATABASE_URL`;
  const configured = env[variable];
  if (configured) return { url: configured, source: variable };
  // The same order as `npm start` gives the embedded databases their ports.
  const embedded = AGENCIES.map((s) => s.name).filter((n) => !env[`${envPrefix(n)}_DATABASE_URL`]);
  const port = EMBEDDED_BASE_PORT + embedded.indexOf(name) + 1;
  const running = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (embedded.includes(name) && (await reachable(running))) {
    return { url: running, source: `the running embedded database (port ${port})` };
  }
  const dataDir = join(DATA_DIR, 'pg', name);
  if (!existsSync(dataDir)) return undefined;
  const db = await startEmbeddedDatabase({ name, dataDir, port: 0 });
  return { url: db.url, source: `the embedded data directory ${dataDir}`, stop: () => db.stop() };
}
