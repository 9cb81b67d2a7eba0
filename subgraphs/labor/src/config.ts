import { loadSubgraphConfig, processEnv, type SubgraphConfig } from '@gnbv/kit';

export const SUBGRAPH_NAME = 'labor';
export const DEFAULT_PORT = 4001;

/** The labor subgraph's validated configuration (LABOR_* variables; see the README). */
export function loadConfig(env = processEnv()): SubgraphConfig {
  return loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
}
