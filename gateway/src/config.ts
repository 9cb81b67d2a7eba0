import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  agencySchema,
  ConfigError,
  devKeyFiles,
  envLogLevel,
  envNodeEnv,
  envOptionalBool,
  envPrefix,
  envPort,
  envUrl,
  INTERNAL_MAX_TTL_SECONDS,
  knownAgencies,
  parseEnv,
  processEnv,
  type Agency,
} from '@gnbv/platform';
import type { SubgraphPolicy } from './resilience/caller';
import { loadSubgraphPolicies } from './resilience/policy';

/** A token issuer the gateway accepts: one per agency's identity provider. */
export interface IssuerConfig {
  /** The exact `iss` of its tokens. */
  issuer: string;
  /** The agencies it may vouch for: a token naming another agency is refused. */
  agencies: Agency[];
  /** Where its signing keys are published, or... */
  jwksUrl?: string;
  /** ...a PEM public key file (with an optional `kid` its tokens must name). */
  publicKeyFile?: string;
  kid?: string;
}

export interface AuthConfig {
  issuers: IssuerConfig[];
  /** The `aud` every token must name. */
  audience: string;
  /** Signature algorithms accepted; `none` and HMAC are never accepted. */
  algorithms: string[];
  clockSkewSeconds: number;
  /**
   * The local development issuer (`npm run token`), refused in production. It vouches for every
   * agency the platform knows: the supergraph's subgraphs plus the steering committee.
   */
  devIssuer?: { publicKeyFile: string; agencies: Agency[] };
  /** The gateway's own key for the tokens it gives subgraphs, and their lifetime. */
  internalPrivateKeyFile: string;
  internalTokenTtlSeconds: number;
}

/** Operation limits, each enforced before any subgraph is called. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  maxQueryLength: number;
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

const issuerSchema = z
  .object({
    issuer: z.string().min(1),
    agencies: z.array(agencySchema).min(1),
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    publicKeyFile: z.string().min(1).optional(),
    kid: z.string().min(1).optional(),
  })
  .strict()
  .refine((i) => !!i.jwksUrl !== !!i.publicKeyFile, { message: 'give exactly one of jwksUrl or publicKeyFile' });

const jsonArray = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a JSON array of issuers' });
    return z.NEVER;
  }
});

const limit = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`).default(fallback);

/** The officers' console served at `/` (static files built by `npm run build`). */
export interface ConsoleConfig {
  /** The built console (gateway/console/dist unless GATEWAY_CONSOLE_DIR says otherwise). */
  dir: string;
  /** Whether /explorer (GraphiQL) is served: on outside production, off in production unless GATEWAY_EXPLORER=true. */
  explorer: boolean;
  /**
   * Demo roles: the console lists them and the gateway signs a short-lived development token for
   * the chosen one. Development only, and only with the development issuer; never in production.
   */
  demoRoles?: { issuerPrivateKeyFile: string; ttlSeconds: number };
}

export interface GatewayConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  supergraphPath: string;
  /** Subgraph URL overrides by subgraph name; others use the URL composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Timeout, bulkhead, circuit breaker and retries of each subgraph (resilience/policy.ts). */
  subgraphPolicies: Record<string, SubgraphPolicy>;
  /** Every client request is answered within this, whatever its subgraphs do. */
  requestDeadlineMs: number;
  /** On SIGTERM: keep serving (answering /ready with 503) this long, then finish what is in flight for at most drainTimeoutMs. */
  shutdownGraceMs: number;
  drainTimeoutMs: number;
  maxBodyBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'pretty' | 'json';
  auth: AuthConfig;
  limits: LimitsConfig;
  console: ConsoleConfig;
}

/**
 * The gateway's validated configuration. `subgraphNames` come from the supergraph, so each
 * subgraph's URL can be overridden with `<NAME>_URL` (e.g. SOCIAL_POLICY_BANK_URL).
 */
export function loadConfig(subgraphNames: readonly string[], env = processEnv()): GatewayConfig {
  const urlVars = Object.fromEntries(
    subgraphNames.map((name) => [
      `${envPrefix(name)}_URL`,
      envUrl(['http', 'https'], `the ${name} subgraph's GraphQL URL`).optional(),
    ]),
  );
  const schema = z.object({
    NODE_ENV: envNodeEnv,
    LOG_LEVEL: envLogLevel,
    LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'expected pretty or json' }).optional(),
    GATEWAY_HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: envPort(4000),
    GATEWAY_REQUEST_DEADLINE_MS: limit(10_000, 200, 300_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0, 'expected at least 0').max(120_000, 'expected at most 120000').optional(),
    SHUTDOWN_DRAIN_TIMEOUT_MS: limit(10_000, 0, 300_000),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024, 'expected at least 1024').default(100_000),
    GATEWAY_MAX_DEPTH: limit(10, 2, 50),
    GATEWAY_MAX_ALIASES: limit(15, 0, 500),
    GATEWAY_MAX_TOKENS: limit(3_000, 100, 100_000),
    GATEWAY_MAX_DIRECTIVES: limit(10, 0, 500),
    // Armor cost: about 4,500 for a 50-household commune page with every agency's records.
    GATEWAY_MAX_COST: limit(10_000, 100, 1_000_000),
    GATEWAY_MAX_QUERY_LENGTH: limit(20_000, 256, 1_000_000),
    AUTH_ISSUERS: jsonArray.pipe(z.array(issuerSchema)).default([]),
    AUTH_AUDIENCE: z.string().min(1).default('gnbv-gateway'),
    AUTH_ALGORITHMS: z
      .string()
      .transform((v) => v.split(',').map((a) => a.trim()))
      .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `expected some of ${ASYMMETRIC_ALGORITHMS.join(', ')}` })).min(1))
      .default(['RS256', 'PS256', 'ES256', 'EdDSA']),
    AUTH_CLOCK_SKEW_SECONDS: limit(30, 0, 300),
    AUTH_DEV_ISSUER: envOptionalBool,
    AUTH_DEV_ISSUER_PUBLIC_KEY_FILE: z.string().optional(),
    AUTH_DEV_ISSUER_PRIVATE_KEY_FILE: z.string().optional(),
    GATEWAY_CONSOLE_DIR: z.string().min(1).optional(),
    GATEWAY_EXPLORER: envOptionalBool,
    GATEWAY_DEMO_ROLES: envOptionalBool,
    GATEWAY_DEMO_TOKEN_TTL_SECONDS: limit(3_600, 60, 8 * 3_600),
    INTERNAL_TOKEN_PRIVATE_KEY_FILE: z.string().optional(),
    INTERNAL_TOKEN_TTL_SECONDS: limit(30, 1, INTERNAL_MAX_TTL_SECONDS),
    ...urlVars,
  });
  const c = parseEnv(schema, env) as Record<string, unknown>;
  const nodeEnv = c.NODE_ENV as GatewayConfig['nodeEnv'];
  const subgraphUrls: Record<string, string> = {};
  for (const name of subgraphNames) {
    const url = c[`${envPrefix(name)}_URL`];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  const production = nodeEnv === 'production';
  // The development issuer is on by default outside production and can never be on in production.
  const devIssuer = (c.AUTH_DEV_ISSUER as boolean | undefined) ?? !production;
  const problems: string[] = [];
  if (production && devIssuer) problems.push('AUTH_DEV_ISSUER: the development issuer cannot be enabled in production');
  const issuers = c.AUTH_ISSUERS as IssuerConfig[];
  // Agencies are open names; the ones that exist are the supergraph's subgraphs and the steering committee.
  const agencies = knownAgencies(subgraphNames);
  for (const issuer of issuers)
    for (const agency of issuer.agencies.filter((a) => !agencies.includes(a)))
      problems.push(`AUTH_ISSUERS: issuer ${issuer.issuer} names agency ${agency}, which is not one of ${agencies.join(', ')}`);
  if (production && issuers.length === 0) problems.push('AUTH_ISSUERS: production needs at least one issuer (it is empty)');
  if (production && !c.INTERNAL_TOKEN_PRIVATE_KEY_FILE)
    problems.push('INTERNAL_TOKEN_PRIVATE_KEY_FILE: production needs the gateway signing key (PEM) (it is not set)');
  // Demo roles sign tokens with the development issuer's key: on by default in development only,
  // possible in test, impossible in production or without the development issuer.
  const demoRolesSet = c.GATEWAY_DEMO_ROLES as boolean | undefined;
  const demoRoles = demoRolesSet ?? (nodeEnv === 'development' && devIssuer);
  if (demoRoles && production) problems.push('GATEWAY_DEMO_ROLES: demo roles cannot be enabled in production');
  else if (demoRoles && !devIssuer)
    problems.push('GATEWAY_DEMO_ROLES: demo roles need the development issuer (AUTH_DEV_ISSUER is false)');
  const policies = loadSubgraphPolicies(subgraphNames, env);
  const deadline = c.GATEWAY_REQUEST_DEADLINE_MS as number;
  for (const [name, policy] of Object.entries(policies)) {
    if (policy.timeoutMs >= deadline)
      problems.push(
        `GATEWAY_REQUEST_DEADLINE_MS: must be longer than the ${name} subgraph's timeout (${policy.timeoutMs} ms), or its errors could never be answered in time`,
      );
  }
  if (problems.length) throw new ConfigError(problems);
  const keys = devKeyFiles();
  return {
    nodeEnv,
    auth: {
      issuers,
      audience: c.AUTH_AUDIENCE as string,
      algorithms: c.AUTH_ALGORITHMS as string[],
      clockSkewSeconds: c.AUTH_CLOCK_SKEW_SECONDS as number,
      ...(devIssuer
        ? { devIssuer: { publicKeyFile: (c.AUTH_DEV_ISSUER_PUBLIC_KEY_FILE as string) ?? keys.issuerPublic, agencies } }
        : {}),
      internalPrivateKeyFile: (c.INTERNAL_TOKEN_PRIVATE_KEY_FILE as string | undefined) ?? keys.internalPrivate,
      internalTokenTtlSeconds: c.INTERNAL_TOKEN_TTL_SECONDS as number,
    },
    limits: {
      maxDepth: c.GATEWAY_MAX_DEPTH as number,
      maxAliases: c.GATEWAY_MAX_ALIASES as number,
      maxTokens: c.GATEWAY_MAX_TOKENS as number,
      maxDirectives: c.GATEWAY_MAX_DIRECTIVES as number,
      maxCost: c.GATEWAY_MAX_COST as number,
      maxQueryLength: c.GATEWAY_MAX_QUERY_LENGTH as number,
    },
    console: {
      dir: c.GATEWAY_CONSOLE_DIR
        ? resolve(c.GATEWAY_CONSOLE_DIR as string)
        : join(dirname(require.resolve('@gnbv/console/package.json')), 'dist'),
      explorer: (c.GATEWAY_EXPLORER as boolean | undefined) ?? !production,
      ...(demoRoles
        ? {
            demoRoles: {
              issuerPrivateKeyFile: (c.AUTH_DEV_ISSUER_PRIVATE_KEY_FILE as string | undefined) ?? keys.issuerPrivate,
              ttlSeconds: c.GATEWAY_DEMO_TOKEN_TTL_SECONDS as number,
            },
          }
        : {}),
    },
    host: c.GATEWAY_HOST as string,
    port: c.GATEWAY_PORT as number,
    supergraphPath: defaultSupergraphPath(env),
    subgraphUrls,
    subgraphPolicies: policies,
    requestDeadlineMs: c.GATEWAY_REQUEST_DEADLINE_MS as number,
    // Long enough for a load balancer's probe to see the 503 (production); nothing to wait for in development.
    shutdownGraceMs: (c.SHUTDOWN_GRACE_MS as number | undefined) ?? (production ? 5_000 : 0),
    drainTimeoutMs: c.SHUTDOWN_DRAIN_TIMEOUT_MS as number,
    maxBodyBytes: c.GATEWAY_MAX_BODY_BYTES as number,
    logLevel: c.LOG_LEVEL as GatewayConfig['logLevel'],
    logFormat: (c.LOG_FORMAT as GatewayConfig['logFormat'] | undefined) ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
  };
}

/** SUPERGRAPH_PATH, or the committed `schema/supergraph.graphql` (package @gnbv/schema). Read before the rest of config. */
export function defaultSupergraphPath(env = processEnv()): string {
  const path = parseEnv(z.object({ SUPERGRAPH_PATH: z.string().optional() }), env).SUPERGRAPH_PATH;
  return path ? resolve(path) : require.resolve('@gnbv/schema/supergraph.graphql');
}
