import { agencyMain, defineAgency, type AgencyDemoData } from '@gnbv/kit';
import { laborDemo } from './data/demo';
import { laborSeed } from './data/seed';
import { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
import { laborDataSource } from './data-source';
import { buildLaborSchema } from './schema';
import { createServer } from './server';

/** The labor agency, as ops composes, migrates and starts it (listed in ops/src/agencies.ts). */
export const definition = defineAgency({
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  buildSchema: buildLaborSchema,
  dataSource: laborDataSource,
  loadConfig,
  createServer,
  main: agencyMain(__dirname),
  // Its share of the demo data set and its part in the national-size seed (src/data/).
  demo: laborDemo as AgencyDemoData<never>,
  seed: laborSeed,
});
