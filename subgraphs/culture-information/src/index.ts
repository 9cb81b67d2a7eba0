export { CommunicationProduct, CommunicationProductKind } from './communication-product/communication-product.entity';
export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { cultureInformationDataSource, entities, migrations } from './data-source';
export { CULTURE_INFORMATION_PROJECTS } from './projects/projects';
export { buildCultureInformationSchema } from './schema';
export { createServer } from './server';
export { cultureInformationDemo, type CultureInformationDemoRows } from './data/demo';
export {
  COMMUNICATION_SUB_PROJECT,
  COMMUNICATION_TITLES,
  communicationDetails,
  INFORMATION_SUB_PROJECT,
  subProjectOfProduct,
} from './data/products';
export { cultureInformationSeed } from './data/seed';
export { cultureInformationSupports } from './data/supports';
export { COMMUNICATION_PRODUCT_TABLE, type CommunicationKind, type CommunicationProductRow } from './data/tables';
export { communeProducts } from './data/generate';
export { demoProduct } from './data/demo-generate';
export { definition } from './agency';
