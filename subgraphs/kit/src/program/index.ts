export * from './catalogue';
export * from './program.entity';
export * from './program.migration';
export * from './category-period';
export * from './raw-rows';
