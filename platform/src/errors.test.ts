import { GraphQLError } from 'graphql';
import { badInput, INTERNAL_MESSAGE, maskError } from './errors';

describe('error masking', () => {
  it('passes coded client errors through with their field', () => {
    const error = badInput('communeCode', 'must be 5 digits');
    const out = maskError({ message: error.message, extensions: error.extensions }, error);
    expect(out).toEqual({
      message: 'communeCode: must be 5 digits',
      extensions: { code: 'BAD_USER_INPUT', field: 'communeCode' },
    });
  });

  it('hides a database error behind a generic message', () => {
    const original = new GraphQLError('x', { originalError: new Error('relation "household" does not exist at 10.0.3.7:5432') });
    const out = maskError(
      { message: original.message, path: ['household'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } },
      original,
    );
    expect(out).toEqual({ message: INTERNAL_MESSAGE, path: ['household'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('does not trust a code attached to a thrown non-GraphQL error', () => {
    const original = new GraphQLError('boom', { originalError: new Error('secret'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(maskError({ message: 'boom', extensions: { code: 'BAD_USER_INPUT' } }, original).message).toBe(INTERNAL_MESSAGE);
  });
});
