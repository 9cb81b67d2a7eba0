export { compose } from './compose';
export { prepareDatabases } from './databases';
export { buildDemoDataset, DEMO_COMMUNES, DEMO_PROVINCE, type DemoDataset } from './demo/dataset';
export { SUBGRAPHS, type SubgraphEntry } from './subgraphs';
