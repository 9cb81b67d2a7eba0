import { loadSubgraphConfig, type SubgraphConfig } from '@gnbv/kit';
import { ConfigError, devKeyFiles, processEnv } from '@gnbv/platform';

export const SUBGRAPH_NAME = 'labor';
export const DEFAULT_PORT = 4001;

/**
 * The labor subgraph's validated configuration (LABOR_* variables; see the README). Labor also
 * signs registry statements: LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE, required in production
 * (development uses the key pair `npm start` makes under .data/keys).
 */
export function loadConfig(env = processEnv()): SubgraphConfig {
  const config = loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
  if (config.registryAttestationPrivateKeyFile) return config;
  if (config.nodeEnv === 'production')
    throw new ConfigError([
      'LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE: expected the path of the private key (PEM) that signs registry statements in production (it is not set)',
    ]);
  return { ...config, registryAttestationPrivateKeyFile: devKeyFiles().registryPrivate };
}
