/** A circuit breaker's settings (per subgraph; see the README's Reliability section for the defaults). */
export interface BreakerSettings {
  /** Open when at least this share of the calls in the window failed (1-100). */
  errorPercent: number;
  /** ...and the window holds at least this many calls (so two failures at night do not open it). */
  minimumCalls: number;
  /** The rolling window the rate is computed over, in ms (kept as 10 buckets). */
  windowMs: number;
  /** How long it stays open, failing at once, before letting trial calls through. */
  openMs: number;
  /** Trial calls in half-open: all must succeed to close; one failure opens it again. */
  trialCalls: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What the breaker says of the next call: go, go as one of the half-open trials, or fail at once. */
export type Admission = 'pass' | 'trial' | 'reject';

const BUCKETS = 10;

/**
 * A per-subgraph circuit breaker over a rolling window of calls, Hystrix/Hive Router style: closed
 * counts failures (errors and timeouts); past the rate and volume it opens, and calls fail at once;
 * after `openMs` a few trial calls go through (half-open); their success closes it, a failure
 * re-opens it. Pure state, with the clock passed in, so every transition is unit-tested.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private openedAt = 0;
  private trialsStarted = 0;
  private trialsSucceeded = 0;
  private readonly buckets = Array.from({ length: BUCKETS }, () => ({ start: 0, calls: 0, failures: 0 }));

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onChange: (from: BreakerState, to: BreakerState, why: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current state (an open breaker past its open time reports half-open). */
  current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.settings.openMs) this.move('half-open', 'open time over');
    return this.state;
  }

  /** Asks to make a call. A `trial` must be followed by `record(ok)` like any other call. */
  admit(): Admission {
    const state = this.current();
    if (state === 'closed') return 'pass';
    if (state === 'open') return 'reject';
    if (this.trialsStarted >= this.settings.trialCalls) return 'reject';
    this.trialsStarted++;
    return 'trial';
  }

  /** Records a call's outcome: `ok` false for an error, a timeout or an overloaded answer. */
  record(ok: boolean, admission: Admission): void {
    if (admission === 'trial') {
      if (this.state !== 'half-open') return;
      if (!ok) return this.open('a trial call failed');
      this.trialsSucceeded++;
      if (this.trialsSucceeded >= this.settings.trialCalls) this.move('closed', `${this.trialsSucceeded} trial calls succeeded`);
      return;
    }
    if (this.state !== 'closed') return;
    const bucket = this.bucket();
    bucket.calls++;
    if (!ok) bucket.failures++;
    if (ok) return;
    const { calls, failures } = this.totals();
    if (calls >= this.settings.minimumCalls && failures * 100 >= this.settings.errorPercent * calls) {
      this.open(`${failures} of ${calls} calls failed in ${this.settings.windowMs / 1000} s`);
    }
  }

  private open(why: string) {
    this.openedAt = this.now();
    this.move('open', why);
  }

  private move(to: BreakerState, why: string) {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.trialsStarted = 0;
    this.trialsSucceeded = 0;
    if (to === 'closed') for (const b of this.buckets) Object.assign(b, { start: 0, calls: 0, failures: 0 });
    this.onChange(from, to, why);
  }

  private bucket() {
    const width = this.settings.windowMs / BUCKETS;
    const start = Math.floor(this.now() / width) * width;
    const bucket = this.buckets[Math.floor(start / width) % BUCKETS] as (typeof this.buckets)[number];
    if (bucket.start !== start) Object.assign(bucket, { start, calls: 0, failures: 0 });
    return bucket;
  }

  private totals() {
    const oldest = this.now() - this.settings.windowMs;
    let calls = 0;
    let failures = 0;
    for (const b of this.buckets) {
      if (b.start <= oldest) continue;
      calls += b.calls;
      failures += b.failures;
    }
    return { calls, failures };
  }
}
