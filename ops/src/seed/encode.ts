import { BUDGET_LINE_TABLE, DISBURSEMENT_TABLE, type TableSpec } from '@gnbv/kit';
import type { HouseholdCategory } from '@gnbv/labor';
import { CopyWriter } from './copy';
import { generateHouseholds, type ChunkRows } from './generate';
import { AGENCY_DATA, PROGRAMME_AGENCIES } from './agencies';
import type { Geography, TerritoryRows } from './geography';

/** One table's rows of a chunk, as COPY text. */
export interface TableData {
  table: string;
  rows: number;
  /** UTF-8 COPY lines; a view on memory of its own, so a worker can transfer it. */
  data: Uint8Array;
}

/** A chunk ready to send (plain data: it crosses from a worker thread by structured clone). */
export interface EncodedChunk {
  index: number;
  households: number;
  categories: Record<HouseholdCategory, number>;
  /** Tables per agency (subgraph name), in load order. */
  tables: Record<string, TableData[]>;
}

interface ChunkTable {
  agency: string;
  spec: TableSpec<never>;
  rows: (chunk: ChunkRows) => readonly unknown[];
  /** Its indexes and foreign keys stay in place while loading (see rebuild.ts), for the reason given. */
  keepIndexes?: string;
}

/** A generator output's list, by the name an agency's SeededTable gives it; an unknown name fails loudly. */
function listOf<T extends object>(agency: string, name: string): (output: T) => readonly unknown[] {
  return (output) => {
    const rows = (output as Record<string, unknown>)[name];
    if (!Array.isArray(rows)) throw new Error(`${agency}: the generator has no rows named ${name}`);
    return rows;
  };
}

/** The tables a chunk fills, in load order per agency, and where their rows are in the generator's output. */
export const CHUNK_TABLES: readonly ChunkTable[] = AGENCY_DATA.flatMap((a) =>
  (a.seed.chunkTables ?? []).map((t) => ({
    agency: a.name,
    spec: t.spec,
    rows: listOf<ChunkRows>(a.name, t.rows),
    ...(t.keepIndexes === undefined ? {} : { keepIndexes: t.keepIndexes }),
  })),
);

/** A table of the territory (rows that belong to no household) and where its rows are in `geographyRows`'s output. */
interface TerritoryTable {
  agency: string;
  spec: TableSpec<never>;
  rows: (territory: TerritoryRows) => readonly unknown[];
}

/** The tables the territory fills, in load order per agency: loaded before the households' chunks. */
export const TERRITORY_TABLES: readonly TerritoryTable[] = [
  ...AGENCY_DATA.flatMap((a) =>
    (a.seed.territoryTables ?? []).map((t) => ({ agency: a.name, spec: t.spec, rows: listOf<TerritoryRows>(a.name, t.rows) })),
  ),
  ...PROGRAMME_AGENCIES.flatMap((agency) => [
    { agency, spec: BUDGET_LINE_TABLE as TableSpec<never>, rows: (t: TerritoryRows) => t.budgets[agency].lines },
    { agency, spec: DISBURSEMENT_TABLE as TableSpec<never>, rows: (t: TerritoryRows) => t.budgets[agency].disbursements },
  ]),
];

/** The spec of each table a chunk fills, by table name. */
export const CHUNK_SPECS: Record<string, TableSpec<never>> = Object.fromEntries(CHUNK_TABLES.map((t) => [t.spec.table, t.spec]));

/*
 * A chunk is generated a few hundred households at a time, each slice encoded at once: its
 * row objects die young, which the young-generation collector reclaims almost for free, where
 * a whole chunk of row objects outlives several collections and is copied by each (measured:
 * 2-3 times the generator's CPU). Only the COPY text, off the JavaScript heap, stays.
 */
const SLICE = 250;

/**
 * Bytes per household of each chunk table (by its place in CHUNK_TABLES) in the last chunk a
 * thread encoded: the next chunk's buffers start at about that size instead of doubling up to
 * it (each doubling copies, and fresh memory costs page faults).
 */
const bytesPerHousehold: number[] = CHUNK_TABLES.map(() => 0);

/** Generates chunk `index` (households [index * batch, ...)) and encodes its rows as COPY text per table. */
export function encodeChunk(geography: Geography, index: number, batch: number): EncodedChunk {
  const from = index * batch;
  const to = Math.min(geography.households, from + batch);
  const categories = { POOR: 0, NEAR_POOR: 0, NEWLY_ESCAPED: 0, NOT_POOR: 0 } as Record<HouseholdCategory, number>;
  const writers = CHUNK_TABLES.map(
    (_, i) => new CopyWriter(Math.ceil(1.05 * (to - from) * (bytesPerHousehold[i] as number)) + 4096),
  );
  for (let start = from; start < to; start += SLICE) {
    const rows = generateHouseholds(geography, start, Math.min(to, start + SLICE));
    for (const h of rows.households) categories[h.category]++;
    CHUNK_TABLES.forEach((t, i) => {
      const writer = writers[i] as CopyWriter;
      for (const row of t.rows(rows)) writer.row(t.spec, row as never);
    });
  }
  const tables: Record<string, TableData[]> = {};
  CHUNK_TABLES.forEach((t, i) => {
    const writer = writers[i] as CopyWriter;
    if (to > from) bytesPerHousehold[i] = writer.bytes().length / (to - from);
    if (writer.rows) (tables[t.agency] ??= []).push({ table: t.spec.table, rows: writer.rows, data: writer.bytes() });
  });
  return { index, households: to - from, categories, tables };
}

/** The memory a chunk's COPY text lives in: handed over to the main thread rather than copied. */
export const transferables = (chunk: EncodedChunk): ArrayBuffer[] =>
  Object.values(chunk.tables).flatMap((ts) => ts.map((t) => t.data.buffer as ArrayBuffer));
