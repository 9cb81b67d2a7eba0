export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { agricultureDataSource, entities, migrations } from './data-source';
export { ProductionModel, ProductionProject, ProductionProjectParticipant } from './production-project/production-project.entity';
export { subProjectOfModel } from './production-project/production-project.rules';
export { AGRICULTURE_PROJECTS } from './programme/programme';
export { buildAgricultureSchema } from './schema';
export { createServer } from './server';
export { agricultureDemo, type AgricultureDemoRows } from './data/demo';
export { MODELS, modelItem, type ModelSpec } from './data/models';
export { agricultureSeed } from './data/seed';
export { agricultureSupports, type ProductionPlan } from './data/supports';
export {
  PRODUCTION_PARTICIPANT_TABLE,
  PRODUCTION_PROJECT_TABLE,
  SEEDED_MODELS,
  type ParticipantRow,
  type ProductionProjectRow,
  type SeededModel,
} from './data/tables';
export { communeProductionPlans } from './data/generate';
export { demoProductionPlan } from './data/demo-generate';
export { definition } from './agency';
