import { resolve } from 'node:path';
import { z } from 'zod';

/** Thrown when the environment does not satisfy a deployable's config schema. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses `env` against a zod object whose keys are environment variable names.
 * Every problem is reported with the variable's name and what is expected, all at once.
 */
export function parseEnv<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: Env): z.infer<S> {
  const picked: Env = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty string means "not set": shells and .env files produce them by accident.
    picked[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(config)';
        const got = picked[String(issue.path[0])];
        const seen = got === undefined ? 'it is not set' : `got ${JSON.stringify(got)}`;
        return `${name}: ${issue.message} (${seen})`;
      }),
    );
  }
  return result.data;
}

/** The environment of this process. The only place outside `*config.ts` files that reads it. */
export function processEnv(): Env {
  // eslint-disable-next-line no-restricted-properties -- the single sanctioned reader
  return process.env;
}

export const envPort = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a TCP port number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(fallback);

const boolText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envBool = (fallback: boolean) => boolText.default(fallback);

/** A boolean that may be left unset, for settings whose default depends on other settings. */
export const envOptionalBool = boolText.optional();

/** `social-policy-bank` -> `SOCIAL_POLICY_BANK`: the prefix of a service's variables. */
export const envPrefix = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * The platform's data directory (development keys, embedded databases): `GNBV_DATA_DIR`, or
 * `.data` under the working directory (the repository root for every `npm run` command).
 */
export function dataDirectory(env: Env = processEnv()): string {
  const dir = parseEnv(z.object({ GNBV_DATA_DIR: z.string().optional() }), env).GNBV_DATA_DIR;
  return resolve(dir ?? '.data');
}

/**
 * Turns off @apollo/gateway's default telemetry: unless APOLLO_TELEMETRY_DISABLED is set, its
 * constructor starts an OpenTelemetry exporter to Apollo's usage-reporting endpoint and probes
 * cloud metadata addresses. Called before any gateway is constructed, so no deployment can forget it.
 */
export function disableVendorTelemetry(env: Env = processEnv()): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}

export const envUrl = (protocols: string[], what: string) =>
  z.string({ error: `expected ${what}` }).refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `expected ${what} (${protocols.map((p) => `${p}://`).join(' or ')}...)` },
  );

export const envNodeEnv = z
  .enum(['development', 'test', 'production'], { error: 'expected development, test or production' })
  .default('development');

export const envLogLevel = z
  .enum(['debug', 'info', 'warn', 'error'], { error: 'expected debug, info, warn or error' })
  .default('info');
