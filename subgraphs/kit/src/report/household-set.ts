/*
 * A set of households as one compact string, so an agency can hand the households it reached to
 * labor through the gateway (federation @requires) without a list of objects: the 16 bytes of
 * each uuid, sorted and de-duplicated, concatenated and base64url-encoded, after a version
 * prefix so the format can change without breaking a reader that meets an older one.
 * "hs1." followed by nothing is the empty set. One set has one encoding (canonical).
 */

/** The prefix of the current format; a reader refuses any other. */
export const HOUSEHOLD_SET_VERSION = 'hs1.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const UUID_BYTES = 16;

/** A household-set string that cannot be read, with the reason. */
export class HouseholdSetError extends Error {
  override name = 'HouseholdSetError';
}

function toBytes(id: string, index: number): Buffer {
  if (typeof id !== 'string' || !UUID.test(id))
    throw new HouseholdSetError(`household set: element ${index} is not a uuid (got ${JSON.stringify(String(id).slice(0, 40))})`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function toUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Encodes household ids (uuids, any case, duplicates allowed) as a compact canonical string. */
export function encodeHouseholdSet(ids: Iterable<string>): string {
  const all: Buffer[] = [];
  let index = 0;
  for (const id of ids) all.push(toBytes(id, index++));
  all.sort(Buffer.compare);
  const unique = all.filter((b, i) => i === 0 || !b.equals(all[i - 1]!));
  return HOUSEHOLD_SET_VERSION + Buffer.concat(unique).toString('base64url');
}

/**
 * The household ids (lowercase uuids, ascending) of a string made by `encodeHouseholdSet`.
 * Throws a `HouseholdSetError` saying what is wrong for anything else: another version, characters
 * outside base64url, a length that is not a whole number of uuids, or ids not strictly ascending.
 */
export function decodeHouseholdSet(text: string): string[] {
  if (typeof text !== 'string') throw new HouseholdSetError('household set: expected a string');
  if (!text.startsWith(HOUSEHOLD_SET_VERSION)) {
    const prefix = /^[a-z]+\d+\./.exec(text)?.[0];
    throw new HouseholdSetError(
      prefix
        ? `household set: format "${prefix}" is not known to this reader (it reads "${HOUSEHOLD_SET_VERSION}")`
        : `household set: must start with "${HOUSEHOLD_SET_VERSION}"`,
    );
  }
  const body = text.slice(HOUSEHOLD_SET_VERSION.length);
  if (!BASE64URL.test(body))
    throw new HouseholdSetError('household set: the body must be base64url (A-Z a-z 0-9 - _, no padding)');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length % UUID_BYTES !== 0 || bytes.toString('base64url') !== body)
    throw new HouseholdSetError(
      `household set: the body is ${bytes.length} bytes, not a whole number of ${UUID_BYTES}-byte uuids`,
    );
  const ids: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += UUID_BYTES) {
    const chunk = bytes.subarray(offset, offset + UUID_BYTES);
    if (offset > 0 && Buffer.compare(bytes.subarray(offset - UUID_BYTES, offset), chunk) >= 0)
      throw new HouseholdSetError(
        `household set: uuid ${offset / UUID_BYTES} is not after the one before (not sorted, or repeated)`,
      );
    ids.push(toUuid(chunk));
  }
  return ids;
}
