import { ConfigError, envPrefix, parseEnv } from '@gnbv/platform';
import { z } from 'zod';
import type { SubgraphPolicy } from './caller';

/**
 * Each setting: its default, bounds, and why. `GATEWAY_SUBGRAPH_<SETTING>` sets it for every
 * agency, `<AGENCY>_<SETTING>` (e.g. AGRICULTURE_TIMEOUT_MS) for one.
 */
const SETTINGS = {
  // A registry page or eligibility check answers in tens of ms; 5 s leaves room for a cold province report.
  TIMEOUT_MS: { fallback: 5_000, min: 100, max: 120_000 },
  // The most calls one gateway process keeps open to an agency (also its connection pool).
  MAX_CONCURRENCY: { fallback: 64, min: 1, max: 10_000 },
  // Hive Router's defaults: half the calls failing, over at least 5 calls.
  BREAKER_ERROR_PERCENT: { fallback: 50, min: 1, max: 100 },
  BREAKER_MIN_CALLS: { fallback: 5, min: 1, max: 10_000 },
  BREAKER_WINDOW_MS: { fallback: 10_000, min: 1_000, max: 600_000 },
  // Short: while open, a hung agency costs nothing, and data comes back within 5 s of recovery.
  BREAKER_OPEN_MS: { fallback: 5_000, min: 100, max: 600_000 },
  BREAKER_TRIAL_CALLS: { fallback: 3, min: 1, max: 100 },
  // One retry: a refused connection or a 5xx from one replica often succeeds on the next.
  RETRY_MAX_ATTEMPTS: { fallback: 2, min: 1, max: 5 },
  RETRY_BASE_DELAY_MS: { fallback: 50, min: 1, max: 10_000 },
  RETRY_MAX_DELAY_MS: { fallback: 1_000, min: 1, max: 60_000 },
  // Retries add at most a fifth to an agency's load (plus 3 per 10 s), however many requests fail.
  RETRY_BUDGET_PERCENT: { fallback: 20, min: 0, max: 100 },
} as const;
type Setting = keyof typeof SETTINGS;

const number = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`);

/** The variables the gateway's subgraph policies read, for docs and tests. */
export const policyVariables = (names: readonly string[]) =>
  (Object.keys(SETTINGS) as Setting[]).flatMap((s) => [`GATEWAY_SUBGRAPH_${s}`, ...names.map((n) => `${envPrefix(n)}_${s}`)]);

/** Every subgraph's timeout, bulkhead, breaker and retry settings, validated, by subgraph name. */
export function loadSubgraphPolicies(
  names: readonly string[],
  env: Record<string, string | undefined>,
): Record<string, SubgraphPolicy> {
  const shape: Record<string, z.ZodType> = {};
  for (const [setting, { min, max }] of Object.entries(SETTINGS)) {
    shape[`GATEWAY_SUBGRAPH_${setting}`] = number(min, max).optional();
    for (const name of names) shape[`${envPrefix(name)}_${setting}`] = number(min, max).optional();
  }
  const c = parseEnv(z.object(shape), env) as Record<string, number | undefined>;
  const policies: Record<string, SubgraphPolicy> = {};
  const problems: string[] = [];
  for (const name of names) {
    const get = (s: Setting) => c[`${envPrefix(name)}_${s}`] ?? c[`GATEWAY_SUBGRAPH_${s}`] ?? SETTINGS[s].fallback;
    const policy: SubgraphPolicy = {
      timeoutMs: get('TIMEOUT_MS'),
      maxConcurrency: get('MAX_CONCURRENCY'),
      breaker: {
        errorPercent: get('BREAKER_ERROR_PERCENT'),
        minimumCalls: get('BREAKER_MIN_CALLS'),
        windowMs: get('BREAKER_WINDOW_MS'),
        openMs: get('BREAKER_OPEN_MS'),
        trialCalls: get('BREAKER_TRIAL_CALLS'),
      },
      retry: {
        maxAttempts: get('RETRY_MAX_ATTEMPTS'),
        baseDelayMs: get('RETRY_BASE_DELAY_MS'),
        maxDelayMs: get('RETRY_MAX_DELAY_MS'),
        budgetPercent: get('RETRY_BUDGET_PERCENT'),
      },
    };
    if (policy.retry.baseDelayMs > policy.retry.maxDelayMs)
      problems.push(`${envPrefix(name)}_RETRY_BASE_DELAY_MS: must not exceed RETRY_MAX_DELAY_MS (${policy.retry.maxDelayMs})`);
    policies[name] = policy;
  }
  if (problems.length) throw new ConfigError(problems);
  return policies;
}
