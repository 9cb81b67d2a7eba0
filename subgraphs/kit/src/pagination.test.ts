import { decodeCursor, encodeCursor, pageWindow, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    expect(decodeCursor(encodeCursor(['03160-0007', 'ab']), 2)).toEqual(['03160-0007', 'ab']);
  });

  it('refuses forged or foreign cursors as bad input on `after`', () => {
    for (const bad of [
      'not-base64!',
      encodeCursor(['only-one']),
      Buffer.from('{"$ne":null}').toString('base64url'),
      'x'.repeat(600),
    ]) {
      expect(() => decodeCursor(bad, 2)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
      );
    }
  });

  it('bounds the page size', () => {
    expect(pageWindow({}, 1).limit).toBe(20);
    expect(() => pageWindow({ first: 0 }, 1)).toThrow(/first/);
    expect(() => pageWindow({ first: 101 }, 1)).toThrow(/first/);
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const page = toPage([{ k: 'a' }, { k: 'b' }, { k: 'c' }], { limit: 2, after: null }, (r) => [r.k], 3);
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor as string, 1)).toEqual(['b']);
  });
});
