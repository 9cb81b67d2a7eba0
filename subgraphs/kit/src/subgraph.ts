import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { AuditCollector } from './audit/collector';
import { auditPlugin } from './audit/plugin';
import { benchmarkRefusals, type BenchmarkPrincipal } from './benchmark';
import {
  errorPlugin,
  type RequestContext,
  ErrorCode,
  maskError,
  graphqlHttpHandler,
  HttpError,
  listen,
  type Listening,
  bearerToken,
  internalTokenVerifier,
  type InternalIdentity,
  readPublicKey,
  type Principal,
  type Purpose,
  createLogger,
  type Logger,
} from '@gnbv/platform';
import { databaseReadiness, isDatabaseUnavailable } from './db';
import { scheduleIdempotencyPurge } from './idempotency';
import { enableReportCache } from './report/cache';
import { registryKeys, type RegistryKeys } from './registry-attestation';
import type { SubgraphConfig } from './subgraph-config';

/**
 * The context every subgraph resolver receives. `L` is the subgraph's per-request loaders. The
 * principal, purpose and request id come only from the gateway's verified token.
 */
export interface SubgraphContext<L = unknown> extends RequestContext {
  db: DataSource;
  loaders: L;
  principal: Principal;
  purpose?: Purpose | undefined;
  operationName?: string | undefined;
  /** Personal-data use noted by the permission rules; written to the audit trail before the response leaves. */
  audit: AuditCollector;
  /** Verifies the labor registry's statements sent with writes (labor also signs them). */
  registry: RegistryKeys;
}

export interface SubgraphServerOptions<L> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Builds fresh DataLoaders for one request, filtered to its principal's scope; never share them across requests. */
  createLoaders: (dataSource: DataSource, principal: Principal) => L;
  logger?: Logger;
  /**
   * Benchmark only (`npm run bench:security`), and only with `config.benchmark` set: the
   * unprotected schema (no permission rules) and no audit, to price the subgraph's checks. No
   * configuration variable can set it.
   */
  benchmarkWithoutChecks?: boolean;
}

export interface SubgraphServer {
  listening: Listening;
  /** The subgraph's own database connection (tests count the statements a request makes). */
  dataSource?: DataSource;
  stop(): Promise<void>;
}

const UNAUTHENTICATED_MESSAGE =
  'This service answers only the gateway: send the request through the gateway, with your own token.';

/** What a request id may look like (the gateway's are UUIDs); anything else is ignored. */
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The identity the gateway signed for this subgraph, or 401. Nothing else about the caller is
 * trusted. In benchmark mode a request without any token is the configured principal; a token
 * that is sent is still verified (a bad one is still a 401).
 */
export async function identityFrom(
  req: IncomingMessage,
  verify: (token: string) => Promise<InternalIdentity>,
  logger: { warn(message: string, fields?: Record<string, unknown>): void },
  benchmark?: BenchmarkPrincipal,
): Promise<InternalIdentity> {
  const token = bearerToken(req.headers.authorization);
  if (!token && benchmark && req.headers.authorization === undefined)
    return {
      principal: benchmark.principal,
      requestId: randomUUID(),
      ...(benchmark.purpose ? { purpose: benchmark.purpose } : {}),
    };
  if (!token) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE, { 'www-authenticate': 'Bearer' });
  let identity: InternalIdentity;
  try {
    identity = await verify(token);
  } catch (error) {
    logger.warn('refused a request with an invalid gateway token', { reason: (error as Error).message });
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE, { 'www-authenticate': 'Bearer' });
  }
  // The gateway reuses a token across requests (internalTokenCache): each request's own id comes
  // in x-request-id; the token's is the request that had it signed.
  const requestId = req.headers['x-request-id'];
  return typeof requestId === 'string' && REQUEST_ID.test(requestId) ? { ...identity, requestId } : identity;
}

/** The subgraph's logger, as its configuration asks (JSON lines name the service). */
const subgraphLogger = (config: SubgraphConfig) =>
  createLogger({
    level: config.logLevel,
    format: config.logFormat,
    fields: config.logFormat === 'json' ? { service: config.name } : {},
  });

/**
 * Starts a subgraph: Apollo Server behind the kit's HTTP handler, with /health and /ready.
 * Side-effect free until called; `main.ts` calls it with the validated config, tests with port 0.
 */
export async function startSubgraphServer<L>(options: SubgraphServerOptions<L>): Promise<SubgraphServer> {
  const { config, dataSource } = options;
  const { benchmark } = config;
  // Checked again here: a config object can be built without loadSubgraphConfig.
  if (benchmark) {
    const refusals = benchmarkRefusals(config.nodeEnv, config.host, 'the host');
    if (refusals.length) throw new Error(refusals.join('; '));
  }
  if (options.benchmarkWithoutChecks && !benchmark)
    throw new Error('benchmarkWithoutChecks needs benchmark mode (SUBGRAPH_BENCHMARK_PRINCIPAL)');
  const insecure = options.benchmarkWithoutChecks === true;
  const logger = options.logger ?? subgraphLogger(config);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: options.schema,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, original) =>
      isDatabaseUnavailable(original)
        ? {
            message:
              `The ${config.name} agency's database is unavailable for a moment, so this was not done (or, for a write, ` +
              'not confirmed). Retry later: a write retried with the same idempotency key is never applied twice.',
            ...(formatted.path ? { path: formatted.path } : {}),
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, agency: config.name, retryable: true },
          }
        : maskError(formatted, original),
    // runMain owns SIGTERM/SIGINT (draining first); Apollo's own handlers raced it and stalled the stop.
    stopOnTerminationSignals: false,
    // Inline traces would hand resolver timings to any caller; no Apollo Studio here.
    // The audit plugin runs first, so a failed audit write replaces the response before anything else sees it.
    plugins: [
      ...(insecure ? [] : [auditPlugin<SubgraphContext<L>>()]),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No HTTP caching of GraphQL answers here (every answer depends on the caller), and the
      // default cache-control plugin wraps every field's resolver to collect hints: a tenth of
      // a subgraph's CPU on a report (issue 8 profile).
      ApolloServerPluginCacheControlDisabled(),
      errorPlugin(),
    ],
  });
  const verifier = internalTokenVerifier(readPublicKey(config.internalTokenPublicKeyFile), config.name);
  const registry = registryKeys({
    publicKeyFile: config.registryAttestationPublicKeyFile,
    privateKeyFile: config.registryAttestationPrivateKeyFile,
  });
  await apollo.start();
  let draining = false;
  const handler = graphqlHttpHandler<SubgraphContext<L>>({
    apollo,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    // Draining: 503 at once, so a load balancer stops sending before the listener closes.
    readiness: async () => (draining ? { ready: false, checks: { process: 'draining' } } : databaseReadiness(dataSource)),
    context: async (req) => {
      const identity = await identityFrom(req, verifier.verify, logger, benchmark);
      return {
        ...identity,
        logger: logger.child({ requestId: identity.requestId }),
        db: dataSource,
        loaders: options.createLoaders(dataSource, identity.principal),
        audit: new AuditCollector(),
        registry,
      };
    },
  });
  const listening = await listen(handler, config.port, config.host);
  logger.info(`${config.name} subgraph listening`, { url: `${listening.url}/graphql` });
  if (benchmark)
    logger.warn(`${config.name} subgraph in BENCHMARK MODE: requests without a gateway token act as a fixed principal`, {
      principal: benchmark.principal,
      purpose: benchmark.purpose,
      checks: insecure ? 'off' : 'on',
    });
  return {
    listening,
    stop: async () => {
      draining = true;
      if (config.shutdownGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
      await listening.close(config.drainTimeoutMs);
      await apollo.stop();
    },
  };
}

export interface SubgraphDefinition<L> {
  /** Creates the (unconnected) data source of the subgraph's own database. */
  dataSource: (config: SubgraphConfig['database']) => DataSource;
  buildSchema: () => Promise<{ schema: GraphQLSchema; unprotectedSchema: GraphQLSchema }>;
  createLoaders: (dataSource: DataSource, principal: Principal) => L;
  /** The subgraph's mutations keep idempotency keys (its migrations include `idempotencyMigration`): purge them on schedule. */
  idempotentWrites?: boolean;
}

/** Options a subgraph's `createServer` passes through; see `SubgraphServerOptions`. */
export interface ServeOptions {
  benchmarkWithoutChecks?: boolean;
}

/** Connects a subgraph to its database and serves it; `stop()` closes both. */
export async function serveSubgraph<L>(
  config: SubgraphConfig,
  definition: SubgraphDefinition<L>,
  serveOptions: ServeOptions = {},
): Promise<SubgraphServer> {
  const dataSource = await definition.dataSource(config.database).initialize();
  if (config.reportCacheSeconds > 0) enableReportCache(dataSource, { ttlSeconds: config.reportCacheSeconds });
  try {
    const { schema, unprotectedSchema } = await definition.buildSchema();
    const insecure = serveOptions.benchmarkWithoutChecks === true;
    const server = await startSubgraphServer({
      config,
      schema: insecure ? unprotectedSchema : schema,
      dataSource,
      createLoaders: definition.createLoaders,
      ...(insecure ? { benchmarkWithoutChecks: true } : {}),
    });
    const stopPurge = definition.idempotentWrites
      ? scheduleIdempotencyPurge(dataSource, config.idempotencyRetentionHours, subgraphLogger(config))
      : async () => undefined;
    return {
      listening: server.listening,
      dataSource,
      stop: async () => {
        await server.stop();
        await stopPurge();
        // pg's end() waits for the server to close each socket; PGlite's socket server never
        // does, so a stopping process would hang. It exits right after, which closes them.
        await Promise.race([dataSource.destroy(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
