import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { errorPlugin, type RequestContext } from './core/apollo';
import { maskError } from './core/errors';
import { graphqlHttpHandler, listen, type Listening } from './core/http';
import { createLogger, type Logger } from './core/logger';
import { databaseReadiness } from './db';
import type { SubgraphConfig } from './subgraph-config';

/** The context every subgraph resolver receives. `L` is the subgraph's per-request loaders. */
export interface SubgraphContext<L = unknown> extends RequestContext {
  db: DataSource;
  loaders: L;
}

export interface SubgraphServerOptions<L> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Builds fresh DataLoaders for one request; never share them across requests. */
  createLoaders: (dataSource: DataSource) => L;
  logger?: Logger;
}

export interface SubgraphServer {
  listening: Listening;
  stop(): Promise<void>;
}

function requestIdFrom(req: IncomingMessage, fallback: string): string {
  const header = req.headers['x-request-id'];
  // Only the gateway's ids are trusted shapes; anything else is replaced by our own.
  return typeof header === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(header) ? header : fallback;
}

/**
 * Starts a subgraph: Apollo Server behind the kit's HTTP handler, with /health and /ready.
 * Side-effect free until called; `main.ts` calls it with the validated config, tests with port 0.
 */
export async function startSubgraphServer<L>(options: SubgraphServerOptions<L>): Promise<SubgraphServer> {
  const { config, dataSource } = options;
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      format: config.logFormat,
      fields: config.logFormat === 'json' ? { service: config.name } : {},
    });
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: options.schema,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: maskError,
    // Inline traces would hand resolver timings to any caller; no Apollo Studio here.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), errorPlugin()],
  });
  await apollo.start();
  const handler = graphqlHttpHandler<SubgraphContext<L>>({
    apollo,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    readiness: () => databaseReadiness(dataSource),
    context: async (req, generatedId) => {
      const requestId = requestIdFrom(req, generatedId);
      return { requestId, logger: logger.child({ requestId }), db: dataSource, loaders: options.createLoaders(dataSource) };
    },
  });
  const listening = await listen(handler, config.port, config.host);
  logger.info(`${config.name} subgraph listening`, { url: `${listening.url}/graphql` });
  return {
    listening,
    stop: async () => {
      await listening.close();
      await apollo.stop();
    },
  };
}

export interface SubgraphDefinition<L> {
  /** Creates the (unconnected) data source of the subgraph's own database. */
  dataSource: (config: SubgraphConfig['database']) => DataSource;
  buildSchema: () => Promise<{ schema: GraphQLSchema }>;
  createLoaders: (dataSource: DataSource) => L;
}

/** Connects a subgraph to its database and serves it; `stop()` closes both. */
export async function serveSubgraph<L>(config: SubgraphConfig, definition: SubgraphDefinition<L>): Promise<SubgraphServer> {
  const dataSource = await definition.dataSource(config.database).initialize();
  try {
    const { schema } = await definition.buildSchema();
    const server = await startSubgraphServer({ config, schema, dataSource, createLoaders: definition.createLoaders });
    return {
      listening: server.listening,
      stop: async () => {
        await server.stop();
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
