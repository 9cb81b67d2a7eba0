import { loadSubgraphConfig, type SubgraphConfig } from '@gnbv/kit';
import { processEnv } from '@gnbv/platform';

export const SUBGRAPH_NAME = 'culture-information';
export const DEFAULT_PORT = 4003;

/** The culture-information subgraph's validated configuration (CULTURE_INFORMATION_* variables; see the README). */
export function loadConfig(env = processEnv()): SubgraphConfig {
  return loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
}
