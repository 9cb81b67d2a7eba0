import type { DataSource } from 'typeorm';
import { budgetLoaders, supportLoaders, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { adminUnitLoaders } from './admin-unit/admin-unit.loader';
import { householdLoaders } from './household/household.loader';
import { inspectionLoaders } from './inspection/inspection.loader';
import { povertyStandardLoaders } from './poverty-standard/poverty-standard.loader';
import { coverageReportLoaders } from './report/coverage-report.loader';
import { povertyReportLoaders } from './report/poverty-report.loader';
import { reviewLoaders } from './review/review.loader';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    ...adminUnitLoaders(db),
    ...householdLoaders(db, principal),
    ...reviewLoaders(db),
    ...povertyStandardLoaders(db),
    ...inspectionLoaders(db, principal),
    ...povertyReportLoaders(db, principal),
    ...coverageReportLoaders(db, principal),
    support: supportLoaders(db, principal),
    budget: budgetLoaders(db, principal),
  };
}

export type LaborLoaders = ReturnType<typeof createLoaders>;
export type LaborContext = SubgraphContext<LaborLoaders>;
