import { serveSubgraph, type ServeOptions, type SubgraphConfig, type SubgraphServer } from '@gnbv/kit';
import { createLoaders } from './context';
import { cultureInformationDataSource } from './data-source';
import { buildCultureInformationSchema } from './schema';

/** Connects to the culture-information database and serves the subgraph; `stop()` closes both. */
export function createServer(config: SubgraphConfig, options: ServeOptions = {}): Promise<SubgraphServer> {
  return serveSubgraph(
    config,
    {
      dataSource: cultureInformationDataSource,
      buildSchema: buildCultureInformationSchema,
      createLoaders,
      // Supports, budget lines and products keep idempotency keys: purged after CULTURE_INFORMATION_IDEMPOTENCY_RETENTION_HOURS.
      idempotentWrites: true,
    },
    options,
  );
}
