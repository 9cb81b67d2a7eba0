import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { ProductionSupport1763780100000 } from './migrations/1763780100000-ProductionSupport';
import { ProductionSupport } from './production-support/production-support.entity';

export const entities = [ProductionSupport];
export const migrations = [ProductionSupport1763780100000];

/** The agriculture database (not yet connected). */
export function agricultureDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
