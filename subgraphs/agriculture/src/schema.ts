import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import type { AgricultureContext } from './context';
import { permissions } from './permissions';
import {
  AdminUnitProductionProjectsResolver,
  HouseholdProductionProjectsResolver,
  ProductionProjectParticipantResolver,
  ProductionProjectResolver,
} from './production-project/production-project.resolver';
import { agricultureBudget, agricultureSupports } from './programme/programme';
import { AdminUnitRef, HouseholdRef } from './refs';
import { agricultureCoverage } from './report/coverage';

/** The agriculture subgraph's schema; needs no database, so composition can call it too. */
export function buildAgricultureSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<AgricultureContext>({
    resolvers: [
      ...agricultureSupports.resolvers,
      ...agricultureBudget.resolvers,
      ProductionProjectResolver,
      ProductionProjectParticipantResolver,
      HouseholdProductionProjectsResolver,
      AdminUnitProductionProjectsResolver,
      ...agricultureCoverage.resolvers,
    ],
    // Reached only through `_entities`, so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef, agricultureCoverage.CoverageReport],
    referenceResolvers: { CoverageReport: agricultureCoverage.resolveReference },
    permissions,
  });
}
