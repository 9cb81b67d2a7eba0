import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { BENCHMARK_PRINCIPAL_VARIABLE, type BenchmarkPrincipal } from '@gnbv/kit';
import {
  envPrefix,
  ConfigError,
  devIssuerKeys,
  ensureDevKeys,
  processEnv,
  signDevToken,
  type DevTokenOptions,
} from '@gnbv/platform';
import { AGENCIES } from '../agencies';

/*
 * What every `npm run bench:*` shares: the seeded databases the *_DATABASE_URL variables name,
 * every listed agency's subgraph and the gateway each in its own process (as in production, every security
 * check on), throw-away development keys, and tokens signed for the users being measured.
 */

export interface BenchPlatform {
  /** Our gateway's URL (started with every check on), or '' when started with `gateway: false`. */
  gatewayUrl: string;
  /** Each subgraph's GraphQL URL, by subgraph name. */
  subgraphUrls: Record<string, string>;
  /** The environment the services were started with (keys, URLs): for starting other gateways. */
  env: Record<string, string>;
  /** The process ids of the services started here (`gateway` and each subgraph name). */
  pids: Record<string, number>;
  /** The *_DATABASE_URL of each subgraph, by subgraph name. */
  databaseUrls: Record<string, string>;
  /** A development token for this user, accepted by the gateway started here. */
  token(options: DevTokenOptions): Promise<string>;
  /** Runs one SQL statement on a subgraph's database (sampling ids, counting rows). */
  sql<T>(subgraph: string, text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface BenchPlatformOptions {
  /** The gateway's port; the subgraphs take the next four. */
  port: number;
  /** Database connections per subgraph. */
  poolSize: number;
  /** Write a CPU profile of each service into this folder. */
  profileDir?: string;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /**
   * Start the subgraphs in benchmark mode: a request without a gateway token is this principal
   * (`SUBGRAPH_BENCHMARK_PRINCIPAL`), so gateways that cannot sign our tokens can call them.
   */
  benchmarkPrincipal?: BenchmarkPrincipal;
  /** Start our gateway too (default true); bench:gateways starts each gateway itself. */
  gateway?: boolean;
}

/** A service started in its own process; `stop()` ends it (SIGTERM) and waits. */
export interface BenchService {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node args...` with `env` and waits until `probe` answers 200: a URL to GET (such as
 * /ready), or `{ graphql }` to POST `{ __typename }` to (gateways without a readiness route).
 */
export async function spawnService(
  name: string,
  args: string[],
  env: Record<string, string>,
  probe: string | { graphql: string },
  url: string,
): Promise<BenchService> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitReady(name, probe, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid as number, child, stop };
}

/** The usage line naming every listed agency's database variable: `LABOR_DATABASE_URL=... AGRICULTURE_DATABASE_URL=... \`. */
export const DATABASE_URL_USAGE = AGENCIES.map((s) => `${envPrefix(s.name)}_DATABASE_URL=...`)
  .reduce<string[]>((lines, v) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + v.length < 90) lines[lines.length - 1] = `${last} ${v}`;
    else lines.push(v);
    return lines;
  }, [])
  .map((line) => `  ${line}`)
  .join(' \\\n');

/** Checks the database variables before anything starts, with a message saying what to set. */
export function benchDatabaseUrls(): Record<string, string> {
  const base = processEnv();
  const missing = AGENCIES.map((s) => `${envPrefix(s.name)}_DATABASE_URL`).filter((v) => !base[v]);
  if (missing.length) throw new ConfigError(missing.map((v) => `${v}: expected the URL of a seeded database (see npm run seed)`));
  return Object.fromEntries(AGENCIES.map((s) => [s.name, base[`${envPrefix(s.name)}_DATABASE_URL`] as string]));
}

/** Checks whole-number options: `[name, value, max]`, each from 1 to max. */
export function assertCounts(options: ReadonlyArray<readonly [string, number, number]>): void {
  const bad = options.filter(([, n, max]) => !Number.isInteger(n) || n < 1 || n > max);
  if (bad.length) throw new ConfigError(bad.map(([name, , max]) => `${name}: expected a whole number from 1 to ${max}`));
}

/** Waits until a service answers its probe (or its process exits). */
async function waitReady(name: string, probe: string | { graphql: string }, child: ChildProcess): Promise<void> {
  const url = typeof probe === 'string' ? probe : probe.graphql;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start (code ${child.exitCode})`);
    try {
      const res =
        typeof probe === 'string'
          ? await fetch(url)
          : await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ __typename }' }),
            });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

/** Starts the four subgraphs and the gateway on the seeded databases; `stop()` ends them all. */
export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  const databaseUrls = benchDatabaseUrls();
  const keyDir = mkdtempSync(join(tmpdir(), 'gnbv-bench-keys-'));
  const keys = ensureDevKeys(keyDir);
  const env: Record<string, string> = {
    ...(processEnv() as Record<string, string>),
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    INTERNAL_TOKEN_PUBLIC_KEY_FILE: keys.internalPublic,
    INTERNAL_TOKEN_PRIVATE_KEY_FILE: keys.internalPrivate,
    AUTH_DEV_ISSUER_PUBLIC_KEY_FILE: keys.issuerPublic,
    AUTH_DEV_ISSUER_PRIVATE_KEY_FILE: keys.issuerPrivate,
    // the console's demo sign-in is a development convenience, not part of what is measured
    GATEWAY_DEMO_ROLES: 'false',
    REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: keys.registryPublic,
    LABOR_REGISTRY_ATTESTATION_PRIVATE_KEY_FILE: keys.registryPrivate,
    ...(options.benchmarkPrincipal
      ? {
          [BENCHMARK_PRINCIPAL_VARIABLE]: JSON.stringify({
            ...options.benchmarkPrincipal.principal,
            purpose: options.benchmarkPrincipal.purpose,
          }),
        }
      : {}),
    ...options.env,
  };
  const gatewayPort = options.port;
  AGENCIES.forEach((s, i) => {
    const prefix = envPrefix(s.name);
    env[`${prefix}_PORT`] = String(gatewayPort + 1 + i);
    env[`${prefix}_DATABASE_POOL_SIZE`] = String(options.poolSize);
    env[`${prefix}_URL`] = `http://127.0.0.1:${gatewayPort + 1 + i}/graphql`;
  });
  env.GATEWAY_PORT = String(gatewayPort);
  // One profile per service and start, named after the service: <name>-<start time>.cpuprofile.
  const startedAt = Date.now();
  const nodeArgs = (name: string) =>
    options.profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}-${startedAt}.cpuprofile`]
      : [];
  const services: BenchService[] = [];
  const pids: Record<string, number> = {};
  const stop = async () => {
    await Promise.all(services.map((s) => s.stop()));
    rmSync(keyDir, { recursive: true, force: true });
  };
  const withGateway = options.gateway ?? true;
  try {
    process.stderr.write(
      `starting the subgraphs${withGateway ? ' and the gateway' : ''} (ports ${gatewayPort}-${gatewayPort + AGENCIES.length})${options.benchmarkPrincipal ? ', subgraphs in benchmark mode' : ''}...\n`,
    );
    const started = await Promise.allSettled(
      AGENCIES.map((s, i) => {
        const base = `http://127.0.0.1:${gatewayPort + 1 + i}`;
        return spawnService(s.name, [...nodeArgs(s.name), s.main], env, `${base}/ready`, `${base}/graphql`);
      }),
    );
    for (const [i, r] of started.entries())
      if (r.status === 'fulfilled') {
        services.push(r.value);
        pids[AGENCIES[i]!.name] = r.value.pid;
      }
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    if (withGateway) {
      const gateway = await spawnService(
        'gateway',
        [...nodeArgs('gateway'), require.resolve('@gnbv/gateway/dist/main.js')],
        env,
        `http://127.0.0.1:${gatewayPort}/ready`,
        `http://127.0.0.1:${gatewayPort}`,
      );
      services.push(gateway);
      pids.gateway = gateway.pid;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const issuer = devIssuerKeys({ issuerPrivate: keys.issuerPrivate, issuerPublic: keys.issuerPublic });
  return {
    gatewayUrl: withGateway ? `http://127.0.0.1:${gatewayPort}` : '',
    subgraphUrls: Object.fromEntries(AGENCIES.map((s) => [s.name, env[`${envPrefix(s.name)}_URL`] as string])),
    env,
    pids,
    databaseUrls,
    token: (o) => signDevToken(o, issuer),
    async sql<T>(subgraph: string, text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: databaseUrls[subgraph] });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    stop,
  };
}

/** The value at percentile `p` of ascending `sorted` values. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs a bench's main and exits with its status, printing a failure as one line. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
