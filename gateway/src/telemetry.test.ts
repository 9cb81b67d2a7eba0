import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import * as apolloTelemetry from '@apollo/gateway/dist/utilities/opentelemetry';
import { ensureDevKeys, processEnv } from '@gnbv/platform';
import { loadConfig } from './config';
import { createGateway, supergraphSubgraphs } from './server';
import { readFileSync } from 'node:fs';

/**
 * @apollo/gateway's constructor starts an OpenTelemetry exporter to Apollo's usage-reporting
 * endpoint (and cloud metadata probes) unless APOLLO_TELEMETRY_DISABLED is set. The gateway turns
 * it off in code, so no deployment can forget the variable.
 */
describe('vendor telemetry', () => {
  let dir: string;
  const env = processEnv();
  const saved = env.APOLLO_TELEMETRY_DISABLED;
  let exporter: jest.SpyInstance;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gnbv-telemetry-'));
  });
  beforeEach(() => {
    delete env.APOLLO_TELEMETRY_DISABLED;
    // Stands in for the exporter: it records that one would have been started, and sends nothing.
    exporter = jest
      .spyOn(apolloTelemetry, 'createDataCollectionExporter')
      .mockReturnValue({ shutdown: async () => undefined } as unknown as ReturnType<
        typeof apolloTelemetry.createDataCollectionExporter
      >);
  });
  afterEach(() => {
    exporter.mockRestore();
    if (saved === undefined) delete env.APOLLO_TELEMETRY_DISABLED;
    else env.APOLLO_TELEMETRY_DISABLED = saved;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a stock @apollo/gateway starts the vendor exporter when nothing turns it off (the hazard)', () => {
    const supergraphSdl = readFileSync(require.resolve('@gnbv/schema/supergraph.graphql'), 'utf8');
    new ApolloGateway({ supergraphSdl });
    expect(exporter).toHaveBeenCalledTimes(1);
  });

  it('our gateway never starts it, with the variable unset in the environment', async () => {
    const keys = ensureDevKeys(join(dir, 'keys'));
    const names = supergraphSubgraphs(readFileSync(require.resolve('@gnbv/schema/supergraph.graphql'), 'utf8')).map(
      (s) => s.name,
    );
    const config = loadConfig(names, {
      NODE_ENV: 'test',
      GATEWAY_PORT: '0',
      AUTH_DEV_ISSUER_PUBLIC_KEY_FILE: keys.issuerPublic,
      INTERNAL_TOKEN_PRIVATE_KEY_FILE: keys.internalPrivate,
      GATEWAY_CONSOLE_DIR: dir,
      GATEWAY_DEMO_ROLES: 'false',
    });
    const gateway = await createGateway(config);
    await gateway.stop();
    expect(exporter).not.toHaveBeenCalled();
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});
