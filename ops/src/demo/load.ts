import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AdminUnit, AdminUnitLinkRow, Household, Member, PovertyReview } from '@gnbv/labor';
import { jsonInsertSql, quoteIdent, rowsToJson } from '../seed/copy';
import {
  BUDGET_LINE,
  COMMUNICATION_PRODUCT,
  DISBURSEMENT,
  LOAN,
  PRODUCTION_PARTICIPANT,
  PRODUCTION_PROJECT,
  SAVINGS_GROUP,
  SUPPORT,
  type TableSpec,
} from '../seed/sql';
import type { DemoDataset } from './dataset';

/**
 * One table's demo rows: through the TypeORM entity of the registry's tables, or through the
 * seed's table specs (the same columns the seed's COPY writes) for the programme's tables and
 * the bank's, whose entities each subgraph keeps to itself and may extend ahead of the data.
 */
export type DemoTable =
  { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] } | { spec: TableSpec<never>; rows: readonly unknown[] };

const entity = (target: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): DemoTable => ({ entity: target, rows });
const spec = <R>(s: TableSpec<R>, rows: readonly R[]): DemoTable => ({ spec: s as TableSpec<never>, rows });

/** Which rows of the demo data set go into which agency's database, in insert order. */
export function demoTables(name: string, data: DemoDataset): DemoTable[] {
  switch (name) {
    case 'labor':
      return [
        entity(AdminUnit, data.labor.adminUnits),
        entity(AdminUnitLinkRow, data.labor.adminUnitLinks),
        entity(Household, data.labor.households),
        entity(Member, data.labor.members),
        entity(PovertyReview, data.labor.reviews),
        spec(SUPPORT, data.labor.supports),
        spec(BUDGET_LINE, data.labor.budgetLines),
        spec(DISBURSEMENT, data.labor.disbursements),
      ];
    case 'agriculture':
      return [
        spec(PRODUCTION_PROJECT, data.agriculture.productionProjects),
        spec(PRODUCTION_PARTICIPANT, data.agriculture.participants),
        spec(SUPPORT, data.agriculture.productionSupports),
        spec(BUDGET_LINE, data.agriculture.budgetLines),
        spec(DISBURSEMENT, data.agriculture.disbursements),
      ];
    case 'culture-information':
      return [
        spec(COMMUNICATION_PRODUCT, data.cultureInformation.communicationProducts),
        spec(SUPPORT, data.cultureInformation.informationSupports),
        spec(BUDGET_LINE, data.cultureInformation.budgetLines),
        spec(DISBURSEMENT, data.cultureInformation.disbursements),
      ];
    case 'social-policy-bank':
      return [spec(SAVINGS_GROUP, data.socialPolicyBank.savingsGroups), spec(LOAN, data.socialPolicyBank.loans)];
    default:
      return [];
  }
}

const BATCH = 500;

async function isEmpty(manager: EntityManager, schema: string, table: DemoTable): Promise<boolean> {
  if ('entity' in table) return (await manager.getRepository(table.entity).count({ take: 1 })) === 0;
  const rows = (await manager.query(`SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(table.spec.table)} LIMIT 1`)) as unknown[];
  return rows.length === 0;
}

async function insert(manager: EntityManager, schema: string, table: DemoTable): Promise<void> {
  for (let i = 0; i < table.rows.length; i += BATCH) {
    const batch = table.rows.slice(i, i + BATCH);
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
