import 'reflect-metadata';

export * from './audit';
export * from './core';
export * from './db';
export * from './embedded';
export * from './idempotency';
export * from './loaders';
export * from './pagination';
export * from './permissions';
export * from './refs';
export * from './scalars';
export * from './schema';
export * from './scope';
export * from './subgraph';
export * from './subgraph-config';
export * from './validate';
