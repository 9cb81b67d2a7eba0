/** A small seeded PRNG (mulberry32): the same seed gives the same data set on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A version-4-shaped UUID drawn from this generator (deterministic, not secret). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Math.floor(this.next() * 4) + 8) as number).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A date between two ISO dates, inclusive. */
  date(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(this.next() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Picks an index from cumulative weights (ascending, last = total) with `u` in [0, 1). */
export function pickWeighted(cumulative: readonly number[], u: number): number {
  const target = u * (cumulative[cumulative.length - 1] as number);
  for (let i = 0; i < cumulative.length; i++) if (target < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}

/** Cumulative sums of `weights`, for `pickWeighted`. */
export const cumulate = (weights: readonly number[]): number[] => {
  let total = 0;
  return weights.map((w) => (total += w));
};

/** The murmur3 finaliser: a 32-bit avalanche hash. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed for one stream (a household, a commune) of a data set: `a` the data set's seed, `b` the stream. */
export const mix = (a: number, b: number): number =>
  fmix32(Math.imul(fmix32(a) ^ 0x9e3779b9, 0x27d4eb2d) + fmix32(b + 0x7f4a7c15));
