import type { DataSource } from 'typeorm';
import {
  coverageSetLoader,
  defineCoverageContribution,
  householdSetsByKey,
  scopeParam,
  scopeSqlRaw,
  type CoverageKey,
} from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { owedDuringYearSql } from './borrowing.rules';

/*
 * The bank's part of labor's coverage report: the households owing on a loan at some time during
 * the year (borrowing.rules.ts), of loans made in the unit (the lending commune), within the
 * reader's scope, as a household set that labor @requires. Never shown to clients.
 */

export const bankCoverage = defineCoverageContribution({
  field: 'borrowingHouseholds',
  description:
    'Households owing on a loan made in the unit at some time during `year`, within your scope (a household set, for labor).',
});

const UNIT_MATCH = `((length(u.code) = 5 AND l.commune_code = u.code) OR (length(u.code) = 2 AND l.province_code = u.code))`;

/** Borrowing households per report key, every key of the batch in one statement. */
export function borrowingHouseholdSets(db: DataSource, principal: Principal) {
  const inScope = scopeSqlRaw(principal, 'l.commune_code', 'l.province_code', 3);
  return (keys: readonly CoverageKey[]) =>
    householdSetsByKey(
      db,
      `SELECT u.code, u.year, array_agg(DISTINCT l.household_id) AS ids
         FROM unnest($1::text[], $2::int[]) AS u(code, year)
         JOIN loan l ON ${UNIT_MATCH}
        WHERE ${owedDuringYearSql('u.year')} AND ${inScope}
        GROUP BY u.code, u.year`,
      keys,
      [scopeParam(principal)],
    );
}

/** One statement per request for every report asked. */
export const coverageLoaders = (db: DataSource, principal: Principal) => ({
  coverageSet: coverageSetLoader(borrowingHouseholdSets(db, principal)),
});
