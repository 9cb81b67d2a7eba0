import { z } from 'zod';
import { ConfigError, envLogLevel, envNodeEnv, envPort, envPrefix, envUrl, parseEnv, devKeyFiles } from '@gnbv/platform';
import { BENCHMARK_PRINCIPAL_VARIABLE, benchmarkRefusals, parseBenchmarkPrincipal, type BenchmarkPrincipal } from './benchmark';
import type { DatabaseConfig } from './db';

/** Every agency subgraph's settings, read from variables prefixed with its name. */
export interface SubgraphConfig {
  name: string;
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  database: DatabaseConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'pretty' | 'json';
  maxBodyBytes: number;
  /**
   * How long a mutation's idempotency key (and the reply stored with it, which may hold personal
   * data) is kept; a retry after that runs again. Purged hourly by the subgraphs that write.
   */
  idempotencyRetentionHours: number;
  /**
   * How long a computed report (aggregate figures, household sets) is reused for the same reader
   * scope (report/cache.ts); 0 turns the cache off. `<NAME>_REPORT_CACHE_SECONDS`: 30 by default,
   * 0 under NODE_ENV=test (tests write rows directly and read the report at once).
   */
  reportCacheSeconds: number;
  /** The gateway's public key (PEM), which verifies the identity token on every request. */
  internalTokenPublicKeyFile: string;
  /** The labor registry's public key (PEM), which verifies the registry statements sent with writes. */
  registryAttestationPublicKeyFile: string;
  /** Labor only: the private key that signs registry statements (`LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE`). */
  registryAttestationPrivateKeyFile?: string | undefined;
  /**
   * Benchmark mode (`SUBGRAPH_BENCHMARK_PRINCIPAL`, see benchmark.ts): a request without a gateway
   * token is this principal. Never set in production, only on a loopback host.
   */
  benchmark?: BenchmarkPrincipal | undefined;
  /** On SIGTERM: answer /ready with 503 and keep serving this long (`<NAME>_SHUTDOWN_GRACE_MS`; 5 s in production, else 0). */
  shutdownGraceMs: number;
  /** Then let requests in flight finish for at most this long (`<NAME>_SHUTDOWN_DRAIN_TIMEOUT_MS`, 10 s). */
  drainTimeoutMs: number;
}

/**
 * Reads and validates one subgraph's configuration, e.g. for labor: LABOR_DATABASE_URL
 * (required), LABOR_PORT, LABOR_HOST, LABOR_DATABASE_SCHEMA, LABOR_DATABASE_POOL_SIZE,
 * plus the shared NODE_ENV, LOG_LEVEL, LOG_FORMAT and INTERNAL_TOKEN_PUBLIC_KEY_FILE.
 */
export function loadSubgraphConfig(name: string, defaultPort: number, env: Record<string, string | undefined>): SubgraphConfig {
  const p = envPrefix(name);
  const schema = z.object({
    NODE_ENV: envNodeEnv,
    LOG_LEVEL: envLogLevel,
    LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'expected pretty or json' }).optional(),
    [`${p}_HOST`]: z.string().default('127.0.0.1'),
    [`${p}_PORT`]: envPort(defaultPort),
    [`${p}_DATABASE_URL`]: envUrl(['postgres', 'postgresql'], `a PostgreSQL URL for the ${name} database`),
    [`${p}_DATABASE_SCHEMA`]: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case PostgreSQL identifier')
      .default('public'),
    [`${p}_DATABASE_POOL_SIZE`]: z.coerce
      .number()
      .int()
      .min(1, 'expected at least 1')
      .max(200, 'expected at most 200')
      .default(10),
    INTERNAL_TOKEN_PUBLIC_KEY_FILE: z.string().optional(),
    [BENCHMARK_PRINCIPAL_VARIABLE]: z
      .string()
      .transform((json, ctx) => {
        try {
          return parseBenchmarkPrincipal(json);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
    REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: z.string().optional(),
    [`${p}_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE`]: z.string().optional(),
    [`${p}_MAX_BODY_BYTES`]: z.coerce.number().int().min(1024, 'expected at least 1024').default(1_000_000),
    [`${p}_IDEMPOTENCY_RETENTION_HOURS`]: z.coerce
      .number()
      .int()
      .min(1, 'expected at least 1 (hour)')
      .max(24 * 90, 'expected at most 2160 (90 days)')
      .default(72),
    [`${p}_REPORT_CACHE_SECONDS`]: z.coerce
      .number()
      .int()
      .min(0, 'expected 0 (off) or more seconds')
      .max(600, 'expected at most 600 (10 minutes): reports must not go stale for long')
      .optional(),
    [`${p}_SHUTDOWN_GRACE_MS`]: z.coerce
      .number()
      .int()
      .min(0, 'expected at least 0')
      .max(120_000, 'expected at most 120000')
      .optional(),
    [`${p}_SHUTDOWN_DRAIN_TIMEOUT_MS`]: z.coerce
      .number()
      .int()
      .min(0, 'expected at least 0')
      .max(300_000, 'expected at most 300000')
      .default(10_000),
  });
  const c = parseEnv(schema, env) as Record<string, unknown>;
  const nodeEnv = c.NODE_ENV as SubgraphConfig['nodeEnv'];
  const keyFile = c.INTERNAL_TOKEN_PUBLIC_KEY_FILE as string | undefined;
  const registryKeyFile = c.REGISTRY_ATTESTATION_PUBLIC_KEY_FILE as string | undefined;
  const registryPrivateFile = c[`${p}_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE`] as string | undefined;
  if (nodeEnv === 'production') {
    const missing = [
      ...(keyFile
        ? []
        : ['INTERNAL_TOKEN_PUBLIC_KEY_FILE: expected the path of the gateway public key (PEM) in production (it is not set)']),
      ...(registryKeyFile
        ? []
        : [
            'REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: expected the path of the labor registry public key (PEM) in production (it is not set)',
          ]),
    ];
    if (missing.length) throw new ConfigError(missing);
  }
  const benchmark = c[BENCHMARK_PRINCIPAL_VARIABLE] as BenchmarkPrincipal | undefined;
  if (benchmark) {
    const refusals = benchmarkRefusals(nodeEnv, c[`${p}_HOST`] as string, `${p}_HOST`);
    if (refusals.length) throw new ConfigError(refusals);
  }
  return {
    name,
    nodeEnv,
    host: c[`${p}_HOST`] as string,
    port: c[`${p}_PORT`] as number,
    database: {
      url: c[`${p}_DATABASE_URL`] as string,
      schema: c[`${p}_DATABASE_SCHEMA`] as string,
      poolSize: c[`${p}_DATABASE_POOL_SIZE`] as number,
      applicationName: `gnbv-${name}`,
    },
    logLevel: c.LOG_LEVEL as SubgraphConfig['logLevel'],
    logFormat: (c.LOG_FORMAT as SubgraphConfig['logFormat'] | undefined) ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
    maxBodyBytes: c[`${p}_MAX_BODY_BYTES`] as number,
    idempotencyRetentionHours: c[`${p}_IDEMPOTENCY_RETENTION_HOURS`] as number,
    reportCacheSeconds: (c[`${p}_REPORT_CACHE_SECONDS`] as number | undefined) ?? (nodeEnv === 'test' ? 0 : 30),
    // Development and tests use the key pair `npm start` generates under .data/keys.
    internalTokenPublicKeyFile: keyFile ?? devKeyFiles().internalPublic,
    registryAttestationPublicKeyFile: registryKeyFile ?? devKeyFiles().registryPublic,
    registryAttestationPrivateKeyFile: registryPrivateFile,
    ...(benchmark ? { benchmark } : {}),
    shutdownGraceMs: (c[`${p}_SHUTDOWN_GRACE_MS`] as number | undefined) ?? (nodeEnv === 'production' ? 5_000 : 0),
    drainTimeoutMs: c[`${p}_SHUTDOWN_DRAIN_TIMEOUT_MS`] as number,
  };
}
