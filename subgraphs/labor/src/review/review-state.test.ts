import {
  REVIEW_ACTIONS,
  REVIEW_STATES,
  type ReviewAction,
  type ReviewState,
  canEdit,
  nextState,
  startCorrection,
} from './review-state';

describe('the review workflow', () => {
  it.each<[ReviewState, ReviewAction, ReviewState]>([
    ['DRAFT', 'SURVEY', 'SURVEYED'],
    ['SURVEYED', 'AGREE_IN_VILLAGE', 'VILLAGE_AGREED'],
    ['VILLAGE_AGREED', 'POST', 'POSTED'],
    ['POSTED', 'CERTIFY', 'CERTIFIED'],
  ])('a %s review can take the %s step to %s', (from, action, to) => {
    expect(nextState(from, action)).toEqual({ ok: true, state: to });
  });

  it('walks from DRAFT to CERTIFIED by the four steps in order', () => {
    const end = REVIEW_ACTIONS.reduce<ReviewState>((state, action) => {
      const t = nextState(state, action);
      if (!t.ok) throw new Error(t.reason);
      return t.state;
    }, 'DRAFT');
    expect(end).toBe('CERTIFIED');
  });

  it.each<[ReviewState, ReviewAction, string]>([
    ['DRAFT', 'AGREE_IN_VILLAGE', 'a DRAFT review cannot be agreed in the village meeting: it must be surveyed first'],
    ['DRAFT', 'POST', 'a DRAFT review cannot be posted: it must be surveyed and agreed in the village meeting first'],
    [
      'DRAFT',
      'CERTIFY',
      'a DRAFT review cannot be certified: it must be surveyed, agreed in the village meeting and posted first',
    ],
    ['SURVEYED', 'SURVEY', 'a SURVEYED review cannot be surveyed: it has already been surveyed'],
    ['SURVEYED', 'POST', 'a SURVEYED review cannot be posted: it must be agreed in the village meeting first'],
    ['SURVEYED', 'CERTIFY', 'a SURVEYED review cannot be certified: it must be agreed in the village meeting and posted first'],
    ['VILLAGE_AGREED', 'SURVEY', 'a VILLAGE_AGREED review cannot be surveyed: it has already been surveyed'],
    [
      'VILLAGE_AGREED',
      'AGREE_IN_VILLAGE',
      'a VILLAGE_AGREED review cannot be agreed in the village meeting: it has already been agreed in the village meeting',
    ],
    ['VILLAGE_AGREED', 'CERTIFY', 'a VILLAGE_AGREED review cannot be certified: it must be posted first'],
    ['POSTED', 'SURVEY', 'a POSTED review cannot be surveyed: it has already been surveyed'],
    [
      'POSTED',
      'AGREE_IN_VILLAGE',
      'a POSTED review cannot be agreed in the village meeting: it has already been agreed in the village meeting',
    ],
    ['POSTED', 'POST', 'a POSTED review cannot be posted: it has already been posted'],
  ])('a %s review is refused the %s step', (from, action, reason) => {
    expect(nextState(from, action)).toEqual({ ok: false, reason });
  });

  it.each(REVIEW_ACTIONS)('a CERTIFIED review is refused the %s step: it never changes', (action) => {
    const t = nextState('CERTIFIED', action);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.reason).toMatch(
      /^a CERTIFIED review cannot be .*: a certified review never changes; correct it with a new review linked to it$/,
    );
  });

  it('has exactly one legal step from each state but the last', () => {
    for (const state of REVIEW_STATES) {
      const legal = REVIEW_ACTIONS.filter((action) => nextState(state, action).ok);
      expect(legal).toHaveLength(state === 'CERTIFIED' ? 0 : 1);
    }
  });

  it('throws on a state or action that does not exist', () => {
    expect(() => nextState('APPROVED' as ReviewState, 'SURVEY')).toThrow(RangeError);
    expect(() => nextState('DRAFT', 'APPROVE' as ReviewAction)).toThrow(
      'action must be one of SURVEY, AGREE_IN_VILLAGE, POST, CERTIFY, got APPROVE',
    );
  });
});

describe('editing', () => {
  it('a review can be edited until it is certified, never after', () => {
    expect(REVIEW_STATES.filter(canEdit)).toEqual(['DRAFT', 'SURVEYED', 'VILLAGE_AGREED', 'POSTED']);
    expect(canEdit('CERTIFIED')).toBe(false);
  });
});

describe('correcting a certified review', () => {
  const certified = { id: 'r2024', year: 2024, state: 'CERTIFIED' as const };

  it('starts a new DRAFT review of the same year linked to the certified one', () => {
    expect(startCorrection(certified)).toEqual({ ok: true, draft: { state: 'DRAFT', year: 2024, correctionOf: 'r2024' } });
  });

  it.each<ReviewState>(['DRAFT', 'SURVEYED', 'VILLAGE_AGREED', 'POSTED'])(
    'a %s review cannot be corrected: it is edited directly',
    (state) => {
      expect(startCorrection({ ...certified, state })).toEqual({
        ok: false,
        reason: `a ${state} review cannot be corrected: only a certified review is corrected with a new review; this one can still be edited`,
      });
    },
  );

  it('is refused while a correction of the same review is in progress', () => {
    const others = [certified, { id: 'c1', year: 2024, state: 'POSTED' as const, correctionOf: 'r2024' }];
    expect(startCorrection(certified, others)).toEqual({
      ok: false,
      reason: 'review r2024 already has a correction in progress (review c1, POSTED): continue that one',
    });
  });

  it('is refused once a certified correction has replaced the review; the correction itself can be corrected', () => {
    const correction = { id: 'c1', year: 2024, state: 'CERTIFIED' as const, correctionOf: 'r2024' };
    const others = [{ id: 'r2023', year: 2023, state: 'CERTIFIED' as const }, certified, correction];
    expect(startCorrection(certified, others)).toEqual({
      ok: false,
      reason: 'review r2024 has already been replaced by the certified correction c1: correct that review instead',
    });
    expect(startCorrection(correction, others)).toEqual({ ok: true, draft: { state: 'DRAFT', year: 2024, correctionOf: 'c1' } });
  });

  it('a correction of another review does not block this one', () => {
    const others = [{ id: 'c0', year: 2023, state: 'DRAFT' as const, correctionOf: 'r2023' }];
    expect(startCorrection(certified, others).ok).toBe(true);
  });
});
