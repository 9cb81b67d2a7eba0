import { backoffMs, retryAfterMs, RetryBudget } from './retry';

const settings = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1_000, budgetPercent: 20 };

describe('retries', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(settings, 1, () => 1)).toBe(50);
    expect(backoffMs(settings, 2, () => 1)).toBe(100);
    expect(backoffMs(settings, 3, () => 0.5)).toBe(100);
    expect(backoffMs(settings, 10, () => 1)).toBe(1_000);
    expect(backoffMs(settings, 2, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs(['7'])).toBe(7_000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 30_000)).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('a retry budget lets retries add at most its share of the calls, plus a floor of 3 per 10 s', () => {
    let now = 0;
    const budget = new RetryBudget(20, () => now);
    for (let i = 0; i < 100; i++) budget.call();
    const granted = Array.from({ length: 50 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBe(3 + 20);
    now += 10_001;
    // The calls and retries of the last window have aged out: only the floor is left.
    expect(Array.from({ length: 10 }, () => budget.tryRetry()).filter(Boolean).length).toBe(3);
  });
});
