import { specTable, type AgencyDemoData } from '@gnbv/kit';
import type { EntityManager } from 'typeorm';
import {
  MIGRATION_PROGRAMMES,
  type InstalmentRow,
  type LoanRow,
  type PurposeCheckRow,
  type RepaymentRow,
  type SavingsGroupMemberRow,
  type SavingsGroupRow,
  type TransactionPointRow,
} from './lending';
import {
  LOAN_INSTALMENT_TABLE,
  LOAN_PURPOSE_CHECK_TABLE,
  LOAN_REPAYMENT_TABLE,
  LOAN_TABLE,
  SAVINGS_GROUP_MEMBER_TABLE,
  SAVINGS_GROUP_TABLE,
  TRANSACTION_POINT_TABLE,
} from './tables';

/** The bank's share of the demo data set. */
export interface DemoLending {
  transactionPoints: TransactionPointRow[];
  savingsGroups: SavingsGroupRow[];
  memberships: SavingsGroupMemberRow[];
  loans: LoanRow[];
  instalments: InstalmentRow[];
  repayments: RepaymentRow[];
  purposeChecks: PurposeCheckRow[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

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

export const socialPolicyBankDemo: AgencyDemoData<DemoLending> = {
  key: 'socialPolicyBank',
  tables: (bank) => [
    specTable(TRANSACTION_POINT_TABLE, bank.transactionPoints),
    specTable(SAVINGS_GROUP_TABLE, bank.savingsGroups),
    specTable(SAVINGS_GROUP_MEMBER_TABLE, bank.memberships),
    specTable(LOAN_TABLE, bank.loans, withProgrammeIds),
    specTable(LOAN_INSTALMENT_TABLE, bank.instalments),
    specTable(LOAN_REPAYMENT_TABLE, bank.repayments),
    specTable(LOAN_PURPOSE_CHECK_TABLE, bank.purposeChecks),
  ],
};
