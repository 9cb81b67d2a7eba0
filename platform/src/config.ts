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

export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(fallback);

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
