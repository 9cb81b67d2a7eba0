import { categoryOnDate, type HouseholdCategory } from '@gnbv/kit/rules';
import type { LoanProgrammeCode } from '../programme/programme.entity';
import type { ProgrammeVersion } from '../programme/programme.rules';
import { memberOn } from '../savings-group/savings-group.entity';

/*
 * Whether a household may borrow under a programme on a date, and every reason why not: a pure
 * function of what the caller read (the programme version in force, the registry's category
 * periods and commune, the bank's group memberships and loans), the same for the eligibility
 * query and for the re-check inside a disbursement.
 *
 * - The lending commune is the commune of the savings group the loan goes through: the loan's
 *   group when a loan is checked; otherwise the household's group on the date, preferring one
 *   in the household's own commune. The household must live there (registry commune).
 * - Headroom: the programme's ceiling minus what the household owes under that programme (every
 *   version of its code), never negative. Zero headroom is CEILING_REACHED; an amount above a
 *   positive headroom is AMOUNT_ABOVE_HEADROOM (an amount equal to it is fine).
 * - Any loan with principal overdue on the date (any programme) is OVERDUE_LOAN.
 * - A programme with no qualifying categories is open to any household of the registry, with
 *   or without a certified review.
 */

export enum EligibilityReasonCode {
  NO_PROGRAMME_ON_DATE = 'NO_PROGRAMME_ON_DATE',
  NO_CERTIFIED_REVIEW = 'NO_CERTIFIED_REVIEW',
  CATEGORY_NOT_ELIGIBLE = 'CATEGORY_NOT_ELIGIBLE',
  NOT_RESIDENT_IN_LENDING_COMMUNE = 'NOT_RESIDENT_IN_LENDING_COMMUNE',
  NOT_IN_SAVINGS_GROUP = 'NOT_IN_SAVINGS_GROUP',
  CEILING_REACHED = 'CEILING_REACHED',
  AMOUNT_ABOVE_HEADROOM = 'AMOUNT_ABOVE_HEADROOM',
  OVERDUE_LOAN = 'OVERDUE_LOAN',
}

export interface EligibilityReason {
  code: EligibilityReasonCode;
  message: string;
}

/** A membership of a savings group, with the group's commune. */
export interface GroupMembership {
  savingsGroupId: string;
  communeCode: string;
  joinedOn: string;
  leftOn: string | null;
}

/** A loan of the household as it stands on the date of the check (owed loans only matter). */
export interface LoanOnDate {
  id: string;
  programme: LoanProgrammeCode;
  outstanding: number;
  overdueAmount: number;
}

export interface EligibilityInput {
  programme: LoanProgrammeCode;
  on: string;
  /** The version of `programme` in force on `on`; null when none is. */
  version: ProgrammeVersion | null;
  /** The registry's certified category periods of the household ([from, until)). */
  categoryPeriods: ReadonlyArray<{ category: string; from: string; until: string | null }>;
  /** The household's commune in the registry. */
  householdCommune: string;
  memberships: readonly GroupMembership[];
  /** The group the loan goes through, when a loan is checked (its application named it). */
  lendingGroupId?: string | null;
  /** The household's loans owed on `on`, with their standing that day. */
  loans: readonly LoanOnDate[];
  /** The amount asked for, if any. */
  amount?: number | null;
}

export interface EligibilityResult {
  eligible: boolean;
  reasons: EligibilityReason[];
  programme: LoanProgrammeCode;
  on: string;
  version: ProgrammeVersion | null;
  category: HouseholdCategory | null;
  householdCommune: string;
  lendingCommune: string | null;
  savingsGroupId: string | null;
  /** Owed under this programme on the date. */
  outstandingUnderProgramme: number;
  /** Ceiling minus outstanding under this programme, never negative; null without a programme. */
  headroom: number | null;
  annualRatePercent: number | null;
  overdueRatePercent: number | null;
  maxTermMonths: number | null;
}

const CATEGORY_WORDS: Record<string, string> = {
  POOR: 'poor',
  NEAR_POOR: 'near-poor',
  NEWLY_ESCAPED: 'newly escaped from poverty (within 36 months)',
  NOT_POOR: 'not poor, near-poor or newly escaped',
};

const vnd = (n: number) => `${n.toLocaleString('en-US')} VND`;

/** The lending group: the loan's own, or the household's group on the date (its own commune first). */
function lendingMembership(input: EligibilityInput): GroupMembership | null {
  const current = input.memberships.filter((m) => memberOn(m, input.on));
  if (input.lendingGroupId) return current.find((m) => m.savingsGroupId === input.lendingGroupId) ?? null;
  const sorted = [...current].sort((a, b) => a.savingsGroupId.localeCompare(b.savingsGroupId));
  return sorted.find((m) => m.communeCode === input.householdCommune) ?? sorted[0] ?? null;
}

/** Whether the household may borrow; see the rules above. Every reason that applies is given. */
export function loanEligibility(input: EligibilityInput): EligibilityResult {
  const { version, on } = input;
  const reasons: EligibilityReason[] = [];
  const add = (code: EligibilityReasonCode, message: string) => reasons.push({ code, message });

  if (!version) add(EligibilityReasonCode.NO_PROGRAMME_ON_DATE, `no version of ${input.programme} is in force on ${on}`);

  const category = categoryOnDate(input.categoryPeriods, on);
  const qualifying = version?.qualifyingCategories ?? [];
  if (version && qualifying.length > 0) {
    const allowed = qualifying.map((c) => CATEGORY_WORDS[c] ?? c).join(' or ');
    if (category === null)
      add(
        EligibilityReasonCode.NO_CERTIFIED_REVIEW,
        `the household has no certified review in force on ${on}; ${input.programme} lends to households certified ${allowed}`,
      );
    else if (!qualifying.includes(category))
      add(
        EligibilityReasonCode.CATEGORY_NOT_ELIGIBLE,
        `on ${on} the household is certified ${CATEGORY_WORDS[category] ?? category}; ${input.programme} lends to households certified ${allowed}`,
      );
  }

  const current = lendingMembership(input);
  if (!current)
    add(
      EligibilityReasonCode.NOT_IN_SAVINGS_GROUP,
      input.lendingGroupId
        ? `on ${on} the household is not a member of the savings group the loan goes through (${input.lendingGroupId})`
        : `on ${on} the household is not a member of any savings group, which must approve the borrower`,
    );
  else if (current.communeCode !== input.householdCommune)
    add(
      EligibilityReasonCode.NOT_RESIDENT_IN_LENDING_COMMUNE,
      `the household lives in commune ${input.householdCommune}, but its savings group lends in commune ${current.communeCode}`,
    );

  const outstanding = input.loans.filter((l) => l.programme === input.programme).reduce((sum, l) => sum + l.outstanding, 0);
  const headroom = version ? Math.max(0, version.ceilingPerHousehold - outstanding) : null;
  if (version && headroom === 0)
    add(
      EligibilityReasonCode.CEILING_REACHED,
      `the household owes ${vnd(outstanding)} under ${input.programme}, the ceiling of ${vnd(version.ceilingPerHousehold)}: no headroom`,
    );
  else if (version && headroom !== null && input.amount != null && input.amount > headroom)
    add(
      EligibilityReasonCode.AMOUNT_ABOVE_HEADROOM,
      `${vnd(input.amount)} would exceed the ceiling of ${vnd(version.ceilingPerHousehold)}: the household owes ${vnd(outstanding)} under ${input.programme}, so at most ${vnd(headroom)} more`,
    );

  const overdue = input.loans.filter((l) => l.overdueAmount > 0);
  if (overdue.length > 0)
    add(
      EligibilityReasonCode.OVERDUE_LOAN,
      `on ${on} the household has ${overdue.length === 1 ? 'a loan' : `${overdue.length} loans`} with ${vnd(
        overdue.reduce((sum, l) => sum + l.overdueAmount, 0),
      )} of principal overdue`,
    );

  return {
    eligible: reasons.length === 0,
    reasons,
    programme: input.programme,
    on,
    version,
    category: category as HouseholdCategory | null,
    householdCommune: input.householdCommune,
    lendingCommune: current?.communeCode ?? null,
    savingsGroupId: current?.savingsGroupId ?? null,
    outstandingUnderProgramme: outstanding,
    headroom,
    annualRatePercent: version?.annualRatePercent ?? null,
    overdueRatePercent: version?.overdueRatePercent ?? null,
    maxTermMonths: version?.maxTermMonths ?? null,
  };
}
