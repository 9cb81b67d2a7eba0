import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { AdminUnitResolver, resolveAdminUnitReference } from './admin-unit/admin-unit.resolver';
import type { LaborContext } from './context';
import { HouseholdResolver, resolveHouseholdReference } from './household/household.resolver';

/** The labor subgraph's schema; needs no database, so composition can call it too. */
export function buildLaborSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<LaborContext>({
    resolvers: [AdminUnitResolver, HouseholdResolver],
    referenceResolvers: { Household: resolveHouseholdReference, AdminUnit: resolveAdminUnitReference },
  });
}
