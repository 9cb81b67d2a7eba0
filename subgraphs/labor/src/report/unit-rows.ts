/**
 * SQL of the rows of `table` (aliased `t`; it records today's `province_code` and `commune_code`)
 * in today's units $1 (a text[] of province and commune codes), read by (province_code,
 * commune_code) so an index on those serves both kinds of unit. `where` applies to every row;
 * `tail` (a GROUP BY) to each of the two parts, so the planner estimates each from the table's
 * statistics.
 * - `perUnit` false: each row once (a commune asked for inside a province asked for adds nothing);
 * - `perUnit` true: each row once per unit of $1 it is in, with that unit's code as `key`.
 */
export function unitRowsSql(select: string, table: string, where: string, perUnit: boolean, tail = ''): string {
  return `
    SELECT ${perUnit ? 't.province_code AS key, ' : ''}${select} FROM ${table} t
     WHERE t.province_code = ANY($1::text[]) AND ${where} ${tail.replace(/\bkey\b/g, 't.province_code')}
    UNION ALL
    SELECT ${perUnit ? 't.commune_code, ' : ''}${select}
      FROM admin_unit u JOIN ${table} t ON t.province_code = u.parent_code AND t.commune_code = u.code
     WHERE u.code = ANY($1::text[]) AND u.level = 'COMMUNE' AND u.valid_to IS NULL
       ${perUnit ? '' : 'AND u.parent_code <> ALL($1::text[])'} AND ${where} ${tail.replace(/\bkey\b/g, 't.commune_code')}`;
}
