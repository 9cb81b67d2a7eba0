import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ProjectLine } from './programme';
import type { HouseholdSupports } from './supports';
import type { TableSpec } from './table';

/*
 * What an agency tells ops about its data: the tables the national-size seed fills and the demo
 * rows `npm start` loads. Each agency implements these in its package (`src/data/`), on its own
 * entities and table specs; ops runs them without knowing any agency's columns.
 */

/** A table the database derives from the seeded ones, and how the seed fills it. */
export interface DerivedTable {
  table: string;
  /** `table trigger` pairs kept off during the load (each COPY would refresh its chunk against tables without indexes). */
  triggers: readonly string[];
  /** The statement that fills the table from everything loaded. */
  fill: string;
}

/** A table the seed fills by COPY, and the list of the generator's output its rows are in (by name). */
export interface SeededTable {
  spec: TableSpec<never>;
  /** The generator's list of these rows: one of the chunk's (per household) or the territory's lists. */
  rows: string;
  /** Its indexes and foreign keys stay in place while loading, for the reason given. */
  keepIndexes?: string;
}

/** An agency's part in `npm run seed`. */
export interface AgencySeed {
  /** The tables the seed fills, in insert order: they must exist and be empty. */
  tables: readonly string[];
  /** The tables filled per chunk of households, in load order. */
  chunkTables?: readonly SeededTable[];
  /** The tables of the territory (rows of no household), loaded before the chunks; budget lines come with `budgetLines`. */
  territoryTables?: readonly SeededTable[];
  /** Tables derived from them, filled once all rows are in, before the indexes are rebuilt. */
  derived?: readonly DerivedTable[];
  /** The project lines the agency keeps budget lines for (its `budget_line` rows). */
  budgetLines?: readonly ProjectLine[];
  /** Its plan for a household's supports, recording into `out` (the generator's rows: the agency names the lists it fills). */
  supports?: (s: HouseholdSupports, reach: number, out: never) => void;
}

/**
 * One table's demo rows: through a TypeORM entity, or through a table spec (the same columns the
 * seed's COPY writes) for tables whose entities may run ahead of the data.
 */
export type DemoTable =
  | { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }
  | {
      spec: TableSpec<never>;
      rows: readonly unknown[];
      /** What the rows need from the database before they go in (ids it made), applied inside the load's transaction. */
      resolve?: (manager: EntityManager, schema: string, rows: readonly unknown[]) => Promise<readonly unknown[]>;
    };

/** An agency's part in the demo data set: which of its rows go into which of its tables, in insert order. */
export interface AgencyDemoData<Rows> {
  /** Its share's key in the demo data set. */
  key: string;
  tables: (rows: Rows) => DemoTable[];
}

/** A demo table filled through an entity. */
export const entityTable = (target: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): DemoTable => ({ entity: target, rows });

/** A demo table filled through a table spec; `resolve` runs on the rows inside the load's transaction. */
export const specTable = <R>(
  spec: TableSpec<R>,
  rows: readonly R[],
  resolve?: (manager: EntityManager, schema: string, rows: readonly R[]) => Promise<readonly R[]>,
): DemoTable => ({ spec: spec as TableSpec<never>, rows, ...(resolve ? { resolve: resolve as never } : {}) });
