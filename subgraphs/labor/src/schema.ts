import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { AdminUnitResolver, resolveAdminUnitReference } from './admin-unit/admin-unit.resolver';
import type { LaborContext } from './context';
// Loaded ahead of the household's own resolvers: type-graphql lists a type's fields in the order
// their modules load, and the committed SDL has Household.registryAttestation before commune.
import { HouseholdAttestationResolver } from './review/registry-statement';
import { AdminUnitCountsResolver, AdminUnitHouseholdsResolver } from './household/admin-unit-households.resolver';
import { HouseholdResolver, resolveHouseholdReference } from './household/household.resolver';
import {
  AdminUnitInspectionResolver,
  FollowUpActionResolver,
  InspectionFindingResolver,
  InspectionResolver,
} from './inspection/inspection.resolver';
import { MemberResolver } from './household/member.resolver';
import { permissions } from './permissions';
import { PovertyStandardResolver } from './poverty-standard/poverty-standard.resolver';
import { laborBudget, laborSupports } from './projects/projects';
import {
  AdminUnitCoverageReportResolver,
  CoverageReportResolver,
  resolveCoverageReportReference,
} from './report/coverage-report.resolver';
import { AdminUnitPovertyReportResolver } from './report/poverty-report.resolver';
import { HouseholdReviewResolver, ReviewResolver } from './review/review.resolver';

/** The labor subgraph's schema; needs no database, so composition can call it too. */
export function buildLaborSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema<LaborContext>({
    resolvers: [
      AdminUnitResolver,
      AdminUnitHouseholdsResolver,
      AdminUnitCountsResolver,
      AdminUnitPovertyReportResolver,
      AdminUnitCoverageReportResolver,
      CoverageReportResolver,
      HouseholdResolver,
      MemberResolver,
      PovertyStandardResolver,
      ReviewResolver,
      HouseholdReviewResolver,
      InspectionResolver,
      InspectionFindingResolver,
      FollowUpActionResolver,
      AdminUnitInspectionResolver,
      HouseholdAttestationResolver,
      ...laborSupports.resolvers,
      ...laborBudget.resolvers,
    ],
    referenceResolvers: {
      Household: resolveHouseholdReference,
      AdminUnit: resolveAdminUnitReference,
      CoverageReport: resolveCoverageReportReference,
    },
    permissions,
  });
}
