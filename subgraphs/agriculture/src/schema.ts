import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from './refs';
import type { AgricultureContext } from './context';
import {
  AdminUnitSupportResolver,
  HouseholdSupportResolver,
  ProductionSupportResolver,
} from './production-support/production-support.resolver';
import { permissions } from './permissions';

/** The agriculture subgraph's schema; needs no database, so composition can call it too. */
export function buildAgricultureSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<AgricultureContext>({
    resolvers: [ProductionSupportResolver, HouseholdSupportResolver, AdminUnitSupportResolver],
    // Reached only through `_entities`, so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef],
    permissions,
  });
}
