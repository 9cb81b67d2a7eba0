import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns rows of a raw query (`SELECT t.* ...`) into entity-shaped objects: column names mapped
 * to properties and column transformers applied, as TypeORM does for its own queries. For the
 * few reads a query builder cannot say (LATERAL joins for per-unit pages).
 */
export function fromRawRows<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  rows: Array<Record<string, unknown>>,
): T[] {
  const columns = db.getMetadata(entity).columns.map((c) => {
    const transformer = c.transformer && !Array.isArray(c.transformer) ? c.transformer : undefined;
    return {
      property: c.propertyName,
      column: c.databaseName,
      from: transformer ? (v: unknown) => transformer.from(v) : undefined,
    };
  });
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      const value = raw[c.column];
      row[c.property] = c.from ? c.from(value) : value;
    }
    return row as T;
  });
}
