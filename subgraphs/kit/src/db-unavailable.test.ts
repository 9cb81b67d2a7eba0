import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './db';

describe('isDatabaseUnavailable', () => {
  it('sees a lost connection through GraphQL and TypeORM wrappers', () => {
    const driverError = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const queryFailed = Object.assign(new Error('read ECONNRESET'), { driverError });
    expect(isDatabaseUnavailable(new GraphQLError('x', { originalError: queryFailed }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not take a bad statement or a refused row for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(new GraphQLError('household: not found'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
