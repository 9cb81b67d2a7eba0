import { agencyMain, defineAgency, type AgencyDemoData } from '@gnbv/kit';
import { cultureInformationDemo } from './data/demo';
import { cultureInformationSeed } from './data/seed';
import { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
import { cultureInformationDataSource } from './data-source';
import { buildCultureInformationSchema } from './schema';
import { createServer } from './server';

/** The culture and information agency, as ops composes, migrates and starts it (listed in ops/src/agencies.ts). */
export const definition = defineAgency({
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  buildSchema: buildCultureInformationSchema,
  dataSource: cultureInformationDataSource,
  loadConfig,
  createServer,
  main: agencyMain(__dirname),
  // Its share of the demo data set and its part in the national-size seed (src/data/).
  demo: cultureInformationDemo as AgencyDemoData<never>,
  seed: cultureInformationSeed,
});
