import { assertOneOf, cleanText, requiredText, givenFields, pastDate } from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import { RelationToHead, Sex, type Member } from './member.entity';
import type { MemberInput, UpdateMemberInput } from './member.input';
import { isNationalId } from './national-id';

/*
 * A member's data as the registry stores it, checked at the edge. Field names in errors are the
 * input's own (`nationalId`), or prefixed with where the member stands in a longer input
 * (`members[2].nationalId`).
 */

/** The values a member row is written with. */
export type MemberValues = Pick<
  Member,
  'fullName' | 'dateOfBirth' | 'sex' | 'nationalId' | 'relationToHead' | 'ethnicity' | 'disability'
>;

/** The registry holds no one born before 1900. */
export const EARLIEST_BIRTH = { date: '1900-01-01', what: '1 January 1900' };

const path = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/** A person's name: Unicode NFC, trimmed, inner runs of white space made one space. */
export function personName(field: string, value: string): string {
  return requiredText(field, value, 200).replace(/\s+/gu, ' ');
}

/** A citizen identity number (12 digits, surrounding spaces ignored), or null for none. */
export function nationalIdOrNull(field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  const id = cleanText(field, value, 32);
  if (!isNationalId(id))
    throw badInput(field, 'must be a citizen identity number of exactly 12 digits (null when the person has none)');
  return id;
}

const CLEAN: { [K in keyof MemberValues]: (field: string, value: NonNullable<MemberValues[K]>) => MemberValues[K] } = {
  fullName: personName,
  dateOfBirth: (field, value) => pastDate(field, value, EARLIEST_BIRTH),
  sex: (field, value) => assertOneOf(field, value, Sex),
  nationalId: nationalIdOrNull,
  relationToHead: (field, value) => assertOneOf(field, value, RelationToHead),
  ethnicity: (field, value) => requiredText(field, value, 100),
  disability: (field, value) => {
    if (typeof value !== 'boolean') throw badInput(field, 'must be true or false');
    return value;
  },
};

function clean<K extends keyof MemberValues>(prefix: string, key: K, value: MemberValues[K]): MemberValues[K] {
  return value === null ? (null as MemberValues[K]) : CLEAN[key](path(prefix, key), value as NonNullable<MemberValues[K]>);
}

/** A new member's values, checked; `prefix` locates the member in a longer input. */
export function cleanMember(input: MemberInput, prefix = ''): MemberValues {
  return {
    fullName: clean(prefix, 'fullName', input.fullName),
    dateOfBirth: clean(prefix, 'dateOfBirth', input.dateOfBirth),
    sex: clean(prefix, 'sex', input.sex),
    nationalId: clean(prefix, 'nationalId', input.nationalId ?? null),
    relationToHead: clean(prefix, 'relationToHead', input.relationToHead),
    ethnicity: clean(prefix, 'ethnicity', input.ethnicity),
    disability: clean(prefix, 'disability', input.disability ?? false),
  };
}

/** The changes of an update, checked: only the fields given, at least one; only nationalId may be cleared. */
export function cleanMemberPatch(input: UpdateMemberInput): Partial<MemberValues> {
  const given = givenFields(input as Partial<MemberValues>, ['nationalId']);
  const patch: Partial<MemberValues> = {};
  for (const key of Object.keys(given) as Array<keyof MemberValues>) {
    (patch as Record<string, unknown>)[key] = clean('', key, given[key] as MemberValues[typeof key]);
  }
  return patch;
}

/** The audit trail's names of the fields a write gives a value (`Member.nationalId`...). */
export const memberFields = (values: Partial<MemberValues>, { withNull = false } = {}) =>
  Object.entries(values)
    .filter(([, value]) => withNull || value !== null)
    .map(([key]) => `Member.${key}`);
