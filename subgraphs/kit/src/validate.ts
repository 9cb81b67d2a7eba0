import { badInput } from '@gnbv/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Province codes have 2 digits, commune/ward codes 5 (General Statistics Office numbering).
const ADMIN_CODE = /^(\d{2}|\d{5})$/;

/** Checks an id argument is a UUID, so malformed ids never reach SQL. */
export function assertUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, 'must be a UUID such as "3f2b6c1e-8d4a-4c7e-9b1a-2d5e6f7a8b9c"');
  return value.toLowerCase();
}

/** Checks an administrative unit code: 2 digits for a province, 5 for a commune or ward. */
export function assertAdminCode(field: string, value: string): string {
  if (!ADMIN_CODE.test(value))
    throw badInput(field, 'must be an administrative unit code: 2 digits (province) or 5 digits (commune)');
  return value;
}

/** Unicode-normalises free text (NFC) and rejects control characters such as NUL. */
export function cleanText(field: string, value: string, maxLength = 500): string {
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) throw badInput(field, 'must not contain control characters');
  const normalised = value.normalize('NFC').trim();
  if (normalised.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters`);
  return normalised;
}

/** Free text that must say something: `cleanText`, then refused when blank. */
export function requiredText(field: string, value: string, maxLength = 500): string {
  const text = cleanText(field, value, maxLength);
  if (!text) throw badInput(field, 'must not be empty');
  return text;
}

/** Free text that may be absent: `cleanText`, with blank counted as absent (null). */
export function optionalText(field: string, value: string | null | undefined, maxLength = 500): string | null {
  return value == null ? null : cleanText(field, value, maxLength) || null;
}

/** Checks a value is one of an enum's values (GraphQL checks it at the edge; services may be called elsewhere). */
export function assertOneOf<T extends string>(field: string, value: T, allowed: Record<string, T>): T {
  const values = Object.values(allowed);
  if (!values.includes(value)) throw badInput(field, `must be one of ${values.join(', ')}`);
  return value;
}
