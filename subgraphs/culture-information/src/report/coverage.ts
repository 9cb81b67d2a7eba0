import type { DataSource } from 'typeorm';
import { coverageSetLoader, defineCoverageContribution, supportHouseholdSets } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';

/*
 * Culture-information's part of labor's coverage report: the households Project 6 reached in the
 * unit in the year (a support of programme year Y delivered or verified), as a household set
 * that labor @requires (also for targeting against indicators 11 and 12). Never shown to clients.
 */

/** The project whose supports count as culture-information's reach. */
export const COVERAGE_PROJECT = 6;

export const cultureInformationCoverage = defineCoverageContribution({
  field: 'informationHouseholds',
  description:
    'Households with a delivered or verified Project 6 support of programme year `year` in the unit, within your scope (a household set, for labor).',
});

/** One statement per request for every report asked. */
export const coverageLoaders = (db: DataSource, principal: Principal) => ({
  coverageSet: coverageSetLoader(supportHouseholdSets(db, principal, COVERAGE_PROJECT)),
});
