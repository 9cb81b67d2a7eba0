import { clientError, ErrorCode } from './core/errors';
import { COUNTRY, nationalScope, unitInScope, type Principal } from './core/principal';

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
