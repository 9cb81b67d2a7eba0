import { badInput, scopeCovers } from '@gnbv/platform';
import { addDays, todayInVietnam } from '../dates';
import { SUPPORT_RULES, type SupportKind } from '../program/catalogue';
import type { RegistryAttestation } from '../registry-attestation';
import { notVisible } from '../scope';
import { assertUuid, optionalText, requiredText } from '../validate';
import { pastDate } from '../write';
import type { SupportInput } from './support.inputs';
import type { SupportContext } from './support.options';
import { SupportStatus, supportRefusal } from './support.rules';

const today = () => todayInVietnam();

/** The support's fields, checked at the edge; the registry's statement is checked in the write. */
export function validated(input: SupportInput, ownedProjects: readonly number[]) {
  const householdId = assertUuid('input.householdId', input.householdId);
  const memberId = input.memberId ? assertUuid('input.memberId', input.memberId) : null;
  const initiativeId = input.initiativeId ? assertUuid('input.initiativeId', input.initiativeId) : null;
  const rule = SUPPORT_RULES[input.kind];
  if (!rule) throw badInput('input.kind', `must be one of ${Object.keys(SUPPORT_RULES).join(', ')}`);
  if (!ownedProjects.includes(rule.project))
    throw badInput(
      'input.kind',
      `${input.kind} is Project ${rule.project} support, which another agency runs; this one records projects ${ownedProjects.join(', ')}`,
    );
  if (!(Number.isFinite(input.quantity) && input.quantity > 0 && input.quantity <= 1_000_000_000))
    throw badInput('input.quantity', 'must be more than 0 (and at most 1,000,000,000)');
  if (Math.round(input.quantity * 100) !== input.quantity * 100) throw badInput('input.quantity', 'must have at most 2 decimals');
  if (input.value < 0) throw badInput('input.value', 'must not be negative');
  if (input.status !== SupportStatus.DELIVERED && input.status !== SupportStatus.PLANNED)
    throw badInput(
      'input.status',
      'a new support is DELIVERED or PLANNED; verify or cancel it afterwards with the step mutation',
    );
  const on = input.status === SupportStatus.DELIVERED ? pastDate('input.on', input.on) : input.on;
  if (input.status === SupportStatus.PLANNED && input.on > addDays(today(), 366))
    throw badInput('input.on', 'a planned support must be due within a year');
  if (!Number.isInteger(input.programYear) || Math.abs(Number(on.slice(0, 4)) - input.programYear) > 1)
    throw badInput(
      'input.programYear',
      `must be the year of the support's date (${on.slice(0, 4)}), or the year before or after`,
    );
  return {
    householdId,
    memberId,
    initiativeId,
    rule,
    on,
    description: requiredText('input.description', input.description, 500),
    unit: optionalText('input.unit', input.unit, 40) ?? rule.unit,
    deliveringOffice: requiredText('input.deliveringOffice', input.deliveringOffice, 200),
  };
}

/** Verifies the registry's statement and applies the support rules; throws the coded reason. */
export async function attested(
  ctx: SupportContext,
  ownedProjects: readonly number[],
  token: string,
  field: string,
  householdId: string,
  on: string,
  kind: SupportKind,
  memberId: string | null,
) {
  const attestation: RegistryAttestation = await ctx.registry.verifier().verify(token, { householdId, on }, field);
  if (!scopeCovers(ctx.principal, { communeCode: attestation.communeCode, provinceCode: attestation.provinceCode }))
    throw notVisible('household', field.replace(/registryAttestation$/, 'householdId'));
  const refusal = supportRefusal(kind, ownedProjects, attestation, memberId, field.replace(/registryAttestation$/, ''));
  if (refusal) throw badInput(refusal.field, refusal.message);
  return attestation;
}
