export * from './coverage';
export * from './household-set';
export * from './cache';
