import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentile } from './platform';

/*
 * One measured run: autocannon keeps `connections` clients busy for `seconds`, every response's
 * status, errors and shape checked; latency percentiles from every response's time; the
 * gateway's CPU (utime + stime from /proc/<pid>/stat, before and after) per response and its
 * peak resident memory (VmHWM from /proc/<pid>/status, reset before the warm-up).
 */

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  /** The body of one request (called for every request). */
  body(): string;
  /** Why the response body is wrong (GraphQL errors, shape), or null. */
  check(status: number, body: string): string | null;
}

export interface LoadResult {
  responses: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that failed: HTTP status, GraphQL errors, wrong shape, connection errors and timeouts. */
  errors: number;
  firstError?: string;
  /** The measured process's CPU milliseconds per response, when a process was measured. */
  cpuMsPerRequest?: number;
  /** Its peak resident memory in MB since the warm-up began. */
  peakMb?: number;
}

let ticksPerSecond: number | undefined;
const clockTicks = () => (ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);

/** CPU milliseconds (user + system) the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

/** The process's peak resident memory (VmHWM) in MB. */
export function peakMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** Resets the peak resident memory the kernel reports for the process (clear_refs 5). */
function resetPeak(pid: number): void {
  try {
    execFileSync('sh', ['-c', `echo 5 > /proc/${pid}/clear_refs`]);
  } catch {
    // not permitted: the peak then counts from the process's start
  }
}

async function fire(url: string, request: LoadRequest, connections: number, seconds: number) {
  const latencies: number[] = [];
  let failures = 0;
  let firstError: string | undefined;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: request.path,
        headers: request.headers,
        setupRequest: (req) => ({ ...req, body: request.body() }),
        onResponse: (status, body) => {
          const problem = request.check(status, body);
          if (problem) {
            failures++;
            firstError ??= problem;
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  instance.on('reqError', (error: Error) => {
    firstError ??= `request error: ${error.message}`;
  });
  const result = await instance;
  return { result, latencies, failures, firstError };
}

/**
 * Waits until these processes are idle (under 5% of a core for half a second, at most `maxSeconds`):
 * a client that stops waiting does not stop the work its requests started in the services.
 */
export async function settle(pids: readonly number[], maxSeconds = 120): Promise<void> {
  const total = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const until = performance.now() + maxSeconds * 1000;
  let last = total();
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = total();
    if (now - last < 25) return;
    last = now;
  }
}

/**
 * Warms up for `warmupSeconds`, lets the services settle, then measures for `seconds`; `pid` is
 * the process whose CPU and memory count, `settlePids` every process whose backlog must drain.
 */
export async function measure(
  url: string,
  request: LoadRequest,
  options: { connections: number; seconds: number; warmupSeconds: number; pid?: number; settlePids?: readonly number[] },
): Promise<LoadResult> {
  const { pid } = options;
  const busy = [...(options.settlePids ?? []), ...(pid ? [pid] : [])];
  if (pid) resetPeak(pid);
  if (options.warmupSeconds > 0) await fire(url, request, options.connections, options.warmupSeconds);
  await settle(busy);
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const { result, latencies, failures, firstError } = await fire(url, request, options.connections, options.seconds);
  const cpuAfter = pid ? cpuMs(pid) : 0;
  await settle(busy);
  const sorted = latencies.sort((a, b) => a - b);
  const responses = latencies.length;
  const transportErrors = result.errors + result.timeouts;
  return {
    responses,
    seconds: result.duration,
    requestsPerSecond: responses / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    // No response at all within the run is a failure too, not a quiet zero.
    errors: failures + transportErrors + (responses === 0 ? 1 : 0),
    ...(firstError || responses === 0 ? { firstError: firstError ?? `no response within ${options.seconds} s` } : {}),
    ...(pid && responses ? { cpuMsPerRequest: (cpuAfter - cpuBefore) / responses, peakMb: peakMb(pid) } : {}),
  };
}

/** Checks a GraphQL response: status 200, no errors, and `check(data)` for its shape. */
export function graphqlCheck(check: (data: Record<string, unknown>) => string | null) {
  return (status: number, text: string): string | null => {
    let body: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string }> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return `${status}: not JSON: ${text.slice(0, 200)}`;
    }
    if (status !== 200 || body.errors?.length)
      return `${status}: ${body.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`;
    return body.data ? check(body.data) : `${status}: no data`;
  };
}
