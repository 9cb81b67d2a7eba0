import type { HouseholdCategory } from '@gnbv/labor';
import { generateChunk } from './generate';
import type { Geography } from './geography';
import {
  HOUSEHOLD,
  INFORMATION_SUPPORT,
  insertParams,
  insertSql,
  LOAN,
  MEMBER,
  PRODUCTION_SUPPORT,
  REVIEW,
  type TableSpec,
} from './sql';

/** One INSERT of a chunk: its table, how many rows, and the column arrays to bind. */
export interface Statement {
  table: string;
  rows: number;
  params: string[];
}

/** A chunk ready to send (plain data: it crosses from a worker thread by structured clone). */
export interface EncodedChunk {
  index: number;
  households: number;
  categories: Record<HouseholdCategory, number>;
  /** Statements per agency (subgraph name), in insert order. */
  statements: Record<string, Statement[]>;
}

const CHUNK_TABLES: readonly { table: string }[] = [HOUSEHOLD, MEMBER, REVIEW, PRODUCTION_SUPPORT, INFORMATION_SUPPORT, LOAN];

/** The INSERT statement of each table a chunk fills, by table name. */
export const CHUNK_SQL: Record<string, string> = Object.fromEntries(
  CHUNK_TABLES.map((spec) => [spec.table, insertSql(spec as TableSpec<unknown>)]),
);

function statement<R>(spec: TableSpec<R>, rows: readonly R[]): Statement[] {
  return rows.length ? [{ table: spec.table, rows: rows.length, params: insertParams(spec, rows) }] : [];
}

/** Generates chunk `index` and encodes it as statements per agency. */
export function encodeChunk(geography: Geography, index: number, batch: number): EncodedChunk {
  const chunk = generateChunk(geography, index, batch);
  const categories = { POOR: 0, NEAR_POOR: 0, NEWLY_ESCAPED: 0, NOT_POOR: 0 } as Record<HouseholdCategory, number>;
  for (const h of chunk.households) categories[h.category]++;
  return {
    index,
    households: chunk.households.length,
    categories,
    statements: {
      labor: [
        ...statement(HOUSEHOLD, chunk.households),
        ...statement(MEMBER, chunk.members),
        ...statement(REVIEW, chunk.reviews),
      ],
      agriculture: statement(PRODUCTION_SUPPORT, chunk.productionSupports),
      'culture-information': statement(INFORMATION_SUPPORT, chunk.informationSupports),
      'social-policy-bank': statement(LOAN, chunk.loans),
    },
  };
}
