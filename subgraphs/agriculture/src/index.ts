export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { agricultureDataSource, entities, migrations } from './data-source';
export { ProductionModel, ProductionProject, ProductionProjectParticipant } from './production-project/production-project.entity';
export { subProjectOfModel } from './production-project/production-project.rules';
export { AGRICULTURE_PROJECTS } from './programme/programme';
export { buildAgricultureSchema } from './schema';
export { createServer } from './server';
export { definition } from './agency';
