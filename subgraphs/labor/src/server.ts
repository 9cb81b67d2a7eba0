import { serveSubgraph, type ServeOptions, type SubgraphConfig, type SubgraphServer } from '@gnbv/kit';
import { createLoaders } from './context';
import { laborDataSource } from './data-source';
import { buildLaborSchema } from './schema';

/** Connects to the labor database and serves the subgraph; `stop()` closes both. */
export function createServer(config: SubgraphConfig, options: ServeOptions = {}): Promise<SubgraphServer> {
  return serveSubgraph(
    config,
    // Registry mutations keep idempotency keys: purged after LABOR_IDEMPOTENCY_RETENTION_HOURS.
    { dataSource: laborDataSource, buildSchema: buildLaborSchema, createLoaders, idempotentWrites: true },
    options,
  );
}
