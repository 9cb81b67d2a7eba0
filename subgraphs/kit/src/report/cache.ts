import type { DataSource } from 'typeorm';
import type { Principal } from '@gnbv/platform';

/*
 * A short-lived cache of report computations (issue 8), per subgraph process and database:
 *   - scope-aware: a key always holds the reader's scope (`scopeKey`), so a reader never gets
 *     figures computed over another reader's scope; the permission rules run on every request
 *     before a report is asked for, cached or not;
 *   - short: an entry lives `ttlSeconds` (REPORT_CACHE_SECONDS, 30 by default; 0 turns it off),
 *     which bounds how stale a report can be after a change this process did not make (another
 *     replica, an import);
 *   - never stale after this process's own writes: every committed mutation (`auditedWrite`)
 *     moves the database's generation on, and an entry of an older generation is not used;
 *   - shared while running: requests that ask the same report at the same moment wait for one
 *     computation (one SQL statement) instead of running it each;
 *   - bounded: at most `maxBytes` of estimated size, least recently used first out; a failed
 *     computation is not kept.
 * Only aggregate figures and the agencies' household sets (which never leave the graph: they
 * are @inaccessible) are cached. Pages of households are not.
 */

interface Entry {
  generation: number;
  expiresAt: number;
  bytes: number;
  value: Promise<unknown>;
}

export interface ReportCacheOptions {
  ttlSeconds: number;
  /** The most the entries may weigh together (estimated), default 64 MB. */
  maxBytes?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ReportCacheOptions) {
    if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 0)
      throw new RangeError(`ttlSeconds must be a whole number from 0, got ${options.ttlSeconds}`);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Entries computed before now are stale: called after every committed write. */
  bump(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value under `key`: a fresh entry's, a running computation's, or `compute()`'s (kept
   * when it succeeds). `weigh` estimates the value's size in bytes (default 1 KB).
   */
  get<T>(key: string, compute: () => Promise<T>, weigh: (value: T) => number = () => 1024): Promise<T> {
    if (this.options.ttlSeconds === 0) return compute();
    const now = this.now();
    const found = this.entries.get(key);
    if (found && found.generation === this.generation && found.expiresAt > now) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.hits += 1;
      return found.value as Promise<T>;
    }
    if (found) this.remove(key, found);
    this.misses += 1;
    const generation = this.generation;
    const entry: Entry = { generation, expiresAt: now + this.options.ttlSeconds * 1000, bytes: 0, value: compute() };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = Math.max(1, weigh(value as T));
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key, entry);
      },
    );
    return entry.value as Promise<T>;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    const max = this.options.maxBytes ?? 64 * 1024 * 1024;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= max) return;
      this.remove(key, entry);
    }
  }
}

const caches = new WeakMap<DataSource, ReportCache>();

/** Turns the report cache on for a subgraph's database (serveSubgraph does, from its config). */
export function enableReportCache(db: DataSource, options: ReportCacheOptions): ReportCache {
  const cache = new ReportCache(options);
  caches.set(db, cache);
  return cache;
}

/** The database's report cache, when one was enabled. */
export const reportCacheOf = (db: DataSource): ReportCache | undefined => caches.get(db);

/** After a committed write: reports computed before it are not used again. */
export function noteWrite(db: DataSource): void {
  caches.get(db)?.bump();
}

/**
 * A report computation through the database's cache (computed every time when none is enabled).
 * `key` must hold everything the result depends on, the reader's `scopeKey` included.
 */
export function cachedReport<T>(
  db: DataSource,
  key: string,
  compute: () => Promise<T>,
  weigh?: (value: T) => number,
): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, compute, weigh) : compute();
}

/** The part of a reader that changes a report's figures: their scope, in a canonical order. */
export const scopeKey = (principal: Principal): string => [...principal.scope].sort().join(',');

/** The estimated size of a map of household-id lists (an id string is about 90 bytes in memory). */
export const idListsBytes = (sets: ReadonlyMap<string, readonly string[]>): number => {
  let n = 0;
  for (const ids of sets.values()) n += 100 + ids.length * 90;
  return n;
};
