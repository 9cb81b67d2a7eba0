import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { CommunicationProduct } from './communication-product/communication-product.entity';
import { InformationSupport } from './information-support/information-support.entity';
import { InformationAccess1763780200000 } from './migrations/1763780200000-InformationAccess';

export const entities = [InformationSupport, CommunicationProduct];
export const migrations = [InformationAccess1763780200000];

/** The culture-information database (not yet connected). */
export function cultureInformationDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
