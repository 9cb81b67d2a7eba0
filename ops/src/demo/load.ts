import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AdminUnit, AdminUnitLinkRow, Household, Member, PovertyReview } from '@gnbv/labor';
import { jsonInsertSql, quoteIdent, rowsToJson } from '../seed/copy';
import { MIGRATION_PROGRAMMES, type LoanRow } from '../seed/lending';
import {
  BUDGET_LINE,
  COMMUNICATION_PRODUCT,
  DISBURSEMENT,
  LOAN,
  LOAN_INSTALMENT,
  LOAN_PURPOSE_CHECK,
  LOAN_REPAYMENT,
  PRODUCTION_PARTICIPANT,
  PRODUCTION_PROJECT,
  SAVINGS_GROUP,
  SAVINGS_GROUP_MEMBER,
  SUPPORT,
  TRANSACTION_POINT,
  type TableSpec,
} from '../seed/sql';
import type { DemoDataset } from './dataset';

/**
 * One table's demo rows: through the TypeORM entity of the registry's tables, or through the
 * seed's table specs (the same columns the seed's COPY writes) for the programme's tables and
 * the bank's, whose entities each subgraph keeps to itself and may extend ahead of the data.
 */
export type DemoTable =
  | { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }
  | {
      spec: TableSpec<never>;
      rows: readonly unknown[];
      /** What the rows need from the database before they go in (ids it made), applied inside the load's transaction. */
      resolve?: (manager: EntityManager, schema: string, rows: readonly unknown[]) => Promise<readonly unknown[]>;
    };

const entity = (target: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): DemoTable => ({ entity: target, rows });
const spec = <R>(
  s: TableSpec<R>,
  rows: readonly R[],
  resolve?: (manager: EntityManager, schema: string, rows: readonly R[]) => Promise<readonly R[]>,
): DemoTable => ({ spec: s as TableSpec<never>, rows, ...(resolve ? { resolve: resolve as never } : {}) });

/**
 * The demo's loans name their programme version by the placeholder id of MIGRATION_PROGRAMMES;
 * the bank's database gave each version an id of its own: the one with the same code and first day.
 */
async function withProgrammeIds(manager: EntityManager, schema: string, loans: readonly LoanRow[]): Promise<LoanRow[]> {
  const versions = (await manager.query(
    `SELECT id, code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM ${quoteIdent(schema)}.loan_programme`,
  )) as { id: string; code: string; valid_from: string }[];
  const ids = new Map(
    MIGRATION_PROGRAMMES.map((p) => [p.id, versions.find((v) => v.code === p.code && v.valid_from === p.validFrom)?.id]),
  );
  return loans.map((loan) => {
    if (loan.programmeId === null) return loan;
    const id = ids.get(loan.programmeId);
    if (!id) throw new Error(`demo: the bank's database has no programme version ${loan.program} like ${loan.programmeId}`);
    return { ...loan, programmeId: id };
  });
}

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
    case 'social-policy-bank': {
      const bank = data.socialPolicyBank;
      return [
        spec(TRANSACTION_POINT, bank.transactionPoints),
        spec(SAVINGS_GROUP, bank.savingsGroups),
        spec(SAVINGS_GROUP_MEMBER, bank.memberships),
        spec(LOAN, bank.loans, withProgrammeIds),
        spec(LOAN_INSTALMENT, bank.instalments),
        spec(LOAN_REPAYMENT, bank.repayments),
        spec(LOAN_PURPOSE_CHECK, bank.purposeChecks),
      ];
    }
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
