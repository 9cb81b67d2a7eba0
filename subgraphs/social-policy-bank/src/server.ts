import { serveSubgraph, type ServeOptions, type SubgraphConfig, type SubgraphServer } from '@gnbv/kit';
import { createLoaders } from './context';
import { socialPolicyBankDataSource } from './data-source';
import { buildSocialPolicyBankSchema } from './schema';

/** Connects to the social-policy-bank database and serves the subgraph; `stop()` closes both. */
export function createServer(config: SubgraphConfig, options: ServeOptions = {}): Promise<SubgraphServer> {
  return serveSubgraph(
    config,
    {
      dataSource: socialPolicyBankDataSource,
      buildSchema: buildSocialPolicyBankSchema,
      createLoaders,
      idempotentWrites: true,
    },
    options,
  );
}
