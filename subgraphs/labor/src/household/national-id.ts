import type { Principal } from '@gnbv/platform';

/** A citizen identity number (căn cước công dân): exactly 12 digits. */
export const isNationalId = (value: string) => /^\d{12}$/.test(value);

/** Keeps the first 3 digits (province of birth) and the last 3; hides the rest. */
export function maskNationalId(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 6)}${value.slice(-3)}`;
}

/** Labor officers, who keep the registry, see the number in full; every other reader sees it masked. */
export const seesFullNationalId = (principal: Principal) => principal.agency === 'labor' && principal.roles.includes('officer');
