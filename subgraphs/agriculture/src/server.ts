import { serveSubgraph, type ServeOptions, type SubgraphConfig, type SubgraphServer } from '@gnbv/kit';
import { createLoaders } from './context';
import { agricultureDataSource } from './data-source';
import { buildAgricultureSchema } from './schema';

/** Connects to the agriculture database and serves the subgraph; `stop()` closes both. */
export function createServer(config: SubgraphConfig, options: ServeOptions = {}): Promise<SubgraphServer> {
  return serveSubgraph(
    config,
    // Its mutations keep idempotency keys: purged after AGRICULTURE_IDEMPOTENCY_RETENTION_HOURS.
    { dataSource: agricultureDataSource, buildSchema: buildAgricultureSchema, createLoaders, idempotentWrites: true },
    options,
  );
}
