import { agencyMain, defineAgency, type AgencyDemoData } from '@gnbv/kit';
import { socialPolicyBankDemo } from './data/demo';
import { socialPolicyBankSeed } from './data/seed';
import { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
import { socialPolicyBankDataSource } from './data-source';
import { buildSocialPolicyBankSchema } from './schema';
import { createServer } from './server';

/** The Social Policy Bank agency, as ops composes, migrates and starts it (listed in ops/src/agencies.ts). */
export const definition = defineAgency({
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  buildSchema: buildSocialPolicyBankSchema,
  dataSource: socialPolicyBankDataSource,
  loadConfig,
  createServer,
  main: agencyMain(__dirname),
  // Its share of the demo data set and its part in the national-size seed (src/data/).
  demo: socialPolicyBankDemo as AgencyDemoData<never>,
  seed: socialPolicyBankSeed,
});
