/*
 * The tables the seed and the demo fill: each column's name and how to read its value from a
 * generated row. Each agency declares its own tables (its package's `data/` folder), the kit the
 * programme's shared ones; ops turns rows into COPY text (and the INSERT of the PGlite fallback)
 * from these specs, so a column added to a spec is all a new migration column needs.
 */

type Scalar = string | number | boolean | null;

export interface Column<R> {
  name: string;
  /** An array column (smallint[] or text[]): the value is the list of its elements. */
  list?: { element: 'smallint' | 'text' };
  value: (row: R) => Scalar | readonly Scalar[];
}

export interface TableSpec<R> {
  table: string;
  columns: readonly Column<R>[];
}

/** An entity's row as generated: without the timestamps the database fills. */
export type Row<T> = Omit<T, 'createdAt' | 'updatedAt'>;
