import type { DataSource } from 'typeorm';
import { addMonths } from '@gnbv/kit';
import { repaymentSchedule } from './loan/loan.rules';

/*
 * Test fixtures of the bank's tables, written as the bank's own writes leave them (new shape):
 * for the tests of this package only.
 */

export interface GroupFixture {
  id: string;
  code: string;
  name: string;
  communeCode: string;
  provinceCode: string;
  entrustedTo: string;
  village?: string | null;
  leaderHouseholdId?: string | null;
  foundedOn?: string | null;
}

export async function insertGroup(db: DataSource, g: GroupFixture): Promise<void> {
  await db.query(
    `INSERT INTO savings_group (id, code, name, commune_code, province_code, entrusted_to, village, leader_household_id, founded_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      g.id,
      g.code,
      g.name,
      g.communeCode,
      g.provinceCode,
      g.entrustedTo,
      g.village ?? null,
      g.leaderHouseholdId ?? null,
      g.foundedOn ?? null,
    ],
  );
}

export async function insertMember(
  db: DataSource,
  groupId: string,
  householdId: string,
  joinedOn: string,
  leftOn: string | null = null,
) {
  await db.query(
    `INSERT INTO savings_group_member (savings_group_id, household_id, joined_on, left_on, recorded_by) VALUES ($1, $2, $3, $4, 'test')`,
    [groupId, householdId, joinedOn, leftOn],
  );
}

const RATES: Record<string, [number, number]> = {
  POOR_HOUSEHOLD: [6.6, 8.58],
  NEAR_POOR_HOUSEHOLD: [7.92, 10.296],
  NEWLY_ESCAPED_HOUSEHOLD: [8.25, 10.725],
  CLEAN_WATER_SANITATION: [9, 11.7],
  JOB_CREATION: [7.92, 10.296],
};

export interface LoanFixture {
  id: string;
  householdId: string;
  group: Pick<GroupFixture, 'id' | 'communeCode' | 'provinceCode'>;
  program: string;
  amount: number;
  termMonths: number;
  purpose?: string;
  appliedOn: string;
  status: string;
  /** Disbursed loans: the day, the category then; the schedule follows loan.rules.ts. */
  disbursedOn?: string;
  category?: string | null;
  repayments?: Array<[paidOn: string, principal: number, interest?: number]>;
  settledOn?: string;
  writtenOffOn?: string;
  rejectedOn?: string;
}

export async function insertLoan(db: DataSource, l: LoanFixture): Promise<void> {
  const disbursed = !!l.disbursedOn;
  const approved = disbursed || l.status === 'APPROVED';
  const [rate, overdueRate] = RATES[l.program]!;
  const programme = disbursed
    ? (
        (await db.query(`SELECT id FROM loan_programme WHERE code = $1 AND daterange(valid_from, valid_to) @> $2::date`, [
          l.program,
          l.disbursedOn,
        ])) as Array<{ id: string }>
      )[0]!.id
    : null;
  await db.query(
    `INSERT INTO loan (id, household_id, commune_code, province_code, savings_group_id, program, programme_id, status,
                       amount_requested, term_months, principal, purpose, applied_on, approved_on, disbursed_on, matures_on,
                       annual_rate_percent, overdue_rate_percent, category_at_disbursement, settled_on, written_off_on,
                       write_off_reason, rejected_on, rejection_reason, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 'test')`,
    [
      l.id,
      l.householdId,
      l.group.communeCode,
      l.group.provinceCode,
      l.group.id,
      l.program,
      programme,
      l.status,
      l.amount,
      l.termMonths,
      approved ? l.amount : null,
      l.purpose ?? 'Chăn nuôi bò sinh sản',
      l.appliedOn,
      approved ? l.appliedOn : null,
      l.disbursedOn ?? null,
      disbursed ? addMonths(l.disbursedOn!, l.termMonths) : null,
      disbursed ? rate : null,
      disbursed ? overdueRate : null,
      l.category ?? null,
      l.settledOn ?? null,
      l.writtenOffOn ?? null,
      l.writtenOffOn ? 'Hộ di cư, không liên lạc được' : null,
      l.rejectedOn ?? null,
      l.rejectedOn ? 'Tổ không bình xét' : null,
    ],
  );
  if (!disbursed) return;
  for (const i of repaymentSchedule(l.amount, l.termMonths, l.disbursedOn!))
    await db.query(`INSERT INTO loan_instalment (loan_id, number, due_on, principal) VALUES ($1, $2, $3, $4)`, [
      l.id,
      i.number,
      i.dueOn,
      i.principal,
    ]);
  for (const [paidOn, principal, interest] of l.repayments ?? [])
    await db.query(
      `INSERT INTO loan_repayment (loan_id, paid_on, principal, interest, recorded_by) VALUES ($1, $2, $3, $4, 'test')`,
      [l.id, paidOn, principal, interest ?? 0],
    );
}

export async function insertPurposeCheck(
  db: DataSource,
  loanId: string,
  on: string,
  by: string,
  finding: string,
  note: string | null,
) {
  await db.query(
    `INSERT INTO loan_purpose_check (loan_id, checked_on, checked_by, finding, note, recorded_by) VALUES ($1, $2, $3, $4, $5, 'test')`,
    [loanId, on, by, finding, note],
  );
}

/** A `_entities` representation of a household as the gateway sends it to loanEligibility (@requires). */
export const withRegistry = (
  id: string,
  periods: Array<{ category: string; from: string; until: string | null }>,
  communeCode: string,
  provinceCode = '11',
) => ({
  __typename: 'Household',
  id,
  certifiedCategoryPeriods: periods,
  commune: { code: communeCode, parent: { code: provinceCode } },
});
