import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { DemoTable } from '@gnbv/kit';
import { AGENCY_DATA } from '../seed/agencies';
import { jsonInsertSql, quoteIdent, rowsToJson } from '../seed/copy';
import type { DemoDataset } from './dataset';

export type { DemoTable };

/** Which rows of the demo data set go into which agency's database, in insert order: the agency's own demo tables. */
export function demoTables(name: string, data: DemoDataset): DemoTable[] {
  const demo = AGENCY_DATA.find((a) => a.name === name)?.demo;
  if (!demo) return [];
  return demo.tables(data[demo.key as keyof DemoDataset] as never);
}

const BATCH = 500;

async function isEmpty(manager: EntityManager, schema: string, table: DemoTable): Promise<boolean> {
  if ('entity' in table) return (await manager.getRepository(table.entity).count({ take: 1 })) === 0;
  const rows = (await manager.query(`SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(table.spec.table)} LIMIT 1`)) as unknown[];
  return rows.length === 0;
}

async function insert(manager: EntityManager, schema: string, table: DemoTable): Promise<void> {
  const rows = 'resolve' in table && table.resolve ? await table.resolve(manager, schema, table.rows) : table.rows;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    if ('entity' in table) await manager.getRepository(table.entity).insert(batch as ObjectLiteral[]);
    else await manager.query(jsonInsertSql(table.spec, schema), [rowsToJson(table.spec, batch as never[])]);
  }
}

/**
 * Loads an agency's share of the demo data set if, and only if, its tables are all empty.
 * One transaction: a failure leaves the database as it was. Returns the rows inserted.
 */
export async function loadDemoData(dataSource: DataSource, name: string, data: DemoDataset): Promise<number> {
  const tables = demoTables(name, data);
  const schema = (dataSource.driver as { schema?: string }).schema ?? 'public';
  return dataSource.transaction(async (manager) => {
    for (const table of tables) if (!(await isEmpty(manager, schema, table))) return 0;
    let inserted = 0;
    for (const table of tables) {
      await insert(manager, schema, table);
      inserted += table.rows.length;
    }
    return inserted;
  });
}
