export { CommunicationProduct, CommunicationProductKind } from './communication-product/communication-product.entity';
export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { cultureInformationDataSource, entities, migrations } from './data-source';
export { CULTURE_INFORMATION_PROJECTS } from './projects/projects';
export { buildCultureInformationSchema } from './schema';
export { createServer } from './server';
export { definition } from './agency';
