export { CommunicationProduct, CommunicationProductKind } from './communication-product/communication-product.entity';
export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { cultureInformationDataSource, entities, migrations } from './data-source';
export { InformationSupport, InformationSupportKind } from './information-support/information-support.entity';
export { buildCultureInformationSchema } from './schema';
export { createServer } from './server';
