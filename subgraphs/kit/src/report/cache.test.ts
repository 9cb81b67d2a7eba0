import type { DataSource } from 'typeorm';
import type { Principal } from '@gnbv/platform';
import { cachedReport, enableReportCache, idListsBytes, noteWrite, ReportCache, scopeKey } from './cache';

const principal = (scope: string[]): Principal => ({ subject: 's', agency: 'labor', roles: ['analyst'], kind: 'person', scope });

describe('the report cache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('reuses a value for its lifetime and computes again after it', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, now: clock });
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('k', compute)).toBe(1);
    now += 29_999;
    expect(await cache.get('k', compute)).toBe(1);
    now += 1;
    expect(await cache.get('k', compute)).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keeps values apart by key', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, now: clock });
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
    expect(await cache.get('a', async () => 'other')).toBe('A');
  });

  it('shares one running computation between the requests that ask at the same moment', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, now: clock });
    let runs = 0;
    let release!: (v: number) => void;
    const compute = () => {
      runs += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = cache.get('k', compute);
    const second = cache.get('k', compute);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(runs).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, now: clock });
    await expect(cache.get('k', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });

  it('forgets everything computed before a write, even a computation still running', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, now: clock });
    expect(await cache.get('k', async () => 'before')).toBe('before');
    let release!: (v: string) => void;
    const running = cache.get('r', () => new Promise<string>((resolve) => (release = resolve)));
    cache.bump();
    release('read before the write');
    expect(await running).toBe('read before the write');
    expect(await cache.get('k', async () => 'after')).toBe('after');
    expect(await cache.get('r', async () => 'after')).toBe('after');
  });

  it('drops the least recently used entries past its size bound', async () => {
    const cache = new ReportCache({ ttlSeconds: 30, maxBytes: 2_500, now: clock });
    const weigh = () => 1_000;
    await cache.get('a', async () => 'a', weigh);
    await cache.get('b', async () => 'b', weigh);
    await cache.get('a', async () => 'a again', weigh); // a is now the most recent
    await cache.get('c', async () => 'c', weigh);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'recomputed')).toBe('a');
    expect(await cache.get('b', async () => 'recomputed')).toBe('recomputed');
  });

  it('computes every time when its lifetime is 0 (off)', async () => {
    const cache = new ReportCache({ ttlSeconds: 0, now: clock });
    let runs = 0;
    await cache.get('k', async () => ++runs);
    await cache.get('k', async () => ++runs);
    expect(runs).toBe(2);
    expect(() => new ReportCache({ ttlSeconds: -1 })).toThrow(RangeError);
  });

  it('is per database: a write to one does not clear another, and a database without a cache computes every time', async () => {
    const labor = {} as DataSource;
    const bank = {} as DataSource;
    const none = {} as DataSource;
    enableReportCache(labor, { ttlSeconds: 30 });
    enableReportCache(bank, { ttlSeconds: 30 });
    let runs = 0;
    const compute = async () => ++runs;
    await cachedReport(labor, 'k', compute);
    await cachedReport(bank, 'k', compute);
    noteWrite(bank);
    expect(await cachedReport(labor, 'k', compute)).toBe(1);
    expect(await cachedReport(bank, 'k', compute)).toBe(3);
    expect(await cachedReport(none, 'k', compute)).toBe(4);
    expect(await cachedReport(none, 'k', compute)).toBe(5);
  });

  it('keys a reader by scope, whatever its order, and never mixes two scopes', () => {
    expect(scopeKey(principal(['11', '00124']))).toBe(scopeKey(principal(['00124', '11'])));
    expect(scopeKey(principal(['11']))).not.toBe(scopeKey(principal(['12'])));
    expect(scopeKey(principal(['11']))).not.toBe(scopeKey(principal(['VN'])));
  });

  it('estimates household sets by their ids', () => {
    expect(idListsBytes(new Map([['11|2025', ['a', 'b']]]))).toBe(280);
  });
});
