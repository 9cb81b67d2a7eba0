import { createDataSource, programEntities, type DatabaseConfig } from '@gnbv/kit';
import { ProductionSupport1763780100000 } from './migrations/1763780100000-ProductionSupport';
import {
  AgricultureAuditTrail1763900000000,
  AgricultureIdempotency1763900000001,
  ProjectThree1763900000002,
} from './migrations/1763900000000-ProjectThree';
import { ProductionProject, ProductionProjectParticipant } from './production-project/production-project.entity';

export const entities = [...programEntities, ProductionProject, ProductionProjectParticipant];
export const migrations = [
  ProductionSupport1763780100000,
  AgricultureAuditTrail1763900000000,
  AgricultureIdempotency1763900000001,
  ProjectThree1763900000002,
];

/** The agriculture database (not yet connected). */
export function agricultureDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
