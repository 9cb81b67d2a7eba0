// The status of a follow-up action on an inspection finding. An action starts OPEN; the office
// responsible starts it (IN_PROGRESS) and finishes it (DONE), or the team drops it with a reason
// (CANCELLED). DONE and CANCELLED are final: what was done or dropped stays on record, and more
// work on the same finding is a new action. Work never goes back to OPEN once started.

export type FollowUpStatusName = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export const FOLLOW_UP_STATUSES: readonly FollowUpStatusName[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'];

export type StatusMove = { ok: true; status: FollowUpStatusName } | { ok: false; reason: string };

const NEXT: Record<FollowUpStatusName, readonly FollowUpStatusName[]> = {
  OPEN: ['IN_PROGRESS', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

function assertStatus(status: FollowUpStatusName, name: string): void {
  if (!FOLLOW_UP_STATUSES.includes(status))
    throw new RangeError(`${name} must be one of ${FOLLOW_UP_STATUSES.join(', ')}, got ${String(status)}`);
}

/** True for DONE and CANCELLED: nothing moves an action out of them. */
export function isFinal(status: FollowUpStatusName): boolean {
  assertStatus(status, 'status');
  return NEXT[status].length === 0;
}

/**
 * Whether an action may move from `from` to `to`, and if not, why. Throws a RangeError for a
 * status that does not exist (a programming error, not a client's).
 */
export function moveFollowUp(from: FollowUpStatusName, to: FollowUpStatusName): StatusMove {
  assertStatus(from, 'from');
  assertStatus(to, 'to');
  const cannot = `${/^[AEIOU]/.test(from) ? 'an' : 'a'} ${from} action cannot become ${to}`;
  if (isFinal(from)) return { ok: false, reason: `${cannot}: it is final; record a new action if more must be done` };
  if (from === to) return { ok: false, reason: `the action is already ${from}` };
  if (NEXT[from].includes(to)) return { ok: true, status: to };
  return { ok: false, reason: `${cannot}: work that has started is finished (DONE) or cancelled with a reason, never reopened` };
}

/** Open or in progress and due before `today` (both ISO dates, which compare as text). */
export function isOverdue(action: { status: FollowUpStatusName; dueOn: string }, today: string): boolean {
  return !isFinal(action.status) && action.dueOn < today;
}
