import { agencyMain, defineAgency, type AgencyDemoData } from '@gnbv/kit';
import { agricultureDemo } from './data/demo';
import { agricultureSeed } from './data/seed';
import { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
import { agricultureDataSource } from './data-source';
import { buildAgricultureSchema } from './schema';
import { createServer } from './server';

/** The agriculture agency, as ops composes, migrates and starts it (listed in ops/src/agencies.ts). */
export const definition = defineAgency({
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  buildSchema: buildAgricultureSchema,
  dataSource: agricultureDataSource,
  loadConfig,
  createServer,
  main: agencyMain(__dirname),
  // Its share of the demo data set and its part in the national-size seed (src/data/).
  demo: agricultureDemo as AgencyDemoData<never>,
  seed: agricultureSeed,
});
