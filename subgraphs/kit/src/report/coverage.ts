import 'reflect-metadata';
import DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badInput, type Principal } from '@gnbv/platform';
import { analyst, anyOf, can, officer, type PermissionTable } from '../permissions';
import { scopeParam, scopeSqlRaw } from '../scope';
import type { SubgraphContext } from '../subgraph';
import { assertAdminCode } from '../validate';
import { cachedReport, idListsBytes } from './cache';
import { encodeHouseholdSet } from './household-set';

/*
 * The coverage report (issue 7): labor owns `CoverageReport @key(fields: "unitCode year")` and
 * computes the figures; each other agency adds one @inaccessible field, the households it reached
 * in the unit that year as a household set, which labor @requires. This module gives an agency
 * that field, its reference resolver, its batched loader and its permission rule.
 */

/** The key of a coverage report: a unit (province or commune code) and a review year. */
export interface CoverageKey {
  unitCode: string;
  year: number;
}

/** Who reads coverage figures: officers and analysts; the household sets that feed them have the same readers. */
export const coverageReader = anyOf(officer(), analyst);

/** Checks a report year argument: a whole year the programme's reviews can have. */
export function assertReportYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput(field, 'must be a review year between 2000 and 2100');
  return year;
}

/** The key from an entity representation sent by the gateway, checked like arguments. */
export function coverageKeyOf(reference: Record<string, unknown>): CoverageKey {
  const { unitCode, year } = reference;
  if (typeof unitCode !== 'string') throw badInput('unitCode', 'must be an administrative unit code');
  if (typeof year !== 'number') throw badInput('year', 'must be a review year');
  return { unitCode: assertAdminCode('unitCode', unitCode), year: assertReportYear('year', year) };
}

const keyString = (k: CoverageKey) => `${k.unitCode}|${k.year}`;

/**
 * A list's encoding, remembered for as long as the list lives: a list the report cache keeps is
 * encoded once, not on every request that reads it (encoding sorts and converts every id).
 */
const encodings = new WeakMap<readonly string[], string>();
function encodedSet(ids: readonly string[]): string {
  let text = encodings.get(ids);
  if (text === undefined) encodings.set(ids, (text = encodeHouseholdSet(ids)));
  return text;
}

/** The loader every contributing agency puts at `ctx.loaders.coverageSet`: one encoded set per report key. */
export type CoverageSetLoader = DataLoader<CoverageKey, string, string>;

/**
 * Batches household-set reads: `load` gets every report key of a request at once (one SQL
 * statement) and returns the household ids per key string (`unitCode|year`); absent = none.
 */
export function coverageSetLoader(
  load: (keys: readonly CoverageKey[]) => Promise<Map<string, readonly string[]>>,
): CoverageSetLoader {
  return new DataLoader<CoverageKey, string, string>(
    async (keys) => {
      const sets = await load(keys);
      return keys.map((k) => encodedSet(sets.get(keyString(k)) ?? []));
    },
    { cacheKeyFn: keyString },
  );
}

/** `commune_code` for a commune's code, `province_code` for a province's: the index each uses. */
const unitMatch = (alias: string) =>
  `((length(u.code) = 5 AND ${alias}.commune_code = u.code) OR (length(u.code) = 2 AND ${alias}.province_code = u.code))`;

/**
 * Runs a set query shaped `SELECT u.code, u.year, <uuid[]> AS ids FROM unnest($1, $2) AS u(code, year) ...`,
 * through the report cache: the key is the statement, the keys and the parameters (the
 * reader's scope among them).
 */
export function householdSetsByKey(
  db: DataSource,
  sql: string,
  keys: readonly CoverageKey[],
  params: unknown[],
): Promise<Map<string, string[]>> {
  const codes = keys.map((k) => k.unitCode);
  const years = keys.map((k) => k.year);
  return cachedReport(
    db,
    `household-sets|${JSON.stringify([sql, codes, years, params])}`,
    async () => {
      const rows: Array<{ code: string; year: number; ids: string[] }> = await db.query(sql, [codes, years, ...params]);
      return new Map(rows.map((r) => [`${r.code}|${r.year}`, r.ids]));
    },
    idListsBytes,
  );
}

/**
 * Households with a DELIVERED or VERIFIED support of `project` paid from programme year Y, in
 * unit U (as the support recorded it), within the reader's scope: from the agency's `support`
 * table, for every (U, Y) of the batch in one statement.
 */
export function supportHouseholdSets(db: DataSource, principal: Principal, project: number) {
  if (!Number.isInteger(project) || project < 1 || project > 7) throw new RangeError(`project must be 1-7, got ${project}`);
  const inScope = scopeSqlRaw(principal, 's.commune_code', 's.province_code', 3);
  return (keys: readonly CoverageKey[]) =>
    householdSetsByKey(
      db,
      `SELECT u.code, u.year, array_agg(DISTINCT s.household_id) AS ids
         FROM unnest($1::text[], $2::int[]) AS u(code, year)
         JOIN support s ON ${unitMatch('s')} AND s.program_year = u.year
        WHERE s.project = $4 AND s.status IN ('DELIVERED', 'VERIFIED') AND ${inScope}
        GROUP BY u.code, u.year`,
      keys,
      [scopeParam(principal), project],
    );
}

/** What a contribution's field resolver needs of the request context. */
export type CoverageContext = SubgraphContext<{ coverageSet: CoverageSetLoader }>;

export interface CoverageContributionOptions {
  /** The field's name on CoverageReport, e.g. `productionHouseholds`. */
  field: string;
  /** What the set holds, for the SDL. */
  description: string;
}

/**
 * An agency's contribution to labor's CoverageReport: the entity stub (its key), the
 * @inaccessible household-set field read through `ctx.loaders.coverageSet`, the reference
 * resolver (checks the key) and the permission rules. A fresh class per subgraph (see refs.ts).
 */
export function defineCoverageContribution(options: CoverageContributionOptions) {
  @Directive('@key(fields: "unitCode year")')
  @ObjectType('CoverageReport')
  class CoverageReportStub implements CoverageKey {
    @Field()
    unitCode!: string;

    @Field(() => Int)
    year!: number;
  }

  @Resolver(() => CoverageReportStub)
  class CoverageSetResolver {
    @Directive('@inaccessible')
    @FieldResolver(() => String, { name: options.field, nullable: true, description: options.description })
    set(@Root() report: CoverageReportStub, @Ctx() ctx: CoverageContext): Promise<string> {
      return ctx.loaders.coverageSet.load({ unitCode: report.unitCode, year: report.year });
    }
  }

  const permissions: PermissionTable = {
    CoverageReport: {
      unitCode: can(coverageReader),
      year: can(coverageReader),
      [options.field]: can(coverageReader),
    },
  };

  return {
    CoverageReport: CoverageReportStub,
    resolvers: [CoverageSetResolver] as const,
    /** `__resolveReference` for CoverageReport: the checked key. */
    resolveReference: (reference: Record<string, unknown>): CoverageKey => coverageKeyOf(reference),
    permissions,
  };
}
