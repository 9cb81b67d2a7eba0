import { resolve } from 'node:path';
import { z } from 'zod';
import { envLogLevel, envNodeEnv, envPort, envUrl, parseEnv, processEnv } from '@gnbv/kit/core';

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  supergraphPath: string;
  /** Subgraph URL overrides by subgraph name; others use the URL composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'pretty' | 'json';
}

const prefix = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * The gateway's validated configuration. `subgraphNames` come from the supergraph, so each
 * subgraph's URL can be overridden with `<NAME>_URL` (e.g. SOCIAL_POLICY_BANK_URL).
 */
export function loadConfig(subgraphNames: readonly string[], env = processEnv()): GatewayConfig {
  const urlVars = Object.fromEntries(
    subgraphNames.map((name) => [
      `${prefix(name)}_URL`,
      envUrl(['http', 'https'], `the ${name} subgraph's GraphQL URL`).optional(),
    ]),
  );
  const schema = z.object({
    NODE_ENV: envNodeEnv,
    LOG_LEVEL: envLogLevel,
    LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'expected pretty or json' }).optional(),
    GATEWAY_HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: envPort(4000),
    GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100, 'expected at least 100 ms')
      .max(120_000, 'expected at most 120000 ms')
      .default(15_000),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024, 'expected at least 1024').default(100_000),
    ...urlVars,
  });
  const c = parseEnv(schema, env) as Record<string, unknown>;
  const nodeEnv = c.NODE_ENV as GatewayConfig['nodeEnv'];
  const subgraphUrls: Record<string, string> = {};
  for (const name of subgraphNames) {
    const url = c[`${prefix(name)}_URL`];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return {
    nodeEnv,
    host: c.GATEWAY_HOST as string,
    port: c.GATEWAY_PORT as number,
    supergraphPath: defaultSupergraphPath(env),
    subgraphUrls,
    subgraphTimeoutMs: c.GATEWAY_SUBGRAPH_TIMEOUT_MS as number,
    maxBodyBytes: c.GATEWAY_MAX_BODY_BYTES as number,
    logLevel: c.LOG_LEVEL as GatewayConfig['logLevel'],
    logFormat: (c.LOG_FORMAT as GatewayConfig['logFormat'] | undefined) ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
  };
}

/** SUPERGRAPH_PATH, or the committed `schema/supergraph.graphql`. Read before the rest of config. */
export function defaultSupergraphPath(env = processEnv()): string {
  const path = parseEnv(z.object({ SUPERGRAPH_PATH: z.string().optional() }), env).SUPERGRAPH_PATH;
  return path ? resolve(path) : resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');
}
