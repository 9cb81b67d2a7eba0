import { fmix32 } from '@gnbv/kit';

// Identifiers of the seeded rows, derived rather than drawn: unique by construction, so no
// check or retry is needed however many households are generated, and the same for one seed
// whatever the chunk size.

/*
 * Row numbers. Each household owns ROW_SLOTS consecutive numbers (its members, reviews, loans
 * and supports take the slots below); a commune's own rows (savings groups, communication
 * products, production projects, budget lines and their disbursements) live in a lower range,
 * and a province's own rows (its unit, its budget lines) between the two. One number, one row,
 * in every table.
 */
export const ROW_SLOTS = 32;
/** Supports of all three agencies share one run of slots: at most MAX_SUPPORTS per household. */
export const SLOT = { household: 0, member: 1, review: 7, loan: 9, support: 12 } as const;
export const MAX_SUPPORTS = ROW_SLOTS - SLOT.support;
export const COMMUNE_SLOTS = 1024;
export const COMMUNE_SLOT = {
  savingsGroup: 0,
  transactionPoint: 15,
  communicationProduct: 16,
  productionProject: 48,
  budgetLine: 64,
  disbursement: 128,
  adminUnit: 1023,
} as const;
const HOUSEHOLD_BASE = 2 ** 24;
const PROVINCE_BASE = 2 ** 23;
/**
 * A household's bank rows (memberships, and each loan's repayments and purpose checks, dozens
 * for an old loan) have a range of their own, above every household's slots (2^24 + 5,000,000
 * × 32 < 2^28): BANK_SLOTS numbers per household, up to 2^28 + 5,000,000 × 512 < 2^32.
 */
const BANK_BASE = 2 ** 28;
export const BANK_SLOTS = 512;
/** A household's memberships take the first slots, then each loan a block: its repayments, then its checks. */
export const BANK_SLOT = { membership: 0, loans: 8, loanBlock: 128, checks: 120 } as const;

export const householdRow = (household: number, slot: number) => HOUSEHOLD_BASE + household * ROW_SLOTS + slot;
export const bankRow = (household: number, slot: number) => BANK_BASE + household * BANK_SLOTS + slot;
export const communeRow = (commune: number, slot: number) => commune * COMMUNE_SLOTS + slot;
/**
 * A province's own row: above every commune's range (2,222 communes at most) and below the
 * households'. Slot 0 is its unit; its budget lines and disbursements take a commune's slots.
 */
export const provinceRow = (province: number, slot = 0) => PROVINCE_BASE + province * COMMUNE_SLOTS + slot;

// The 48-bit time field of a UUIDv7 holds 2024-06 (in ms) plus the row number.
const TIME_BASE = 0x0190_0000_0000;

// Hex digits of a byte, looked up: the generator formats several ids per household.
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex8 = (v: number) =>
  (BYTE_HEX[v >>> 24] as string) +
  (BYTE_HEX[(v >>> 16) & 0xff] as string) +
  (BYTE_HEX[(v >>> 8) & 0xff] as string) +
  (BYTE_HEX[v & 0xff] as string);
const hex4 = (v: number) => (BYTE_HEX[(v >>> 8) & 0xff] as string) + (BYTE_HEX[v & 0xff] as string);

/**
 * A UUID in the version-7 layout whose time field is the row number: ids sort in generation
 * order, so the primary-key B-trees grow at their right edge (as with `uuidv7()` ids), and the
 * other 74 bits are a hash of the seed and the row, so two seeds give different ids.
 */
export function rowUuid(seedHash: number, row: number): string {
  const time = TIME_BASE + row;
  const high = Math.floor(time / 0x1_0000);
  const a = fmix32(seedHash ^ row);
  const b = fmix32(a + 0x632be5ab);
  const c = fmix32(b + 0x5bd1e995);
  return `${hex8(high)}-${hex4(time & 0xffff)}-${hex4(0x7000 | (a >>> 20))}-${hex4(0x8000 | (a & 0x3fff))}-${hex8(b)}${hex4(c >>> 16)}`;
}
