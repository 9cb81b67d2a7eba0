import { randomUUID } from 'node:crypto';
import { decodeHouseholdSet, encodeHouseholdSet, HOUSEHOLD_SET_VERSION, HouseholdSetError } from './household-set';

const A = '00000000-0000-4000-8000-000000000001';
const B = '0f000000-0000-4000-8000-000000000000';
const C = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

describe('household-set codec', () => {
  it('round-trips a set: sorted, de-duplicated, lowercase', () => {
    const text = encodeHouseholdSet([C, A.toUpperCase(), B, A]);
    expect(decodeHouseholdSet(text)).toEqual([A, B, C]);
  });

  it('gives one encoding per set, whatever the order and repeats', () => {
    expect(encodeHouseholdSet([A, B, C])).toBe(encodeHouseholdSet([C, B, A, B]));
  });

  it('encodes the empty set as the bare version prefix', () => {
    expect(encodeHouseholdSet([])).toBe(HOUSEHOLD_SET_VERSION);
    expect(decodeHouseholdSet(HOUSEHOLD_SET_VERSION)).toEqual([]);
  });

  it('takes 16 bytes per household, in base64url after the prefix (about 21.3 characters each)', () => {
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    const text = encodeHouseholdSet(ids);
    expect(text.length).toBe(HOUSEHOLD_SET_VERSION.length + Math.ceil((3000 * 16 * 4) / 3));
    expect(text.slice(HOUSEHOLD_SET_VERSION.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeHouseholdSet(text)).toEqual([...ids].sort());
  });

  it('refuses a non-uuid element, naming its position', () => {
    expect(() => encodeHouseholdSet([A, 'not-a-uuid'])).toThrow(/element 1 is not a uuid/);
  });

  it.each([
    ['no prefix', 'AAAA', /must start with "hs1\."/],
    ['an unknown version', 'hs2.AAAA', /format "hs2\." is not known/],
    ['non-base64url characters', 'hs1.AA+/', /base64url/],
    ['padding', `${encodeHouseholdSet([A])}==`, /base64url/],
    ['a partial uuid', 'hs1.AAAAAAAA', /not a whole number of 16-byte uuids/],
  ])('refuses %s with a clear error', (_what, text, message) => {
    expect(() => decodeHouseholdSet(text)).toThrow(HouseholdSetError);
    expect(() => decodeHouseholdSet(text)).toThrow(message);
  });

  it('refuses ids out of order or repeated (not canonical)', () => {
    const bytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
    const unsorted = HOUSEHOLD_SET_VERSION + Buffer.concat([bytes(B), bytes(A)]).toString('base64url');
    const repeated = HOUSEHOLD_SET_VERSION + Buffer.concat([bytes(A), bytes(A)]).toString('base64url');
    expect(() => decodeHouseholdSet(unsorted)).toThrow(/uuid 1 is not after the one before/);
    expect(() => decodeHouseholdSet(repeated)).toThrow(/not sorted, or repeated/);
  });
});
