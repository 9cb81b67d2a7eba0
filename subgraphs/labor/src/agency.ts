import { agencyMain, defineAgency } from '@gnbv/kit';
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
});
