import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditCollector } from '../audit';
import type { Principal, Purpose } from '../core/principal';
import type { DatabaseConfig } from '../db';
import { startEmbeddedDatabase } from '../embedded';

/** Where tests keep the empty-cluster template (made once per machine, ~0.5 s to load). */
export const TEST_TEMPLATE = join(tmpdir(), 'gnbv-pglite-0.5.14-template.tar');

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/**
 * A throwaway, migrated database for one subgraph's tests: an in-memory PGlite, or, when
 * `url` is given, that server database. Migrations run exactly as in production.
 */
export async function startTestDatabase(
  dataSource: (config: DatabaseConfig) => DataSource,
  options: { url?: string; name?: string } = {},
): Promise<TestDatabase> {
  const embedded = options.url
    ? undefined
    : await startEmbeddedDatabase({ name: options.name ?? 'test', port: 0, templateFile: TEST_TEMPLATE });
  const url = options.url ?? (embedded as { url: string }).url;
  const ds = await dataSource({ url, schema: 'public', poolSize: 1, applicationName: 'gnbv-test' }).initialize();
  await ds.runMigrations({ transaction: 'each' });
  return {
    url,
    dataSource: ds,
    stop: async () => {
      await ds.destroy();
      await embedded?.stop();
    },
  };
}

/** A national labor officer reviewing households: sees every field of every subgraph's tests. */
export const TEST_PRINCIPAL: Principal = {
  subject: 'test-officer',
  agency: 'labor',
  roles: ['officer'],
  kind: 'person',
  scope: ['VN'],
};

/** A resolver context for running a subgraph schema in-process with `graphql()`. */
export function testContext<L>(
  dataSource: DataSource,
  createLoaders: (db: DataSource, principal: Principal) => L,
  identity: { principal?: Principal; purpose?: Purpose } = {},
) {
  const principal = identity.principal ?? TEST_PRINCIPAL;
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
  return {
    requestId: 'test-request',
    logger: quiet,
    db: dataSource,
    loaders: createLoaders(dataSource, principal),
    principal,
    purpose: 'purpose' in identity ? identity.purpose : ('review' as Purpose),
    audit: new AuditCollector(),
  };
}
