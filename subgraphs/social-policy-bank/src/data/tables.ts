import type { TableSpec } from '@gnbv/kit';
import type {
  InstalmentRow,
  LoanRow,
  PurposeCheckRow,
  RepaymentRow,
  SavingsGroupMemberRow,
  SavingsGroupRow,
  TransactionPointRow,
} from './lending';

/* The bank's tables as the seed and the demo write them: each column's name and where its value is in a row. */

export const TRANSACTION_POINT_TABLE: TableSpec<TransactionPointRow> = {
  table: 'transaction_point',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'name', value: (r) => r.name },
    { name: 'place', value: (r) => r.place },
    { name: 'meeting_day', value: (r) => r.meetingDay },
  ],
};

export const SAVINGS_GROUP_TABLE: TableSpec<SavingsGroupRow> = {
  table: 'savings_group',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'name', value: (r) => r.name },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'entrusted_to', value: (r) => r.entrustedTo },
    { name: 'village', value: (r) => r.village },
    { name: 'leader_household_id', value: (r) => r.leaderHouseholdId },
    { name: 'founded_on', value: (r) => r.foundedOn },
    { name: 'transaction_point_id', value: (r) => r.transactionPointId },
  ],
};

export const SAVINGS_GROUP_MEMBER_TABLE: TableSpec<SavingsGroupMemberRow> = {
  table: 'savings_group_member',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'savings_group_id', value: (r) => r.savingsGroupId },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'joined_on', value: (r) => r.joinedOn },
    { name: 'left_on', value: (r) => r.leftOn },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

/** The loan in the shape of LoanLifecycle1764300200000; `outstanding` (the legacy intake's) is not written: null. */
export const LOAN_TABLE: TableSpec<LoanRow> = {
  table: 'loan',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'savings_group_id', value: (r) => r.savingsGroupId },
    { name: 'program', value: (r) => r.program },
    { name: 'programme_id', value: (r) => r.programmeId },
    { name: 'status', value: (r) => r.status },
    { name: 'amount_requested', value: (r) => r.amountRequested },
    { name: 'term_months', value: (r) => r.termMonths },
    { name: 'principal', value: (r) => r.principal },
    { name: 'annual_rate_percent', value: (r) => r.annualRatePercent },
    { name: 'overdue_rate_percent', value: (r) => r.overdueRatePercent },
    { name: 'purpose', value: (r) => r.purpose },
    { name: 'applied_on', value: (r) => r.appliedOn },
    { name: 'approved_on', value: (r) => r.approvedOn },
    { name: 'disbursed_on', value: (r) => r.disbursedOn },
    { name: 'matures_on', value: (r) => r.maturesOn },
    { name: 'settled_on', value: (r) => r.settledOn },
    { name: 'rejected_on', value: (r) => r.rejectedOn },
    { name: 'rejection_reason', value: (r) => r.rejectionReason },
    { name: 'written_off_on', value: (r) => r.writtenOffOn },
    { name: 'write_off_reason', value: (r) => r.writeOffReason },
    { name: 'category_at_disbursement', value: (r) => r.categoryAtDisbursement },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const LOAN_INSTALMENT_TABLE: TableSpec<InstalmentRow> = {
  table: 'loan_instalment',
  columns: [
    { name: 'loan_id', value: (r) => r.loanId },
    { name: 'number', value: (r) => r.number },
    { name: 'due_on', value: (r) => r.dueOn },
    { name: 'principal', value: (r) => r.principal },
  ],
};

export const LOAN_REPAYMENT_TABLE: TableSpec<RepaymentRow> = {
  table: 'loan_repayment',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'loan_id', value: (r) => r.loanId },
    { name: 'paid_on', value: (r) => r.paidOn },
    { name: 'principal', value: (r) => r.principal },
    { name: 'interest', value: (r) => r.interest },
    { name: 'note', value: (r) => r.note },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const LOAN_PURPOSE_CHECK_TABLE: TableSpec<PurposeCheckRow> = {
  table: 'loan_purpose_check',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'loan_id', value: (r) => r.loanId },
    { name: 'checked_on', value: (r) => r.checkedOn },
    { name: 'checked_by', value: (r) => r.checkedBy },
    { name: 'finding', value: (r) => r.finding },
    { name: 'note', value: (r) => r.note },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};
