import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import {
  AdminUnitCommunicationResolver,
  CommunicationProductResolver,
} from './communication-product/communication-product.resolver';
import type { CultureContext } from './context';
import { permissions } from './permissions';
import { cultureInformationBudget, informationSupports } from './projects/projects';
import { AdminUnitRef, HouseholdRef } from './refs';
import { cultureInformationCoverage } from './report/coverage';

/** The culture-information subgraph's schema; needs no database, so composition can call it too. */
export function buildCultureInformationSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<CultureContext>({
    resolvers: [
      CommunicationProductResolver,
      AdminUnitCommunicationResolver,
      ...informationSupports.resolvers,
      ...cultureInformationBudget.resolvers,
      ...cultureInformationCoverage.resolvers,
    ],
    // Reached only through `_entities`, so type-graphql must be told to emit them.
    orphanedTypes: [HouseholdRef, AdminUnitRef, cultureInformationCoverage.CoverageReport],
    referenceResolvers: { CoverageReport: cultureInformationCoverage.resolveReference },
    permissions,
  });
}
