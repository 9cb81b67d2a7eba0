import { z } from 'zod';
import { principalSchema, PURPOSES, type Principal, type Purpose } from '@gnbv/platform';

/*
 * Benchmark mode: comparison gateways (stock @apollo/gateway, Hive Gateway) cannot sign the
 * gateway's internal token, so a subgraph started with `SUBGRAPH_BENCHMARK_PRINCIPAL` treats a
 * request that carries no token as this fixed principal (and purpose). A request that does carry
 * one is verified as always, so our own gateway, with every check on, uses the same processes.
 * Permission rules, row scope and the audit trail still apply to the fixed principal. The mode is
 * refused in production and on any address but loopback: nothing off the machine can use it.
 */

/** Who a request without a gateway token is, in benchmark mode. */
export interface BenchmarkPrincipal {
  principal: Principal;
  purpose?: Purpose | undefined;
}

/** The variable that turns benchmark mode on (JSON, see `benchmarkPrincipalSchema`). */
export const BENCHMARK_PRINCIPAL_VARIABLE = 'SUBGRAPH_BENCHMARK_PRINCIPAL';

/** The only addresses a subgraph in benchmark mode may listen on. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

/** `{"subject":"bench","agency":"labor","roles":["officer"],"kind":"person","scope":["11"],"purpose":"review"}` */
export const benchmarkPrincipalSchema = principalSchema.extend({ purpose: z.enum(PURPOSES).optional() }).strict();

/** Parses the variable's JSON; throws with what is wrong (the config module names the variable). */
export function parseBenchmarkPrincipal(json: string): BenchmarkPrincipal {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('expected JSON: {"subject","agency","roles","kind","scope","purpose"}');
  }
  const parsed = benchmarkPrincipalSchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  const { purpose, ...principal } = parsed.data;
  return purpose ? { principal, purpose } : { principal };
}

/** Why benchmark mode may not run here (empty when it may): never in production, only on loopback. */
export function benchmarkRefusals(nodeEnv: string, host: string, hostVariable: string): string[] {
  return [
    ...(nodeEnv === 'production'
      ? [`${BENCHMARK_PRINCIPAL_VARIABLE}: refused in production (NODE_ENV=production); unset it`]
      : []),
    ...(LOOPBACK_HOSTS.includes(host)
      ? []
      : [
          `${BENCHMARK_PRINCIPAL_VARIABLE}: refused unless the subgraph listens on loopback; set ${hostVariable} to 127.0.0.1 or ::1 (got ${JSON.stringify(host)})`,
        ]),
  ];
}
