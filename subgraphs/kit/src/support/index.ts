export * from './support.loaders';
export * from './support.module';
export * from './support.rules';
