import { loadSubgraphConfig, type SubgraphConfig } from '@gnbv/kit';
import { processEnv } from '@gnbv/platform';

export const SUBGRAPH_NAME = 'agriculture';
export const DEFAULT_PORT = 4002;

/** The agriculture subgraph's validated configuration (AGRICULTURE_* variables; see the README). */
export function loadConfig(env = processEnv()): SubgraphConfig {
  return loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
}
