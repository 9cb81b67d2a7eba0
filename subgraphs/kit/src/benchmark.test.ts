import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { ConfigError, HttpError, type InternalIdentity } from '@gnbv/platform';
import { identityFrom, startSubgraphServer } from './subgraph';
import { loadSubgraphConfig } from './subgraph-config';

const BASE = { LABOR_DATABASE_URL: 'postgres://u@127.0.0.1:5432/labor' };
const BANK_SERVICE = {
  subject: 'bench-eligibility',
  agency: 'social-policy-bank',
  roles: ['service'],
  kind: 'service',
  scope: ['VN'],
};
const quiet = { warn() {} };
const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;
const GATEWAY_IDENTITY: InternalIdentity = {
  principal: { subject: 'officer-7', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['11'] },
  requestId: 'req-12345678',
  purpose: 'review',
};
const verifyOnly = (token: string) => async (sent: string) => {
  if (sent !== token) throw new Error('bad signature');
  return GATEWAY_IDENTITY;
};

const configError = (env: Record<string, string>): string => {
  try {
    loadSubgraphConfig('labor', 4001, { ...BASE, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('benchmark mode (SUBGRAPH_BENCHMARK_PRINCIPAL)', () => {
  it('reads the fixed principal and purpose from the variable', () => {
    const c = loadSubgraphConfig('labor', 4001, {
      ...BASE,
      SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify({ ...BANK_SERVICE, purpose: 'loan-eligibility' }),
    });
    expect(c.benchmark).toEqual({ principal: BANK_SERVICE, purpose: 'loan-eligibility' });
    expect(loadSubgraphConfig('labor', 4001, BASE).benchmark).toBeUndefined();
  });

  it('refuses to start in production', () => {
    expect(
      configError({
        NODE_ENV: 'production',
        INTERNAL_TOKEN_PUBLIC_KEY_FILE: '/keys/gateway.pem',
        REGISTRY_ATTESTATION_PUBLIC_KEY_FILE: '/keys/registry.pem',
        SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify(BANK_SERVICE),
      }),
    ).toMatch(/SUBGRAPH_BENCHMARK_PRINCIPAL: refused in production/);
  });

  it('refuses a subgraph that does not listen on loopback, naming the host variable', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.7', 'localhost'])
      expect(configError({ LABOR_HOST: host, SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify(BANK_SERVICE) })).toMatch(
        /refused unless the subgraph listens on loopback; set LABOR_HOST to 127.0.0.1 or ::1/,
      );
    expect(
      loadSubgraphConfig('labor', 4001, {
        ...BASE,
        LABOR_HOST: '::1',
        SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify(BANK_SERVICE),
      }).benchmark,
    ).toBeDefined();
  });

  it('refuses a value that is not a valid principal, saying what is wrong', () => {
    expect(configError({ SUBGRAPH_BENCHMARK_PRINCIPAL: 'bank' })).toMatch(/SUBGRAPH_BENCHMARK_PRINCIPAL: expected JSON/);
    // The agency vocabulary is open (any agency of the list); which agencies exist is the gateway's
    // to check (from its supergraph). A subgraph refuses what cannot be an agency name at all.
    expect(configError({ SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify({ ...BANK_SERVICE, agency: 'Police Dept.' }) })).toMatch(
      /SUBGRAPH_BENCHMARK_PRINCIPAL: agency: /,
    );
    expect(configError({ SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify({ ...BANK_SERVICE, purpose: 'curiosity' }) })).toMatch(
      /SUBGRAPH_BENCHMARK_PRINCIPAL: purpose: /,
    );
    expect(configError({ SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify({ ...BANK_SERVICE, admin: true }) })).toMatch(
      /SUBGRAPH_BENCHMARK_PRINCIPAL: .*admin/,
    );
  });

  it('is refused again when the server starts on a config built by code, in production or off loopback', async () => {
    const config = loadSubgraphConfig('labor', 4001, { ...BASE, SUBGRAPH_BENCHMARK_PRINCIPAL: JSON.stringify(BANK_SERVICE) });
    const start = (overrides: Partial<typeof config>) =>
      startSubgraphServer({
        config: { ...config, ...overrides },
        schema: {} as GraphQLSchema,
        dataSource: {} as DataSource,
        createLoaders: () => ({}),
      });
    await expect(start({ nodeEnv: 'production' })).rejects.toThrow(/refused in production/);
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/refused unless the subgraph listens on loopback/);
    const { benchmark: _benchmark, ...plain } = config;
    await expect(
      startSubgraphServer({
        config: plain,
        schema: {} as GraphQLSchema,
        dataSource: {} as DataSource,
        createLoaders: () => ({}),
        benchmarkWithoutChecks: true,
      }),
    ).rejects.toThrow(/benchmarkWithoutChecks needs benchmark mode/);
  });

  it('treats a request without a token as the fixed principal and purpose', async () => {
    const identity = await identityFrom(request(), verifyOnly('good'), quiet, {
      principal: GATEWAY_IDENTITY.principal,
      purpose: 'statistics',
    });
    expect(identity).toMatchObject({ principal: GATEWAY_IDENTITY.principal, purpose: 'statistics' });
    expect(identity.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('still verifies a token when one is sent, and refuses a bad or malformed one', async () => {
    const benchmark = { principal: { ...GATEWAY_IDENTITY.principal, subject: 'bench', scope: ['VN'] } };
    await expect(identityFrom(request({ authorization: 'Bearer good' }), verifyOnly('good'), quiet, benchmark)).resolves.toEqual(
      GATEWAY_IDENTITY,
    );
    for (const authorization of ['Bearer forged', 'Basic dXNlcjpwYXNz', ''])
      await expect(identityFrom(request({ authorization }), verifyOnly('good'), quiet, benchmark)).rejects.toMatchObject({
        status: 401,
      });
  });

  it('answers 401 to a request without a token outside benchmark mode', async () => {
    const refused = identityFrom(request(), verifyOnly('good'), quiet);
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
  });
});
