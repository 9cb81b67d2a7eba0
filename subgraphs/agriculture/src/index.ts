export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { agricultureDataSource, entities, migrations } from './data-source';
export { ProductionSupport, ProductionSupportKind, SupportSubProject } from './production-support/production-support.entity';
export { buildAgricultureSchema } from './schema';
export { createServer } from './server';
