import type { DataSource } from 'typeorm';
import { coverageSetLoader, defineCoverageContribution, supportHouseholdSets } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';

/*
 * Agriculture's part of labor's coverage report: the households Project 3 reached in the unit in
 * the year (a support of programme year Y delivered or verified), as a household set that labor
 * @requires. Clients never see the set (@inaccessible); they see labor's figures.
 */

/** The project whose supports count as agriculture's reach. */
export const COVERAGE_PROJECT = 3;

export const agricultureCoverage = defineCoverageContribution({
  field: 'productionHouseholds',
  description:
    'Households with a delivered or verified Project 3 support of programme year `year` in the unit, within your scope (a household set, for labor).',
});

/** One statement per request for every report asked. */
export const coverageLoaders = (db: DataSource, principal: Principal) => ({
  coverageSet: coverageSetLoader(supportHouseholdSets(db, principal, COVERAGE_PROJECT)),
});
