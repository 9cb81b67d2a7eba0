export * from './apollo';
export * from './config';
export * from './errors';
export * from './http';
export * from './logger';
export * from './run';
