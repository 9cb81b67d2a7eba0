export * from './catalogue';
export * from './program.entity';
export * from './program.migration';
