import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from './refs';
import {
  AdminUnitCommunicationResolver,
  CommunicationProductResolver,
} from './communication-product/communication-product.resolver';
import type { CultureContext } from './context';
import { HouseholdInformationResolver, InformationSupportResolver } from './information-support/information-support.resolver';
import { InformationSupport } from './information-support/information-support.entity';
import { permissions } from './permissions';

/** The culture-information subgraph's schema; needs no database, so composition can call it too. */
export function buildCultureInformationSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<CultureContext>({
    resolvers: [
      CommunicationProductResolver,
      AdminUnitCommunicationResolver,
      InformationSupportResolver,
      HouseholdInformationResolver,
    ],
    // Reached only through `_entities`, so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef, InformationSupport],
    permissions,
  });
}
