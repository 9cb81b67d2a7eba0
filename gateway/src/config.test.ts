import { ConfigError } from '@gnbv/platform';
import { loadConfig } from './config';

const SUBGRAPHS = ['labor', 'agriculture'];
const ISSUERS = JSON.stringify([
  { issuer: 'https://sso.labor.gov.vn', agencies: ['labor'], publicKeyFile: '/etc/gnbv/labor.pem' },
]);
const production = { NODE_ENV: 'production', AUTH_ISSUERS: ISSUERS, INTERNAL_TOKEN_PRIVATE_KEY_FILE: '/etc/gnbv/gateway.pem' };

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(SUBGRAPHS, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('gateway security configuration', () => {
  it('enables the development issuer by default outside production only', () => {
    expect(loadConfig(SUBGRAPHS, {}).auth.devIssuer).toBeDefined();
    expect(loadConfig(SUBGRAPHS, production).auth.devIssuer).toBeUndefined();
  });

  it('refuses to start production with the development issuer, without issuers or without the signing key', () => {
    expect(problems({ ...production, AUTH_DEV_ISSUER: 'true' })).toEqual([
      'AUTH_DEV_ISSUER: the development issuer cannot be enabled in production',
    ]);
    expect(problems({ ...production, AUTH_ISSUERS: '[]' })[0]).toMatch(/^AUTH_ISSUERS: production needs at least one issuer/);
    const { INTERNAL_TOKEN_PRIVATE_KEY_FILE: _key, ...noKey } = production;
    expect(problems(noKey)[0]).toMatch(/^INTERNAL_TOKEN_PRIVATE_KEY_FILE/);
  });

  it('validates issuers, algorithms and limits, naming the variable', () => {
    expect(problems({ AUTH_ISSUERS: 'not json' })[0]).toMatch(/^AUTH_ISSUERS: expected a JSON array of issuers/);
    expect(problems({ AUTH_ISSUERS: JSON.stringify([{ issuer: 'x', agencies: ['labor'] }]) })[0]).toMatch(
      /give exactly one of jwksUrl or publicKeyFile/,
    );
    expect(
      problems({ AUTH_ISSUERS: JSON.stringify([{ issuer: 'x', agencies: ['police'], jwksUrl: 'https://x/jwks' }]) }),
    ).not.toEqual([]);
    expect(
      problems({ AUTH_ISSUERS: JSON.stringify([{ issuer: 'x', agencies: ['health'], jwksUrl: 'https://x/jwks' }]) }),
    ).toEqual(['AUTH_ISSUERS: issuer x names agency health, which is not one of labor, agriculture, steering-committee']);
    expect(loadConfig(SUBGRAPHS, {}).auth.devIssuer?.agencies).toEqual(['labor', 'agriculture', 'steering-committee']);
    expect(problems({ AUTH_ALGORITHMS: 'HS256' })[0]).toMatch(/^AUTH_ALGORITHMS/);
    expect(problems({ AUTH_ALGORITHMS: 'none' })[0]).toMatch(/^AUTH_ALGORITHMS/);
    expect(problems({ INTERNAL_TOKEN_TTL_SECONDS: '300' })[0]).toMatch(/^INTERNAL_TOKEN_TTL_SECONDS: expected at most 60/);
    expect(problems({ GATEWAY_MAX_DEPTH: '0' })[0]).toMatch(/^GATEWAY_MAX_DEPTH: expected at least 2/);
  });

  it('reads every limit explicitly', () => {
    const { limits } = loadConfig(SUBGRAPHS, { GATEWAY_MAX_DEPTH: '12', GATEWAY_MAX_ALIASES: '5' });
    expect(limits).toEqual({
      maxDepth: 12,
      maxAliases: 5,
      maxTokens: 3_000,
      maxDirectives: 10,
      maxCost: 10_000,
      maxQueryLength: 20_000,
    });
  });
});

describe('console configuration', () => {
  it('serves the explorer outside production, and in production only with GATEWAY_EXPLORER=true', () => {
    expect(loadConfig(SUBGRAPHS, {}).console.explorer).toBe(true);
    expect(loadConfig(SUBGRAPHS, { NODE_ENV: 'test' }).console.explorer).toBe(true);
    expect(loadConfig(SUBGRAPHS, production).console.explorer).toBe(false);
    expect(loadConfig(SUBGRAPHS, { ...production, GATEWAY_EXPLORER: 'true' }).console.explorer).toBe(true);
    expect(loadConfig(SUBGRAPHS, { GATEWAY_EXPLORER: 'false' }).console.explorer).toBe(false);
    expect(problems({ GATEWAY_EXPLORER: 'maybe' })[0]).toMatch(/^GATEWAY_EXPLORER: expected true or false/);
  });

  it('offers demo roles by default in development only, with the development issuer key', () => {
    const dev = loadConfig(SUBGRAPHS, { NODE_ENV: 'development', AUTH_DEV_ISSUER_PRIVATE_KEY_FILE: '/tmp/dev.key.pem' });
    expect(dev.console.demoRoles).toEqual({ issuerPrivateKeyFile: '/tmp/dev.key.pem', ttlSeconds: 3_600 });
    expect(loadConfig(SUBGRAPHS, { NODE_ENV: 'test' }).console.demoRoles).toBeUndefined();
    expect(loadConfig(SUBGRAPHS, { NODE_ENV: 'test', GATEWAY_DEMO_ROLES: 'true' }).console.demoRoles).toBeDefined();
    expect(loadConfig(SUBGRAPHS, production).console.demoRoles).toBeUndefined();
  });

  it('refuses demo roles in production and without the development issuer', () => {
    expect(problems({ ...production, GATEWAY_DEMO_ROLES: 'true' })).toEqual([
      'GATEWAY_DEMO_ROLES: demo roles cannot be enabled in production',
    ]);
    // Even together with the (also refused) development issuer, production never signs demo tokens.
    expect(problems({ ...production, GATEWAY_DEMO_ROLES: 'true', AUTH_DEV_ISSUER: 'true' })).toContain(
      'GATEWAY_DEMO_ROLES: demo roles cannot be enabled in production',
    );
    expect(problems({ NODE_ENV: 'development', AUTH_DEV_ISSUER: 'false', GATEWAY_DEMO_ROLES: 'true' })).toEqual([
      'GATEWAY_DEMO_ROLES: demo roles need the development issuer (AUTH_DEV_ISSUER is false)',
    ]);
    expect(loadConfig(SUBGRAPHS, { NODE_ENV: 'development', AUTH_DEV_ISSUER: 'false' }).console.demoRoles).toBeUndefined();
    expect(problems({ GATEWAY_DEMO_TOKEN_TTL_SECONDS: '86400' })[0]).toMatch(
      /^GATEWAY_DEMO_TOKEN_TTL_SECONDS: expected at most 28800/,
    );
  });

  it('serves gateway/console/dist unless GATEWAY_CONSOLE_DIR names another directory', () => {
    expect(loadConfig(SUBGRAPHS, {}).console.dir).toMatch(/gateway[\\/]console[\\/]dist$/);
    expect(loadConfig(SUBGRAPHS, { GATEWAY_CONSOLE_DIR: '/srv/console' }).console.dir).toBe('/srv/console');
  });
});
