// The yearly review of one household as a state machine (Decision 24/2021/QĐ-TTg, Circular
// 07/2021/TT-BLĐTBXH): surveyed on forms B1/B2, agreed in the village meeting, posted publicly
// for complaints, then certified on the commune list. Each step happens once and in order.
// A certified review is history and never changes; a mistake in it is fixed by a new review of
// the same year linked to it (`correctionOf`) that goes through the same steps from DRAFT.
//
// Who may take a step (certifying is for the commune People's Committee, through its officer)
// is a permission, checked in permissions.ts, not a state of the review.

export type ReviewState = 'DRAFT' | 'SURVEYED' | 'VILLAGE_AGREED' | 'POSTED' | 'CERTIFIED';

export type ReviewAction = 'SURVEY' | 'AGREE_IN_VILLAGE' | 'POST' | 'CERTIFY';

export const REVIEW_STATES: readonly ReviewState[] = ['DRAFT', 'SURVEYED', 'VILLAGE_AGREED', 'POSTED', 'CERTIFIED'];

export const REVIEW_ACTIONS: readonly ReviewAction[] = ['SURVEY', 'AGREE_IN_VILLAGE', 'POST', 'CERTIFY'];

export type Refusal = { ok: false; reason: string };

export type Transition = { ok: true; state: ReviewState } | Refusal;

// REVIEW_ACTIONS[i] moves a review from REVIEW_STATES[i] to REVIEW_STATES[i + 1].
const DONE: Record<ReviewAction, string> = {
  SURVEY: 'surveyed',
  AGREE_IN_VILLAGE: 'agreed in the village meeting',
  POST: 'posted',
  CERTIFY: 'certified',
};

const joinSteps = (steps: readonly string[]) =>
  steps.length <= 1 ? (steps[0] ?? '') : `${steps.slice(0, -1).join(', ')} and ${steps[steps.length - 1]}`;

function stateIndex(state: ReviewState): number {
  const index = REVIEW_STATES.indexOf(state);
  if (index < 0) throw new RangeError(`state must be one of ${REVIEW_STATES.join(', ')}, got ${String(state)}`);
  return index;
}

function actionIndex(action: ReviewAction): number {
  const index = REVIEW_ACTIONS.indexOf(action);
  if (index < 0) throw new RangeError(`action must be one of ${REVIEW_ACTIONS.join(', ')}, got ${String(action)}`);
  return index;
}

/**
 * The state after `action`, or a refusal saying why the review cannot take that step now.
 * Throws a RangeError for a state or action that does not exist (a programming error).
 */
export function nextState(current: ReviewState, action: ReviewAction): Transition {
  const from = stateIndex(current);
  const step = actionIndex(action);
  const cannot = `a ${current} review cannot be ${DONE[action]}`;
  if (current === 'CERTIFIED') {
    return { ok: false, reason: `${cannot}: a certified review never changes; correct it with a new review linked to it` };
  }
  if (from === step) return { ok: true, state: REVIEW_STATES[step + 1]! };
  if (from > step) return { ok: false, reason: `${cannot}: it has already been ${DONE[action]}` };
  const missing = REVIEW_ACTIONS.slice(from, step).map((a) => DONE[a]);
  return { ok: false, reason: `${cannot}: it must be ${joinSteps(missing)} first` };
}

/** Only a certified review is frozen; until then the survey answers may still be changed. */
export function canEdit(state: ReviewState): boolean {
  return stateIndex(state) < REVIEW_STATES.indexOf('CERTIFIED');
}

/** The fields of a review that decide whether it can be corrected. */
export interface ReviewLink {
  id: string;
  year: number;
  state: ReviewState;
  /** The review this one corrects; null or absent for an original review. */
  correctionOf?: string | null;
}

/** A new review to insert: a correction of `correctionOf`, for the same year, starting at DRAFT. */
export interface CorrectionDraft {
  state: 'DRAFT';
  year: number;
  correctionOf: string;
}

export type CorrectionStart = { ok: true; draft: CorrectionDraft } | Refusal;

/**
 * Starts the correction of a certified review. Refused when the review is not certified (it is
 * still editable, so change it directly), when it already has a correction in progress
 * (continue that one), or when a certified correction has replaced it (correct that one, so
 * corrections form a single chain per year). `householdReviews` are the household's other
 * reviews, searched for corrections of `target`.
 */
export function startCorrection(target: ReviewLink, householdReviews: readonly ReviewLink[] = []): CorrectionStart {
  stateIndex(target.state);
  if (target.state !== 'CERTIFIED') {
    return {
      ok: false,
      reason: `a ${target.state} review cannot be corrected: only a certified review is corrected with a new review; this one can still be edited`,
    };
  }
  const corrections = householdReviews.filter((r) => r.id !== target.id && r.correctionOf === target.id);
  const replacing = corrections.find((r) => r.state === 'CERTIFIED');
  if (replacing) {
    return {
      ok: false,
      reason: `review ${target.id} has already been replaced by the certified correction ${replacing.id}: correct that review instead`,
    };
  }
  const open = corrections[0];
  if (open) {
    return {
      ok: false,
      reason: `review ${target.id} already has a correction in progress (review ${open.id}, ${open.state}): continue that one`,
    };
  }
  return { ok: true, draft: { state: 'DRAFT', year: target.year, correctionOf: target.id } };
}
