export * from './budget.module';
export * from './budget.rules';
