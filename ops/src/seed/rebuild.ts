import type pg from 'pg';

/*
 * "Populating a Database" in the PostgreSQL manual: into an empty table, load first and build
 * the indexes and foreign keys after. One sort per index and one join per foreign key cost
 * less than maintaining every index and firing a foreign-key trigger row by row. Measured on 2
 * vCPUs, labor's three tables (18 indexes, 7 foreign keys): at 100,000 households the server
 * spent about 2.5 s copying and 3.5-4 s rebuilding, against 9-10 s copying with all of them in
 * place (8.5 s with only the foreign keys dropped); at 1,000,000 the seed took 72-87 s against
 * 102 s with only the foreign keys dropped, whose indexes no longer fit in memory.
 *
 * Everything here runs inside the caller's open transaction, on the tables it has locked: the
 * DROPs and the CREATEs commit together with the rows or roll back with them. A failure, a
 * Ctrl-C, a killed process or a lost connection therefore leaves the schema exactly as it was;
 * there is nothing to record and restore. The price: other sessions wait for these tables
 * until the load commits (the seed only fills empty databases, so nobody reads them yet).
 *
 * What is dropped is read from the catalog, never listed here, so the code follows the
 * migrations: the foreign keys from or to the tables, their primary keys and unique or
 * exclusion constraints, and their other indexes, each recreated from its own definition
 * (pg_get_constraintdef, pg_get_indexdef) with its comment. Left alone, because their DROP
 * would lose something those definitions do not carry: the clustering index, a replica
 * identity index, indexes with per-column statistics targets, invalid indexes. After the
 * rebuild the catalog is read again and must match what was dropped, or the load fails (and
 * so rolls back).
 */

/** An index or constraint taken off for the load, and how to put it back. */
export interface Deferred {
  kind: 'foreign key' | 'constraint' | 'index';
  table: string;
  name: string;
  /** The index's name as the search path resolves it (qualified if needed); the constraint's name. */
  qualified: string;
  /** The statement that recreates it. */
  create: string;
  drop: string;
  comment: string | null;
  /** What the catalog says of it: compared after the rebuild. */
  definition: string;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface CatalogRow {
  kind: Deferred['kind'];
  table_name: string;
  name: string;
  qualified: string;
  definition: string;
  comment: string | null;
}

/** Foreign keys from or to `tables`, then their indexes (constraint-backed or not), in creation order. */
const CATALOG_SQL = `
  WITH t AS (
    SELECT c.oid FROM unnest($1::text[]) AS n(name) JOIN pg_class c ON c.oid = to_regclass(n.name) WHERE c.relkind = 'r'
  )
  SELECT 'foreign key' AS kind, con.conrelid::regclass::text AS table_name, con.conname AS name,
         con.conname AS qualified, pg_get_constraintdef(con.oid) AS definition,
         obj_description(con.oid, 'pg_constraint') AS comment, 3 AS step
    FROM pg_constraint con
   WHERE con.contype = 'f' AND con.conparentid = 0
     AND (con.conrelid IN (SELECT oid FROM t) OR con.confrelid IN (SELECT oid FROM t))
  UNION ALL
  SELECT CASE WHEN con.oid IS NULL THEN 'index' ELSE 'constraint' END,
         i.indrelid::regclass::text, coalesce(con.conname, ic.relname),
         CASE WHEN con.oid IS NULL THEN i.indexrelid::regclass::text ELSE con.conname END,
         coalesce(pg_get_constraintdef(con.oid), pg_get_indexdef(i.indexrelid)),
         coalesce(obj_description(con.oid, 'pg_constraint'), obj_description(i.indexrelid, 'pg_class')),
         CASE WHEN con.oid IS NULL THEN 2 ELSE 1 END
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
   WHERE i.indrelid IN (SELECT oid FROM t)
     AND i.indisvalid AND i.indisready AND i.indislive AND NOT i.indisclustered AND NOT i.indisreplident
     AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0)
   ORDER BY step, table_name, name`;

async function readCatalog(client: pg.Client, tables: readonly string[]): Promise<Deferred[]> {
  const { rows } = await client.query<CatalogRow>(CATALOG_SQL, [tables]);
  return rows.map((r) => {
    const table = r.table_name;
    const constraint = r.kind !== 'index';
    return {
      kind: r.kind,
      table,
      name: r.name,
      qualified: r.qualified,
      definition: r.definition,
      comment: r.comment,
      create: constraint ? `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(r.name)} ${r.definition}` : r.definition,
      drop: constraint ? `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(r.name)}` : `DROP INDEX ${r.qualified}`,
    };
  });
}

const key = (d: Deferred) => `${d.kind} ${d.table}.${d.name}: ${d.definition}${d.comment === null ? '' : ` -- ${d.comment}`}`;

/** What `dropIndexesAndKeys` dropped, in the order `rebuild` recreates it, and the catalog it found. */
export interface Dropped {
  tables: readonly string[];
  deferred: Deferred[];
  catalog: string[];
}

/**
 * Drops the foreign keys, constraints and indexes of `tables` (see above) in the caller's
 * transaction.
 */
export async function dropIndexesAndKeys(client: pg.Client, tables: readonly string[]): Promise<Dropped> {
  const deferred = await readCatalog(client, tables);
  const dropped = new Set<Deferred>();
  // Foreign keys first: they depend on the referenced side's unique index. Something else may
  // depend on an index or constraint (a view on a primary key's functional dependency): then
  // its DROP fails, and it stays, maintained row by row (the savepoint keeps the transaction).
  for (const d of [...deferred].reverse()) {
    await client.query('SAVEPOINT seed_drop');
    try {
      await client.query(d.drop);
      dropped.add(d);
      await client.query('RELEASE SAVEPOINT seed_drop');
    } catch (error) {
      if ((error as { code?: string }).code !== '2BP01') throw error; // dependent_objects_still_exist
      await client.query('ROLLBACK TO SAVEPOINT seed_drop');
    }
  }
  return { tables, deferred: deferred.filter((d) => dropped.has(d)), catalog: deferred.map(key).sort() };
}

/**
 * Recreates what `dropIndexesAndKeys` dropped, primary keys and unique constraints first (the
 * foreign keys need them), then checks the catalog holds the same definitions again.
 * `onStep` hears each one before it is built.
 */
export async function rebuild(
  client: pg.Client,
  dropped: Dropped,
  onStep: (d: Deferred) => void = () => undefined,
): Promise<void> {
  for (const d of dropped.deferred) {
    onStep(d);
    await client.query(d.create);
    if (d.comment !== null) {
      const target = d.kind === 'index' ? `INDEX ${d.qualified}` : `CONSTRAINT ${quoteIdent(d.name)} ON ${d.table}`;
      await client.query(`COMMENT ON ${target} IS ${quoteLiteral(d.comment)}`);
    }
  }
  const before = dropped.catalog;
  const after = (await readCatalog(client, dropped.tables)).map(key).sort();
  const missing = before.filter((k) => !after.includes(k));
  const extra = after.filter((k) => !before.includes(k));
  if (missing.length || extra.length) {
    throw new Error(
      `the rebuilt indexes and keys differ from the ones dropped (rolled back): missing ${missing.join('; ') || 'none'}, new ${extra.join('; ') || 'none'}`,
    );
  }
}
