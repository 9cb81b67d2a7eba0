import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createLogger,
  disableVendorTelemetry,
  ErrorCode,
  errorPlugin,
  graphqlHttpHandler,
  internalTokenCache,
  internalTokenSigner,
  knownAgencies,
  listen,
  maskError,
  readPrivateKey,
  type Listening,
  type Logger,
  type Principal,
  type Purpose,
  type Readiness,
  type Route,
  sendJson,
  type RequestContext,
} from '@gnbv/platform';
import { createAuthenticator } from './auth';
import type { GatewayConfig } from './config';
import { consoleRoutes } from './console';
import { explorerRedirect } from './explorer';
import { assertSizeLimits, operationLimits, operationText } from './limits';
import { createSubgraphCaller, type SubgraphCaller, type SubgraphPolicy, type SubgraphStatus } from './resilience/caller';
import { SubgraphDataSource } from './resilience/data-source';

/** Per request: who is asking (verified), why, and the tokens already signed for subgraphs. */
export interface GatewayContext extends RequestContext {
  principal: Principal;
  purpose?: Purpose;
  subgraphTokens: Map<string, Promise<string>>;
  /** Epoch ms by which this request is answered (GATEWAY_REQUEST_DEADLINE_MS after it arrived). */
  deadline: number;
}

function withoutServiceName(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const masked = maskError(formatted, original);
  if (!masked.extensions || !('serviceName' in masked.extensions)) return masked;
  const { serviceName: _serviceName, ...extensions } = masked.extensions;
  return { ...masked, extensions };
}

/** Subgraph answers that refused personal data for want of a purpose make the whole answer a 403. */
function purposeStatusPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.http) return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((e) => e.extensions?.code === ErrorCode.PURPOSE_REQUIRED)) response.http.status = 403;
        },
      };
    },
  };
}

/** Subgraph names and composed URLs, read from the supergraph's `join__Graph` enum. */
export function supergraphSubgraphs(supergraphSdl: string): Array<{ name: string; url: string }> {
  const found = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)];
  return found.map((m) => ({ name: m[1] as string, url: m[2] as string }));
}

/** `GET /health/subgraphs`: each subgraph's breaker state and counts (no hosts: agency names are public). */
function subgraphStatusRoute(status: () => Record<string, SubgraphStatus>): Route {
  return (req, res, url) => {
    if (url.pathname !== '/health/subgraphs' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    sendJson(res, 200, { subgraphs: status() });
    return true;
  };
}

/** The config is loaded for the supergraph's subgraphs (main.ts): one it does not cover is a start-up error, not a guess. */
function policyOf(config: GatewayConfig, name: string): SubgraphPolicy {
  const policy = config.subgraphPolicies[name];
  if (!policy)
    throw new Error(`no call policy for subgraph ${name}: load the gateway's config with the supergraph's subgraph names`);
  return policy;
}

export interface GatewayServer {
  listening: Listening;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  /**
   * Benchmark only (`npm run bench:security`): no token check, no operation limits, and this
   * principal sent to subgraphs started the same way. Refused in production; no variable sets it.
   */
  benchmarkWithoutSecurity?: Principal;
}

/** Starts the gateway on the committed supergraph; nothing happens until called. */
export async function createGateway(
  config: GatewayConfig,
  logger?: Logger,
  options: GatewayOptions = {},
): Promise<GatewayServer> {
  const insecure = options.benchmarkWithoutSecurity;
  if (insecure && config.nodeEnv === 'production') throw new Error('benchmarkWithoutSecurity is refused in production');
  const log = logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphs = supergraphSubgraphs(supergraphSdl).map((s) => ({ ...s, url: config.subgraphUrls[s.name] ?? s.url }));
  const urlOf = new Map(subgraphs.map((s) => [s.name, s.url]));
  // One caller per subgraph: its own pool, timeout, bulkhead, circuit breaker and retry budget.
  const callers = new Map(subgraphs.map((s) => [s.name, createSubgraphCaller(s.name, policyOf(config, s.name), log)]));
  const authenticate = await createAuthenticator(config.auth);
  const signer = internalTokenSigner(readPrivateKey(config.auth.internalPrivateKeyFile), config.auth.internalTokenTtlSeconds);
  // One identity token per user and subgraph, reused for half its lifetime (see internalTokenCache).
  const tokens = internalTokenCache(signer, config.auth.internalTokenTtlSeconds);
  const production = config.nodeEnv === 'production';
  const limits = operationLimits<GatewayContext>(config.limits, production);

  // Before the constructor reads it: @apollo/gateway otherwise reports to Apollo and probes cloud metadata.
  disableVendorTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource<GatewayContext>(
        (urlOf.get(name) ?? url) as string,
        callers.get(name) as SubgraphCaller,
        async (options): Promise<Record<string, string>> => {
          // Only what the gateway decides goes to a subgraph: client headers are never forwarded,
          // and the identity is a token the gateway signs for this subgraph alone.
          const { context } = options;
          if (!context.principal || insecure) return {};
          let token = context.subgraphTokens.get(name);
          if (!token) {
            const operationName =
              options.kind === 'incoming operation'
                ? (options.incomingRequestContext.operationName ??
                  options.incomingRequestContext.request.operationName ??
                  undefined)
                : undefined;
            token = tokens.get(
              {
                principal: context.principal,
                requestId: context.requestId,
                ...(context.purpose ? { purpose: context.purpose } : {}),
                ...(operationName ? { operationName } : {}),
              },
              name,
            );
            context.subgraphTokens.set(name, token);
          }
          return { authorization: `Bearer ${await token}`, 'x-request-id': context.requestId };
        },
      ),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // runMain owns SIGTERM/SIGINT (draining first); Apollo's own handlers raced it and stalled the stop.
    stopOnTerminationSignals: false,
    // In production clients are not told which agency's service answered (`serviceName`).
    formatError: production ? withoutServiceName : maskError,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: insecure ? [] : limits.validationRules,
    plugins: [
      ...(insecure ? [] : limits.plugins),
      purposeStatusPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // Answers depend on the caller: no cache-control hints collected or sent.
      ApolloServerPluginCacheControlDisabled(),
      errorPlugin(),
    ],
  });
  await apollo.start();

  // Ready means "this process can serve": its supergraph is loaded and it is not draining. One
  // agency's outage never makes the gateway unready; each subgraph's state is at /health/subgraphs.
  let draining = false;
  const readiness = async (): Promise<Readiness> => ({
    ready: !draining,
    checks: { supergraph: 'ok', process: draining ? 'draining' : 'ok' },
  });
  const subgraphStatus = (): Record<string, SubgraphStatus> =>
    Object.fromEntries([...callers].map(([name, caller]) => [name, caller.status()]));

  const handler = graphqlHttpHandler<GatewayContext>({
    apollo,
    logger: log,
    maxBodyBytes: config.maxBodyBytes,
    readiness,
    // The console (and its explorer) are static files; GraphQL below still needs a token.
    routes: [
      subgraphStatusRoute(subgraphStatus),
      ...(config.console.explorer ? [explorerRedirect] : []),
      ...(await consoleRoutes(config.console, {
        nodeEnv: config.nodeEnv,
        agencies: knownAgencies(subgraphs.map((s) => s.name)),
      })),
    ],
    // Authentication comes first: without a valid token nothing is parsed or executed.
    context: async (req, requestId, body) => {
      const deadline = Date.now() + config.requestDeadlineMs;
      if (insecure)
        return { requestId, logger: log.child({ requestId }), principal: insecure, subgraphTokens: new Map(), deadline };
      const { principal, purpose } = await authenticate(req);
      assertSizeLimits(operationText(body, new URL(req.url ?? '/', 'http://gateway')), config.limits);
      return {
        requestId,
        logger: log.child({ requestId }),
        principal,
        ...(purpose ? { purpose } : {}),
        subgraphTokens: new Map(),
        deadline,
      };
    },
  });
  const listening = await listen(handler, config.port, config.host);
  log.info('gateway listening', { url: `${listening.url}/graphql`, subgraphs: Object.fromEntries(urlOf) });
  return {
    listening,
    stop: async () => {
      // Draining: /ready answers 503 at once, serving goes on for the grace period (so a load
      // balancer's probe sees it), then requests in flight finish (up to the drain timeout).
      draining = true;
      if (config.shutdownGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
      await listening.close(config.drainTimeoutMs);
      await apollo.stop();
      await Promise.all([...callers.values()].map((c) => c.close()));
    },
  };
}
