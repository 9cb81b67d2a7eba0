import { badInput } from './core/errors';

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
