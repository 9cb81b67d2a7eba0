import { ConfigError } from '@gnbv/kit/core';
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
