import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { request } from 'undici';
import { createGateway, loadConfig as loadGatewayConfig } from '@gnbv/gateway';
import { startEmbeddedDatabase, type EmbeddedDatabase, type SubgraphServer } from '@gnbv/kit';
import { envPrefix, ensureDevKeys, type Logger, createLogger } from '@gnbv/platform';
import { TEST_TEMPLATE } from '@gnbv/kit/testing';
import { devIssuerKeys, prepareDatabases, signDevToken, AGENCIES, type DevTokenOptions } from '@gnbv/ops';
import { testConfig } from './config';

export interface GraphQLResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

/** A national labor officer reviewing households: the identity of requests that name none. */
export const LABOR_OFFICER: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: ['VN'] };

export interface QueryOptions {
  url?: string;
  headers?: Record<string, string>;
  /** Who asks (a development token is signed for it), or 'anonymous' for no Authorization header. */
  as?: DevTokenOptions | 'anonymous';
  /** X-Purpose; `review` unless given, none when null. */
  purpose?: string | null;
}

/** The whole platform on free ports: four subgraphs and the gateway, over real HTTP. */
export interface Platform {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  /** Each subgraph's database connection, to count the SQL statements a request makes. */
  dataSources: Record<string, DataSource>;
  /** The environment the services were configured with (database URLs, key files). */
  env: Record<string, string>;
  /** Key files of this run: the development issuer and the gateway's internal key. */
  keyFiles: ReturnType<typeof ensureDevKeys>;
  /** A development token, as an agency identity provider would sign it. */
  token(options: DevTokenOptions): Promise<string>;
  /** POSTs a GraphQL request to the gateway (or another URL) and returns status and JSON. */
  query(source: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResponse>;
  /** Another gateway on the same subgraphs, with these variables on top (e.g. NODE_ENV=production). */
  startGateway(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/** A subgraph's TypeORM data source, as its server exposes it. */
type DataSource = NonNullable<SubgraphServer['dataSource']>;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/** Separate databases per agency: embedded PGlite, or fresh ones on the configured server. */
async function createDatabases(): Promise<{ urls: Record<string, string>; drop(): Promise<void> }> {
  const server = testConfig.TEST_DATABASE_SERVER_URL;
  if (!server) {
    const started: EmbeddedDatabase[] = [];
    for (const s of AGENCIES) started.push(await startEmbeddedDatabase({ name: s.name, port: 0, templateFile: TEST_TEMPLATE }));
    return {
      urls: Object.fromEntries(started.map((d) => [d.name, d.url])),
      drop: async () => {
        for (const d of started) await d.stop();
      },
    };
  }
  const run = `gnbv_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const urls: Record<string, string> = {};
  try {
    for (const s of AGENCIES) {
      const name = `${run}_${s.name.replace(/-/g, '_')}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      urls[s.name] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return {
    urls,
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      for (const s of AGENCIES) await c.query(`DROP DATABASE IF EXISTS "${run}_${s.name.replace(/-/g, '_')}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startPlatform(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<Platform> {
  const databases = await createDatabases();
  const keyDir = mkdtempSync(join(tmpdir(), 'gnbv-keys-'));
  const keyFiles = ensureDevKeys(keyDir);
  const issuerKeys = devIssuerKeys(keyFiles);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    INTERNAL_TOKEN_PUBLIC_KEY_FILE: keyFiles.internalPublic,
    INTERNAL_TOKEN_PRIVATE_KEY_FILE: keyFiles.internalPrivate,
    AUTH_DEV_ISSUER_PUBLIC_KEY_FILE: keyFiles.issuerPublic,
    REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: keyFiles.registryPublic,
    LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE: keyFiles.registryPrivate,
    ...options.env,
  };
  for (const s of AGENCIES) {
    env[`${envPrefix(s.name)}_DATABASE_URL`] = databases.urls[s.name] as string;
    env[`${envPrefix(s.name)}_DATABASE_POOL_SIZE`] = testConfig.TEST_DATABASE_SERVER_URL ? '4' : '1';
    env[`${envPrefix(s.name)}_PORT`] = '0';
  }
  const subgraphs: SubgraphServer[] = [];
  const stopAll = async () => {
    for (const s of subgraphs) await s.stop();
    await databases.drop();
    rmSync(keyDir, { recursive: true, force: true });
  };
  try {
    await prepareDatabases(env, { demo: options.demo ?? true, createSchema: false, logger: quiet });
    for (const s of AGENCIES) subgraphs.push(await s.createServer(s.loadConfig(env)));
    const subgraphUrls = Object.fromEntries(AGENCIES.map((s, i) => [s.name, `${subgraphs[i]?.listening.url}/graphql`]));
    for (const s of AGENCIES) env[`${envPrefix(s.name)}_URL`] = subgraphUrls[s.name] as string;
    const startGateway = async (overrides: Record<string, string>) => {
      const server = await createGateway(
        loadGatewayConfig(
          AGENCIES.map((s) => s.name),
          { ...env, GATEWAY_PORT: '0', ...overrides },
        ),
        createLogger({ level: 'error' }),
      );
      return { url: `${server.listening.url}/graphql`, stop: () => server.stop() };
    };
    const gateway = await startGateway({});
    const token = (options: DevTokenOptions) => signDevToken(options, issuerKeys);
    const defaultToken = await token(LABOR_OFFICER);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      databaseUrls: databases.urls,
      dataSources: Object.fromEntries(AGENCIES.map((s, i) => [s.name, subgraphs[i]!.dataSource!])),
      env,
      keyFiles,
      token,
      startGateway,
      async query(source, variables, opts = {}) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (opts.as !== 'anonymous') headers.authorization = `Bearer ${opts.as ? await token(opts.as) : defaultToken}`;
        const purpose = opts.purpose === undefined ? 'review' : opts.purpose;
        if (purpose !== null) headers['x-purpose'] = purpose;
        const res = await request(opts.url ?? gateway.url, {
          method: 'POST',
          headers: { ...headers, ...opts.headers },
          body: JSON.stringify({ query: source, variables }),
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, body: JSON.parse(text) };
      },
      async stop() {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
