import { agencyMain, defineAgency } from '@gnbv/kit';
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
});
