import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { request } from 'undici';
import {
  createLogger,
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
  type RequestContext,
} from '@gnbv/platform';
import { createAuthenticator } from './auth';
import type { GatewayConfig } from './config';
import { consoleRoutes } from './console';
import { explorerRedirect } from './explorer';
import { createSubgraphFetcher } from './fetcher';
import { assertSizeLimits, operationLimits, operationText } from './limits';

/** Per request: who is asking (verified), why, and the tokens already signed for subgraphs. */
export interface GatewayContext extends RequestContext {
  principal: Principal;
  purpose?: Purpose;
  subgraphTokens: Map<string, Promise<string>>;
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
  const { fetcher, close: closeFetcher } = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs });
  const authenticate = await createAuthenticator(config.auth);
  const signer = internalTokenSigner(readPrivateKey(config.auth.internalPrivateKeyFile), config.auth.internalTokenTtlSeconds);
  // One identity token per user and subgraph, reused for half its lifetime (see internalTokenCache).
  const tokens = internalTokenCache(signer, config.auth.internalTokenTtlSeconds);
  const production = config.nodeEnv === 'production';
  const limits = operationLimits<GatewayContext>(config.limits, production);

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: urlOf.get(name) ?? url,
        fetcher,
        async willSendRequest(options) {
          // Only what the gateway decides goes to a subgraph: client headers are never forwarded,
          // and the identity is a token the gateway signs for this subgraph alone.
          const { request: subgraphRequest, context } = options;
          const headers = subgraphRequest.http?.headers;
          if (!headers || !context.principal || insecure) return;
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
          headers.set('authorization', `Bearer ${await token}`);
          headers.set('x-request-id', context.requestId);
        },
      }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
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

  const readiness = async (): Promise<Readiness> => {
    const checks: Record<string, string> = {};
    await Promise.all(
      subgraphs.map(async ({ name, url }) => {
        try {
          const res = await request(new URL('/ready', url), { method: 'GET', headersTimeout: 2_000, bodyTimeout: 2_000 });
          await res.body.dump();
          checks[name] = res.statusCode === 200 ? 'ok' : `not ready (${res.statusCode})`;
        } catch (error) {
          checks[name] = `unreachable (${(error as Error).message})`;
        }
      }),
    );
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };

  const handler = graphqlHttpHandler<GatewayContext>({
    apollo,
    logger: log,
    maxBodyBytes: config.maxBodyBytes,
    readiness,
    // The console (and its explorer) are static files; GraphQL below still needs a token.
    routes: [
      ...(config.console.explorer ? [explorerRedirect] : []),
      ...(await consoleRoutes(config.console, {
        nodeEnv: config.nodeEnv,
        agencies: knownAgencies(subgraphs.map((s) => s.name)),
      })),
    ],
    // Authentication comes first: without a valid token nothing is parsed or executed.
    context: async (req, requestId, body) => {
      if (insecure) return { requestId, logger: log.child({ requestId }), principal: insecure, subgraphTokens: new Map() };
      const { principal, purpose } = await authenticate(req);
      assertSizeLimits(operationText(body, new URL(req.url ?? '/', 'http://gateway')), config.limits);
      return {
        requestId,
        logger: log.child({ requestId }),
        principal,
        ...(purpose ? { purpose } : {}),
        subgraphTokens: new Map(),
      };
    },
  });
  const listening = await listen(handler, config.port, config.host);
  log.info('gateway listening', { url: `${listening.url}/graphql`, subgraphs: Object.fromEntries(urlOf) });
  return {
    listening,
    stop: async () => {
      await listening.close();
      await apollo.stop();
      await closeFetcher();
    },
  };
}
