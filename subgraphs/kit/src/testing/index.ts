import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { AuditCollector } from '../audit/collector';
import { type Principal, type Purpose, ensureDevKeys } from '@gnbv/platform';
import type { DatabaseConfig } from '../db';
import { startEmbeddedDatabase } from '../embedded';
import { registryKeys, type RegistryKeys } from '../registry-attestation';

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
  const ds = dataSource({ url, schema: 'public', poolSize: 1, applicationName: 'gnbv-test' });
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  } catch (error) {
    // Never leave a database running behind a failed setup: jest would wait on it forever.
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
    throw error;
  }
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

/** The default test principal with some fields changed, e.g. `testPrincipal({ scope: ['03160'] })`. */
export const testPrincipal = (overrides: Partial<Principal> = {}): Principal => ({ ...TEST_PRINCIPAL, ...overrides });

/**
 * Who a test request runs as: `TEST_PRINCIPAL` unless `principal` is given; purpose `review` unless
 * the `purpose` key is given (`purpose: undefined` declares none).
 */
export interface TestIdentity {
  principal?: Principal;
  purpose?: Purpose | undefined;
}

/** A national steering-committee analyst: aggregates, never a household's records. */
export const TEST_ANALYST = {
  principal: testPrincipal({ subject: 'analyst', agency: 'steering-committee', roles: ['analyst'] }),
};

/** The bank's loan-eligibility service account, national, under the purpose its token is bound to. */
export const TEST_BANK_SERVICE = {
  principal: testPrincipal({ subject: 'vbsp-eligibility', agency: 'social-policy-bank', roles: ['service'], kind: 'service' }),
  purpose: 'loan-eligibility' as const,
};

let devRegistry: RegistryKeys | undefined;
/** The development registry keys (made under .data/keys on first use), for in-process tests. */
export function testRegistryKeys(): RegistryKeys {
  if (!devRegistry) {
    const files = ensureDevKeys();
    devRegistry = registryKeys({ publicKeyFile: files.registryPublic, privateKeyFile: files.registryPrivate });
  }
  return devRegistry;
}

/** A resolver context for running a subgraph schema in-process with `graphql()`. */
export function testContext<L>(
  dataSource: DataSource,
  createLoaders: (db: DataSource, principal: Principal) => L,
  identity: TestIdentity = {},
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
    registry: testRegistryKeys(),
  };
}

export type TestContext<L> = ReturnType<typeof testContext<L>>;

/** Runs one operation in a fresh request context, as `identity` (see `TestIdentity`). */
export interface SchemaRunner<L = unknown> {
  (source: string, variables?: Record<string, unknown>, identity?: TestIdentity): Promise<ExecutionResult>;
  /** The same, with the request context too: to see what the request noted for the audit trail. */
  withContext(
    source: string,
    variables?: Record<string, unknown>,
    identity?: TestIdentity,
  ): Promise<{ result: ExecutionResult; context: TestContext<L> }>;
}

/** Runs operations against a subgraph schema in-process with `graphql()`, as a server would per request. */
export function schemaRunner<L>(
  schema: GraphQLSchema,
  dataSource: DataSource,
  createLoaders: (db: DataSource, principal: Principal) => L,
): SchemaRunner<L> {
  const withContext = async (source: string, variableValues?: Record<string, unknown>, identity?: TestIdentity) => {
    const context = testContext(dataSource, createLoaders, identity);
    return { result: await graphql({ schema, source, variableValues, contextValue: context }), context };
  };
  const run = async (source: string, variables?: Record<string, unknown>, identity?: TestIdentity) =>
    (await withContext(source, variables, identity)).result;
  return Object.assign(run, { withContext });
}

/** The `extensions.code` of each error of a result, in order. */
export const errorCodes = (result: ExecutionResult) => (result.errors ?? []).map((e) => e.extensions?.code);

/**
 * Runs `work` and returns the SQL statements the data source sent meanwhile (TypeORM hands
 * every statement to its logger). For N+1 tests: a page of 100 must not cost more than a page of 10.
 */
export async function captureStatements<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = dataSource.logger;
  const counting = Object.create(original) as typeof original;
  counting.logQuery = (query: string) => {
    statements.push(query);
  };
  (dataSource as { logger: typeof original }).logger = counting;
  try {
    return { result: await work(), statements };
  } finally {
    (dataSource as { logger: typeof original }).logger = original;
  }
}
