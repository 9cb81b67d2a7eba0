export * from './coverage';
export * from './household-set';
