import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { request } from 'undici';
import {
  createLogger,
  errorPlugin,
  graphqlHttpHandler,
  listen,
  maskError,
  type Listening,
  type Logger,
  type Readiness,
  type RequestContext,
} from '@gnbv/kit/core';
import type { GatewayConfig } from './config';
import { explorerRoute } from './explorer';
import { createSubgraphFetcher } from './fetcher';

export type GatewayContext = RequestContext;

/** Subgraph names and composed URLs, read from the supergraph's `join__Graph` enum. */
export function supergraphSubgraphs(supergraphSdl: string): Array<{ name: string; url: string }> {
  const found = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)];
  return found.map((m) => ({ name: m[1] as string, url: m[2] as string }));
}

export interface GatewayServer {
  listening: Listening;
  stop(): Promise<void>;
}

/** Starts the gateway on the committed supergraph; nothing happens until called. */
export async function createGateway(config: GatewayConfig, logger?: Logger): Promise<GatewayServer> {
  const log = logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphs = supergraphSubgraphs(supergraphSdl).map((s) => ({ ...s, url: config.subgraphUrls[s.name] ?? s.url }));
  const urlOf = new Map(subgraphs.map((s) => [s.name, s.url]));
  const { fetcher, close: closeFetcher } = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs });

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: urlOf.get(name) ?? url,
        fetcher,
        willSendRequest({ request: subgraphRequest, context }) {
          // Only what the gateway decides goes to a subgraph; client headers are not forwarded.
          if (context.requestId) subgraphRequest.http?.headers.set('x-request-id', context.requestId);
        },
      }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: maskError,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), errorPlugin()],
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
    routes: config.nodeEnv === 'production' ? [] : [explorerRoute],
    context: async (_req, requestId) => ({ requestId, logger: log.child({ requestId }) }),
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
