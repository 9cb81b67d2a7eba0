import { ConfigError } from '@gnbv/platform';
import { loadSubgraphConfig } from './subgraph-config';

describe('subgraph config', () => {
  it('reads agency-prefixed variables with defaults', () => {
    const c = loadSubgraphConfig('social-policy-bank', 4004, { SOCIAL_POLICY_BANK_DATABASE_URL: 'postgres://u@db:5432/vbsp' });
    expect(c.port).toBe(4004);
    expect(c.database).toMatchObject({ url: 'postgres://u@db:5432/vbsp', schema: 'public', poolSize: 10 });
  });

  it('names every missing or bad variable and what it expects, all at once', () => {
    let error: unknown;
    try {
      loadSubgraphConfig('labor', 4001, { LABOR_PORT: 'eighty', LABOR_DATABASE_POOL_SIZE: '0', NODE_ENV: 'prod' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/LABOR_DATABASE_URL: expected a PostgreSQL URL .* \(it is not set\)/);
    expect(message).toMatch(/LABOR_PORT: .*\(got "eighty"\)/);
    expect(message).toMatch(/LABOR_DATABASE_POOL_SIZE: expected at least 1/);
    expect(message).toMatch(/NODE_ENV: expected development, test or production/);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadSubgraphConfig('labor', 4001, { LABOR_DATABASE_URL: 'mysql://db/labor' })).toThrow(/LABOR_DATABASE_URL/);
  });
});
