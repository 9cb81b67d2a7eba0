import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  it('returns a value until its deadline, then forgets it', () => {
    let now = 1_000;
    const map = new ExpiringMap<string, number>(10, () => now);
    map.set('a', 1, 2_000);
    now = 1_999;
    expect(map.get('a')).toBe(1);
    now = 2_000;
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('forgets the oldest entry when full, and a replaced key counts once', () => {
    const map = new ExpiringMap<string, number>(2, () => 0);
    map.set('a', 1, 10);
    map.set('b', 2, 10);
    map.set('b', 3, 10);
    expect(map.size).toBe(2);
    map.set('c', 4, 10);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 3, 4]);
    expect(() => new ExpiringMap(0)).toThrow(RangeError);
  });
});
