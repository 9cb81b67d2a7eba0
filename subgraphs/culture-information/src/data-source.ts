import { createDataSource, programEntities, type DatabaseConfig } from '@gnbv/kit';
import { CommunicationProduct } from './communication-product/communication-product.entity';
import { InformationAccess1763780200000 } from './migrations/1763780200000-InformationAccess';
import {
  CultureAuditTrail1763900000000,
  CultureIdempotency1763900000001,
  ProjectSix1763900000002,
} from './migrations/1763900000000-ProjectSix';

export const entities = [CommunicationProduct, ...programEntities];
export const migrations = [
  InformationAccess1763780200000,
  CultureAuditTrail1763900000000,
  CultureIdempotency1763900000001,
  ProjectSix1763900000002,
];

/** The culture-information database (not yet connected). */
export function cultureInformationDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
