import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentile } from './platform';

/*
 * One measured run: autocannon keeps `connections` clients busy for `seconds`, every response's
 * status, errors and shape checked; latency percentiles from every response's time; the
 * gateway's CPU (utime + stime from /proc/<pid>/stat, before and after) per response, its
 * peak resident memory (VmHWM from /proc/<pid>/status, reset before the warm-up) and its resident
 * memory sampled every second; the subgraphs' CPU and the whole machine's (/proc/stat) per
 * response, so that a run shows where the CPU of one request goes.
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
  /** Its resident memory in MB, sampled every second of the measured run. */
  rssMb?: number[];
  /**
   * How fast its resident memory grew over the second half of the run, in MB per minute (the
   * least-squares slope of the samples): near zero when memory is flat.
   */
  rssGrowthMbPerMinute?: number;
  /** The other measured processes' (the subgraphs') CPU milliseconds per response, together. */
  subgraphsCpuMsPerRequest?: number;
  /**
   * The whole machine's busy CPU milliseconds per response (every process: the gateway, the
   * subgraphs, PostgreSQL, the load generator). With every core busy, requests/s is about
   * cores × 1000 ÷ this.
   */
  machineCpuMsPerRequest?: number;
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

/** CPU milliseconds the whole machine has been busy, over all cores (/proc/stat: all but idle and iowait). */
export function machineBusyMs(): number {
  const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal ...
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = first.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks();
}

/** A memory figure of /proc/<pid>/status (VmHWM: the peak; VmRSS: now), in MB. */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** The process's peak resident memory (VmHWM) in MB. */
export const peakMb = (pid: number): number => statusMb(pid, 'VmHWM');

/** The least-squares slope of evenly spaced samples, per step. */
export function slope(samples: readonly number[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = samples.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  samples.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
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
  const others = options.settlePids ?? [];
  const busy = [...others, ...(pid ? [pid] : [])];
  const othersMs = () => others.reduce((sum, p) => sum + cpuMs(p), 0);
  if (pid) resetPeak(pid);
  if (options.warmupSeconds > 0) await fire(url, request, options.connections, options.warmupSeconds);
  await settle(busy);
  const rss: number[] = [];
  const sampler = pid ? setInterval(() => rss.push(statusMb(pid, 'VmRSS')), 1000) : undefined;
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const othersBefore = othersMs();
  const machineBefore = machineBusyMs();
  const { result, latencies, failures, firstError } = await fire(url, request, options.connections, options.seconds).finally(() =>
    clearInterval(sampler),
  );
  const cpuAfter = pid ? cpuMs(pid) : 0;
  const othersAfter = othersMs();
  const machineAfter = machineBusyMs();
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
    ...(pid && responses
      ? {
          cpuMsPerRequest: (cpuAfter - cpuBefore) / responses,
          peakMb: peakMb(pid),
          rssMb: rss.map((mb) => Math.round(mb * 10) / 10),
          rssGrowthMbPerMinute: slope(rss.slice(Math.floor(rss.length / 2))) * 60,
        }
      : {}),
    ...(responses
      ? {
          ...(others.length ? { subgraphsCpuMsPerRequest: (othersAfter - othersBefore) / responses } : {}),
          machineCpuMsPerRequest: (machineAfter - machineBefore) / responses,
        }
      : {}),
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
