import { dirname, join } from 'node:path';
import * as agriculture from '@gnbv/agriculture';
import * as cultureInformation from '@gnbv/culture-information';
import type { DatabaseConfig, FederatedSchema, ServeOptions, SubgraphConfig, SubgraphServer } from '@gnbv/kit';
import * as labor from '@gnbv/labor';
import * as socialPolicyBank from '@gnbv/social-policy-bank';
import type { DataSource } from 'typeorm';

/** What ops needs to know of an agency subgraph to compose, migrate, seed and start it. */
export interface SubgraphEntry {
  name: string;
  defaultPort: number;
  buildSchema: () => Promise<FederatedSchema>;
  dataSource: (config: DatabaseConfig) => DataSource;
  loadConfig: (env: Record<string, string | undefined>) => SubgraphConfig;
  createServer: (config: SubgraphConfig, options?: ServeOptions) => Promise<SubgraphServer>;
  /** The compiled `main.js` that runs the subgraph as its own process. */
  main: string;
}

const mainOf = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'main.js');

/** Every agency subgraph, in composition order. Adding an agency adds one line here. */
export const SUBGRAPHS: readonly SubgraphEntry[] = [
  {
    name: labor.SUBGRAPH_NAME,
    defaultPort: labor.DEFAULT_PORT,
    buildSchema: labor.buildLaborSchema,
    dataSource: labor.laborDataSource,
    loadConfig: labor.loadConfig,
    createServer: labor.createServer,
    main: mainOf('@gnbv/labor'),
  },
  {
    name: agriculture.SUBGRAPH_NAME,
    defaultPort: agriculture.DEFAULT_PORT,
    buildSchema: agriculture.buildAgricultureSchema,
    dataSource: agriculture.agricultureDataSource,
    loadConfig: agriculture.loadConfig,
    createServer: agriculture.createServer,
    main: mainOf('@gnbv/agriculture'),
  },
  {
    name: cultureInformation.SUBGRAPH_NAME,
    defaultPort: cultureInformation.DEFAULT_PORT,
    buildSchema: cultureInformation.buildCultureInformationSchema,
    dataSource: cultureInformation.cultureInformationDataSource,
    loadConfig: cultureInformation.loadConfig,
    createServer: cultureInformation.createServer,
    main: mainOf('@gnbv/culture-information'),
  },
  {
    name: socialPolicyBank.SUBGRAPH_NAME,
    defaultPort: socialPolicyBank.DEFAULT_PORT,
    buildSchema: socialPolicyBank.buildSocialPolicyBankSchema,
    dataSource: socialPolicyBank.socialPolicyBankDataSource,
    loadConfig: socialPolicyBank.loadConfig,
    createServer: socialPolicyBank.createServer,
    main: mainOf('@gnbv/social-policy-bank'),
  },
];
