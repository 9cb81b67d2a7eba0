import { FOLLOW_UP_STATUSES, type FollowUpStatusName, isFinal, isOverdue, moveFollowUp } from './follow-up-status';

describe('follow-up action status moves', () => {
  it.each<[FollowUpStatusName, FollowUpStatusName]>([
    ['OPEN', 'IN_PROGRESS'],
    ['OPEN', 'DONE'],
    ['OPEN', 'CANCELLED'],
    ['IN_PROGRESS', 'DONE'],
    ['IN_PROGRESS', 'CANCELLED'],
  ])('an action can move from %s to %s', (from, to) => {
    expect(moveFollowUp(from, to)).toEqual({ ok: true, status: to });
  });

  it('allows exactly those five moves', () => {
    const legal = FOLLOW_UP_STATUSES.flatMap((from) =>
      FOLLOW_UP_STATUSES.filter((to) => moveFollowUp(from, to).ok).map((to) => `${from}→${to}`),
    );
    expect(legal).toEqual(['OPEN→IN_PROGRESS', 'OPEN→DONE', 'OPEN→CANCELLED', 'IN_PROGRESS→DONE', 'IN_PROGRESS→CANCELLED']);
  });

  it.each<[FollowUpStatusName, FollowUpStatusName]>([
    ['DONE', 'OPEN'],
    ['DONE', 'IN_PROGRESS'],
    ['DONE', 'CANCELLED'],
    ['DONE', 'DONE'],
    ['CANCELLED', 'OPEN'],
    ['CANCELLED', 'DONE'],
    ['CANCELLED', 'CANCELLED'],
  ])('a %s action is final: it cannot become %s', (from, to) => {
    expect(moveFollowUp(from, to)).toEqual({
      ok: false,
      reason: `a ${from} action cannot become ${to}: it is final; record a new action if more must be done`,
    });
  });

  it('never reopens work that has started', () => {
    expect(moveFollowUp('IN_PROGRESS', 'OPEN')).toEqual({
      ok: false,
      reason:
        'an IN_PROGRESS action cannot become OPEN: work that has started is finished (DONE) or cancelled with a reason, never reopened',
    });
  });

  it('refuses a move to the status the action already has', () => {
    expect(moveFollowUp('OPEN', 'OPEN')).toEqual({ ok: false, reason: 'the action is already OPEN' });
    expect(moveFollowUp('IN_PROGRESS', 'IN_PROGRESS')).toEqual({ ok: false, reason: 'the action is already IN_PROGRESS' });
  });

  it('throws on a status that does not exist', () => {
    expect(() => moveFollowUp('PAUSED' as FollowUpStatusName, 'DONE')).toThrow(
      new RangeError('from must be one of OPEN, IN_PROGRESS, DONE, CANCELLED, got PAUSED'),
    );
    expect(() => moveFollowUp('OPEN', 'REOPENED' as FollowUpStatusName)).toThrow(RangeError);
  });

  it('calls DONE and CANCELLED final, and only them', () => {
    expect(FOLLOW_UP_STATUSES.filter(isFinal)).toEqual(['DONE', 'CANCELLED']);
  });
});

describe('overdue actions', () => {
  const today = '2025-10-15';

  it('is an open or in-progress action due before today', () => {
    expect(isOverdue({ status: 'OPEN', dueOn: '2025-10-14' }, today)).toBe(true);
    expect(isOverdue({ status: 'IN_PROGRESS', dueOn: '2024-12-31' }, today)).toBe(true);
  });

  it('is not an action due today or later', () => {
    expect(isOverdue({ status: 'OPEN', dueOn: today }, today)).toBe(false);
    expect(isOverdue({ status: 'IN_PROGRESS', dueOn: '2025-10-16' }, today)).toBe(false);
  });

  it('is never a done or cancelled action, however late', () => {
    expect(isOverdue({ status: 'DONE', dueOn: '2020-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'CANCELLED', dueOn: '2020-01-01' }, today)).toBe(false);
  });
});
