import { SUPPORT_RULES, type HouseholdCategory, type SupportKind, type SupportRule } from '../program/catalogue';
import type { RegistryAttestation } from '../registry-attestation';

/*
 * The rules of a support record, as plain functions: how its status moves, and whether the
 * registry's statement about the household allows it. Resolvers call these; tests call them
 * directly.
 */

export enum SupportStatus {
  PLANNED = 'PLANNED',
  DELIVERED = 'DELIVERED',
  VERIFIED = 'VERIFIED',
  CANCELLED = 'CANCELLED',
}

export enum SupportAction {
  DELIVER = 'DELIVER',
  VERIFY = 'VERIFY',
  CANCEL = 'CANCEL',
}

const MOVES: Record<SupportAction, { from: SupportStatus[]; to: SupportStatus }> = {
  DELIVER: { from: [SupportStatus.PLANNED], to: SupportStatus.DELIVERED },
  VERIFY: { from: [SupportStatus.DELIVERED], to: SupportStatus.VERIFIED },
  CANCEL: { from: [SupportStatus.PLANNED, SupportStatus.DELIVERED], to: SupportStatus.CANCELLED },
};

/** The status after `action`, or why the action does not apply to a record in `current`. */
export function nextSupportStatus(current: SupportStatus, action: SupportAction): SupportStatus | { refused: string } {
  const move = MOVES[action];
  if (move.from.includes(current)) return move.to;
  return {
    refused: `a ${current} support cannot be ${action === 'DELIVER' ? 'delivered' : action === 'VERIFY' ? 'verified' : 'cancelled'}: ${action} applies only to ${move.from.join(' or ')} records`,
  };
}

/** A refusal of a support, naming the input field to fix. */
export interface SupportRefusal {
  field: string;
  message: string;
}

const CATEGORY_WORDS: Record<HouseholdCategory, string> = {
  POOR: 'poor',
  NEAR_POOR: 'near-poor',
  NEWLY_ESCAPED: 'newly escaped from poverty',
  NOT_POOR: 'not poor, near-poor or newly escaped',
};

export const describeRule = (r: SupportRule) =>
  `${r.kind} is Project ${r.project}${r.subProject ? `.${r.subProject}` : ''} support`;

/**
 * Whether a support of `kind` for the household the registry describes, on the statement's date,
 * may be recorded by an agency running `ownedProjects`. Null when it may; otherwise the first
 * reason, naming the field to fix.
 */
export function supportRefusal(
  kind: SupportKind,
  ownedProjects: readonly number[],
  attestation: Pick<RegistryAttestation, 'category' | 'childrenUnder16' | 'on' | 'householdId'>,
  memberId: string | null,
  fieldPrefix = 'input.',
): SupportRefusal | null {
  const rule = SUPPORT_RULES[kind];
  const f = (name: string) => `${fieldPrefix}${name}`;
  if (!ownedProjects.includes(rule.project))
    return {
      field: f('kind'),
      message: `${describeRule(rule)}, which another agency runs; this agency records projects ${ownedProjects.join(', ')}`,
    };
  if (rule.recipient === 'child') {
    if (!memberId) return { field: f('memberId'), message: `${describeRule(rule)} for one child: name the child (memberId)` };
    if (!attestation.childrenUnder16.includes(memberId))
      return {
        field: f('memberId'),
        message: `member ${memberId} is not a current member under 16 of household ${attestation.householdId} on ${attestation.on}, as the registry states; ${rule.kind} is for children under 16`,
      };
  }
  if (rule.recipient === 'household' && memberId)
    return { field: f('memberId'), message: `${describeRule(rule)} for the whole household: leave memberId out` };
  if (rule.eligible) {
    if (attestation.category === null)
      return {
        field: f('registryAttestation'),
        message: `household ${attestation.householdId} had no certified poverty review on ${attestation.on}, so it is on no list; ${describeRule(rule)} for ${rule.eligible.map((c) => CATEGORY_WORDS[c]).join(', ')} households`,
      };
    if (!rule.eligible.includes(attestation.category as HouseholdCategory))
      return {
        field: f('registryAttestation'),
        message: `household ${attestation.householdId} was ${CATEGORY_WORDS[attestation.category as HouseholdCategory]} on ${attestation.on} according to the registry; ${describeRule(rule)} only for ${rule.eligible.map((c) => CATEGORY_WORDS[c]).join(', ')} households`,
      };
  }
  return null;
}
