import { CircuitBreaker, type BreakerSettings } from './breaker';

const settings: BreakerSettings = { errorPercent: 50, minimumCalls: 4, windowMs: 10_000, openMs: 5_000, trialCalls: 2 };

function breaker() {
  let now = 1_000_000;
  const changes: string[] = [];
  const b = new CircuitBreaker(
    settings,
    (from, to) => changes.push(`${from}->${to}`),
    () => now,
  );
  return { b, changes, advance: (ms: number) => (now += ms) };
}

const call = (b: CircuitBreaker, ok: boolean) => {
  const admission = b.admit();
  if (admission !== 'reject') b.record(ok, admission);
  return admission;
};

describe('circuit breaker', () => {
  it('stays closed below the minimum volume, however many of those calls failed', () => {
    const { b } = breaker();
    for (let i = 0; i < 3; i++) call(b, false);
    expect(b.current()).toBe('closed');
  });

  it('opens when the error rate reaches the threshold over the minimum volume, and then refuses at once', () => {
    const { b, changes } = breaker();
    call(b, true);
    call(b, true);
    call(b, false);
    expect(b.current()).toBe('closed');
    call(b, false);
    expect(b.current()).toBe('open');
    expect(b.admit()).toBe('reject');
    expect(changes).toEqual(['closed->open']);
  });

  it('forgets failures older than the window', () => {
    const { b, advance } = breaker();
    call(b, false);
    call(b, false);
    call(b, false);
    advance(11_000);
    call(b, false);
    expect(b.current()).toBe('closed');
  });

  it('after the open time lets only the trial calls through, and closes when they all succeed', () => {
    const { b, advance, changes } = breaker();
    for (let i = 0; i < 4; i++) call(b, false);
    advance(4_999);
    expect(b.admit()).toBe('reject');
    advance(1);
    expect(b.current()).toBe('half-open');
    const first = b.admit();
    const second = b.admit();
    expect([first, second, b.admit()]).toEqual(['trial', 'trial', 'reject']);
    b.record(true, first);
    expect(b.current()).toBe('half-open');
    b.record(true, second);
    expect(b.current()).toBe('closed');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
    // Closed afresh: the failures from before the outage do not count any more.
    call(b, false);
    expect(b.current()).toBe('closed');
  });

  it('re-opens on a failed trial call for another full open time', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 4; i++) call(b, false);
    advance(5_000);
    call(b, false);
    expect(b.current()).toBe('open');
    advance(4_000);
    expect(b.admit()).toBe('reject');
    advance(1_000);
    expect(b.admit()).toBe('trial');
  });
});
