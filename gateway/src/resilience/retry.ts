/** Retry settings of a subgraph (queries only: a mutation is never sent twice by the gateway). */
export interface RetrySettings {
  /** Attempts in all, the first included (1 turns retries off). */
  maxAttempts: number;
  /** The first backoff, doubled on each further attempt, with full jitter. */
  baseDelayMs: number;
  /** No single wait longer than this, `Retry-After` included (a longer one is not retried). */
  maxDelayMs: number;
  /** Retries may add at most this share to a subgraph's calls over the last 10 s (plus a floor of 3). */
  budgetPercent: number;
}

/** The wait before attempt `attempt + 1` (attempt counts from 1): full jitter over base·2^(attempt-1). */
export function backoffMs(settings: RetrySettings, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * A `Retry-After` header in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined
 * when absent or unreadable.
 */
export function retryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const BUDGET_WINDOW_MS = 10_000;
const BUDGET_FLOOR = 3;

/**
 * A retry budget (Finagle's idea): retries may add at most `percent` of the calls made over the
 * last 10 seconds, plus a small floor, so an outage cannot multiply the load on a struggling agency.
 */
export class RetryBudget {
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(
    private readonly percent: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a first attempt. */
  call(): void {
    this.calls.push(this.now());
  }

  /** Takes one retry from the budget, or says there is none left. */
  tryRetry(): boolean {
    const since = this.now() - BUDGET_WINDOW_MS;
    this.calls = trim(this.calls, since);
    this.retries = trim(this.retries, since);
    const allowed = BUDGET_FLOOR + Math.floor((this.calls.length * this.percent) / 100);
    if (this.retries.length >= allowed) return false;
    this.retries.push(this.now());
    return true;
  }
}

function trim(times: number[], since: number): number[] {
  let i = 0;
  while (i < times.length && (times[i] as number) <= since) i++;
  return i === 0 ? times : times.slice(i);
}
