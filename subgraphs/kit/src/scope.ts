import type DataLoader from 'dataloader';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, OrderByCondition, SelectQueryBuilder } from 'typeorm';
import { clientError, ErrorCode, COUNTRY, nationalScope, unitInScope, type Principal } from '@gnbv/platform';
import { manyByKey } from './loaders';

/*
 * Row scope: every list a subgraph returns is filtered in SQL to the principal's administrative
 * units, and single reads outside them answer like "not found". These helpers build the SQL.
 */

/**
 * A WHERE fragment (TypeORM named parameter `:scopeCodes`) that keeps rows whose commune, or
 * whose commune's province, is in scope. `provinceExpr` is the row's province: a column, or a
 * subquery when the table only records the commune. `TRUE` for a national scope.
 */
export function scopeWhere(
  principal: Principal,
  communeColumn: string,
  provinceExpr: string,
): { sql: string; params: { scopeCodes: string[] } } {
  if (nationalScope(principal)) return { sql: 'TRUE', params: { scopeCodes: [] } };
  return {
    sql: `(${communeColumn} = ANY(:scopeCodes) OR ${provinceExpr} = ANY(:scopeCodes))`,
    params: { scopeCodes: principal.scope },
  };
}

/**
 * The same filter for raw SQL: `$n` is the scope array parameter; always pass `scopeParam(principal)`
 * there (the fragment uses it for every scope, so the parameter count never changes).
 */
export function scopeSqlRaw(principal: Principal, communeColumn: string, provinceExpr: string, n: number): string {
  if (nationalScope(principal)) return `('${COUNTRY}' = ANY($${n}::text[]))`;
  return `(${communeColumn} = ANY($${n}::text[]) OR ${provinceExpr} = ANY($${n}::text[]))`;
}

export const scopeParam = (principal: Principal): string[] => principal.scope;

/**
 * A query builder over `entity` as `alias`, already kept to the rows in the principal's scope; for
 * tables that record both `commune_code` and `province_code`. Add conditions with `andWhere`.
 */
export function scopedRows<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  const scope = scopeWhere(principal, `${alias}.commune_code`, `${alias}.province_code`);
  return db.getRepository(entity).createQueryBuilder(alias).where(scope.sql, scope.params);
}

/** Batches the in-scope rows of each household (`household_id`) of such a table, in `order`. */
export function rowsByHousehold<T extends { householdId: string }>(
  db: DataSource,
  entity: EntityTarget<T>,
  alias: string,
  principal: Principal,
  order: OrderByCondition,
): DataLoader<string, T[]> {
  return manyByKey(
    (ids: readonly string[]) =>
      scopedRows(db, entity, alias, principal)
        .andWhere(`${alias}.household_id IN (:...ids)`, { ids: [...ids] })
        .orderBy(order)
        .getMany(),
    (row) => row.householdId,
  );
}

/**
 * Per-unit aggregates over the in-scope rows of such a table, in one query: `select` (aggregates
 * with their aliases) is computed once per commune and once per province of `codes`, and each
 * result row carries its unit as `code`. A unit with no rows has no result row. `where` adds a
 * condition (its parameters, `params`, are numbered from $3); `groupBy` breaks each unit down.
 */
export async function summariesByUnit<R extends object>(
  db: DataSource,
  options: {
    table: string;
    select: string;
    principal: Principal;
    codes: readonly string[];
    where?: string;
    params?: unknown[];
    groupBy?: string;
  },
): Promise<Array<R & { code: string }>> {
  const { table, select, principal } = options;
  const inScope = scopeSqlRaw(principal, 'commune_code', 'province_code', 2);
  const where = options.where ? ` AND (${options.where})` : '';
  const groupBy = options.groupBy ? `, ${options.groupBy}` : '';
  return db.query(
    `SELECT commune_code AS code, ${select} FROM ${table} WHERE commune_code = ANY($1) AND ${inScope}${where} GROUP BY commune_code${groupBy}
     UNION ALL
     SELECT province_code AS code, ${select} FROM ${table} WHERE province_code = ANY($1) AND ${inScope}${where} GROUP BY province_code${groupBy}`,
    [[...options.codes], scopeParam(principal), ...(options.params ?? [])],
  );
}

/**
 * Refuses a filter argument that names a unit wholly outside the scope. Where an overlap cannot
 * be ruled out here (a province that may hold a scoped commune; a commune whose province the
 * caller does not know, `provinceOf === undefined`), the rows are filtered instead.
 */
export function assertUnitArgInScope(
  principal: Principal,
  argument: string,
  code: string,
  provinceOf?: string | null,
  /** For a province: whether a commune of the scope lies in it, when the caller knows. */
  overlapsScope?: boolean,
): void {
  if (unitInScope(principal, code, provinceOf)) return;
  const scopeHas = (length: number) => principal.scope.some((s) => s.length === length);
  const mayOverlap = overlapsScope ?? (code.length === 2 ? scopeHas(5) : provinceOf === undefined && scopeHas(2));
  if (!mayOverlap)
    throw clientError(ErrorCode.FORBIDDEN, `${argument}: unit ${code} is outside your scope (${principal.scope.join(', ')}).`, {
      field: argument,
    });
}

/** The one answer for a record that does not exist and for one outside the scope, so ids cannot be probed. */
export const notVisible = (what: string, argument: string) =>
  clientError(
    ErrorCode.FORBIDDEN,
    `${argument}: no ${what} with this ${argument} is visible to you. It does not exist, or it is outside your scope.`,
    { field: argument },
  );

/**
 * The row `id` of `entity`, locked FOR UPDATE inside a write's transaction, when it lies in the
 * principal's scope (`communeColumn`/`provinceColumn` of `alias`); otherwise the one answer for a
 * missing and an out-of-scope record (`notVisible(what, argument)`), so ids cannot be probed.
 */
export async function lockedInScope<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  principal: Principal,
  place: { alias: string; commune: string; province: string; what: string; argument: string },
): Promise<T> {
  const { alias } = place;
  const scope = scopeWhere(principal, `${alias}.${place.commune}`, `${alias}.${place.province}`);
  const row = await m
    .getRepository(entity)
    .createQueryBuilder(alias)
    .setLock('pessimistic_write')
    .where(`${alias}.id = :id`, { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!row) throw notVisible(place.what, place.argument);
  return row;
}
