import { loadSubgraphConfig, type SubgraphConfig } from '@gnbv/kit';
import { processEnv } from '@gnbv/platform';

export const SUBGRAPH_NAME = 'social-policy-bank';
export const DEFAULT_PORT = 4004;

/** The social-policy-bank subgraph's validated configuration (SOCIAL_POLICY_BANK_* variables; see the README). */
export function loadConfig(env = processEnv()): SubgraphConfig {
  return loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
}
