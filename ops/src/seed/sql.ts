import type { AdminUnit, Household, Member, PovertyReview } from '@gnbv/labor';
import type { Row } from './geography';
import type {
  InstalmentRow,
  LoanRow,
  PurposeCheckRow,
  RepaymentRow,
  SavingsGroupMemberRow,
  SavingsGroupRow,
  TransactionPointRow,
} from './lending';
import type {
  BudgetLineRow,
  CommunicationProductRow,
  DisbursementRow,
  ParticipantRow,
  ProductionProjectRow,
  SupportRow,
} from './programme';

/*
 * The tables the seed fills: each column's name and how to read its value from a generated row.
 * `copy.ts` turns rows into COPY text from these specs (and the INSERT of the PGlite fallback),
 * so a column added here is all a new migration column needs.
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

export const ADMIN_UNIT: TableSpec<Row<AdminUnit>> = {
  table: 'admin_unit',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'name', value: (r) => r.name },
    { name: 'level', value: (r) => r.level },
    { name: 'parent_code', value: (r) => r.parentCode },
    { name: 'parent_id', value: (r) => r.parentId },
    { name: 'valid_from', value: (r) => r.validFrom },
    { name: 'valid_to', value: (r) => r.validTo },
    { name: 'district_name', value: (r) => r.districtName },
  ],
};

export const HOUSEHOLD: TableSpec<Row<Household>> = {
  table: 'household',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'commune_id', value: (r) => r.communeId },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'recorded_commune_id', value: (r) => r.recordedCommuneId },
    { name: 'registered_on', value: (r) => r.registeredOn },
    { name: 'village', value: (r) => r.village },
    { name: 'address', value: (r) => r.address },
    { name: 'area', value: (r) => r.area },
    { name: 'category', value: (r) => r.category },
    { name: 'no_working_capacity', value: (r) => r.noWorkingCapacity },
    { name: 'ethnic_minority', value: (r) => r.ethnicMinority },
    { name: 'meritorious_family', value: (r) => r.meritoriousFamily },
    { name: 'monthly_income_per_person', value: (r) => r.monthlyIncomePerPerson },
  ],
};

export const MEMBER: TableSpec<Row<Member>> = {
  table: 'household_member',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'full_name', value: (r) => r.fullName },
    { name: 'date_of_birth', value: (r) => r.dateOfBirth },
    { name: 'sex', value: (r) => r.sex },
    { name: 'national_id', value: (r) => r.nationalId },
    { name: 'relation_to_head', value: (r) => r.relationToHead },
    { name: 'ethnicity', value: (r) => r.ethnicity },
    { name: 'disability', value: (r) => r.disability },
    { name: 'left_on', value: (r) => r.leftOn },
    { name: 'left_reason', value: (r) => r.leftReason },
  ],
};

export const REVIEW: TableSpec<Row<PovertyReview>> = {
  table: 'poverty_review',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'commune_id', value: (r) => r.communeId },
    { name: 'year', value: (r) => r.year },
    { name: 'review_date', value: (r) => r.reviewDate },
    { name: 'state', value: (r) => r.state },
    { name: 'income_per_person', value: (r) => r.incomePerPerson },
    {
      name: 'deprived_indicators',
      list: { element: 'smallint' },
      value: (r) => r.deprivedIndicators,
    },
    { name: 'standard_code', value: (r) => r.standardCode },
    { name: 'classification', value: (r) => r.classification },
    { name: 'reasons', list: { element: 'text' }, value: (r) => r.reasons },
    { name: 'certified_by', value: (r) => r.certifiedBy },
    { name: 'certified_on', value: (r) => r.certifiedOn },
    { name: 'correction_of', value: (r) => r.correctionOf },
  ],
};

/** An agency's `support` table: the same columns in labor, agriculture and culture-information. */
export const SUPPORT: TableSpec<SupportRow> = {
  table: 'support',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'member_id', value: (r) => r.memberId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'project', value: (r) => r.project },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'kind', value: (r) => r.kind },
    { name: 'initiative_id', value: (r) => r.initiativeId },
    { name: 'description', value: (r) => r.description },
    { name: 'quantity', value: (r) => r.quantity },
    { name: 'unit', value: (r) => r.unit },
    { name: 'value', value: (r) => r.value },
    { name: 'status', value: (r) => r.status },
    { name: 'planned_on', value: (r) => r.plannedOn },
    { name: 'delivered_on', value: (r) => r.deliveredOn },
    { name: 'verified_on', value: (r) => r.verifiedOn },
    { name: 'cancelled_on', value: (r) => r.cancelledOn },
    { name: 'cancel_reason', value: (r) => r.cancelReason },
    { name: 'delivering_office', value: (r) => r.deliveringOffice },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'category_on_delivery', value: (r) => r.categoryOnDelivery },
    { name: 'deprived_on_delivery', list: { element: 'smallint' }, value: (r) => r.deprivedOnDelivery },
    { name: 'attestation_id', value: (r) => r.attestationId },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const BUDGET_LINE: TableSpec<BudgetLineRow> = {
  table: 'budget_line',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'unit_code', value: (r) => r.unitCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'year', value: (r) => r.year },
    { name: 'project', value: (r) => r.project },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'funding_source', value: (r) => r.fundingSource },
    { name: 'planned', value: (r) => r.planned },
    { name: 'allocated', value: (r) => r.allocated },
    { name: 'disbursed', value: (r) => r.disbursed },
    { name: 'over_allocated', value: (r) => r.overAllocated },
    { name: 'deadline', value: (r) => r.deadline },
    { name: 'note', value: (r) => r.note },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const DISBURSEMENT: TableSpec<DisbursementRow> = {
  table: 'disbursement',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'budget_line_id', value: (r) => r.budgetLineId },
    { name: 'amount', value: (r) => r.amount },
    { name: 'disbursed_on', value: (r) => r.disbursedOn },
    { name: 'reference', value: (r) => r.reference },
    { name: 'over_allocation_reason', value: (r) => r.overAllocationReason },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const PRODUCTION_PROJECT: TableSpec<ProductionProjectRow> = {
  table: 'production_project',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'name', value: (r) => r.name },
    { name: 'model', value: (r) => r.model },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'starts_on', value: (r) => r.startsOn },
    { name: 'ends_on', value: (r) => r.endsOn },
    { name: 'budget', value: (r) => r.budget },
    { name: 'lead_office', value: (r) => r.leadOffice },
    { name: 'description', value: (r) => r.description },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const PRODUCTION_PARTICIPANT: TableSpec<ParticipantRow> = {
  table: 'production_project_participant',
  columns: [
    { name: 'project_id', value: (r) => r.projectId },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'joined_on', value: (r) => r.joinedOn },
    { name: 'left_on', value: (r) => r.leftOn },
    { name: 'attestation_id', value: (r) => r.attestationId },
    { name: 'category_on_joining', value: (r) => r.categoryOnJoining },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const COMMUNICATION_PRODUCT: TableSpec<CommunicationProductRow> = {
  table: 'communication_product',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'kind', value: (r) => r.kind },
    { name: 'title', value: (r) => r.title },
    { name: 'published_on', value: (r) => r.publishedOn },
    { name: 'audience_reach', value: (r) => r.audienceReach },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'households_reached', value: (r) => r.householdsReached },
    { name: 'producing_office', value: (r) => r.producingOffice },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const TRANSACTION_POINT: TableSpec<TransactionPointRow> = {
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

export const SAVINGS_GROUP: TableSpec<SavingsGroupRow> = {
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

export const SAVINGS_GROUP_MEMBER: TableSpec<SavingsGroupMemberRow> = {
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
export const LOAN: TableSpec<LoanRow> = {
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

export const LOAN_INSTALMENT: TableSpec<InstalmentRow> = {
  table: 'loan_instalment',
  columns: [
    { name: 'loan_id', value: (r) => r.loanId },
    { name: 'number', value: (r) => r.number },
    { name: 'due_on', value: (r) => r.dueOn },
    { name: 'principal', value: (r) => r.principal },
  ],
};

export const LOAN_REPAYMENT: TableSpec<RepaymentRow> = {
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

export const LOAN_PURPOSE_CHECK: TableSpec<PurposeCheckRow> = {
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

/**
 * Tables the database derives from the seeded ones, per agency, and how the seed fills them: the
 * triggers that keep a table current statement by statement are disabled for the load (inside
 * its transaction; each COPY would otherwise refresh its chunk's households against tables
 * without their indexes), and one statement fills the table from everything loaded, before the
 * indexes are rebuilt (labor's report facts: migration 1764500000000-ReportFacts).
 */
export const DERIVED_TABLES: Record<string, ReadonlyArray<{ table: string; triggers: readonly string[]; fill: string }>> = {
  labor: [
    {
      table: 'report_fact',
      triggers: ['poverty_review report_fact_review_insert', 'household report_fact_household_update'],
      fill: 'SELECT report_fact_refresh(NULL)',
    },
  ],
};

/** The tables the seed fills, per agency (subgraph name), in insert order. */
export const SEED_TABLES: Record<string, readonly string[]> = {
  labor: [
    ADMIN_UNIT.table,
    HOUSEHOLD.table,
    MEMBER.table,
    REVIEW.table,
    SUPPORT.table,
    BUDGET_LINE.table,
    DISBURSEMENT.table,
    'report_fact',
  ],
  agriculture: [PRODUCTION_PROJECT.table, BUDGET_LINE.table, DISBURSEMENT.table, SUPPORT.table, PRODUCTION_PARTICIPANT.table],
  'culture-information': [COMMUNICATION_PRODUCT.table, BUDGET_LINE.table, DISBURSEMENT.table, SUPPORT.table],
  'social-policy-bank': [
    TRANSACTION_POINT.table,
    SAVINGS_GROUP.table,
    SAVINGS_GROUP_MEMBER.table,
    LOAN.table,
    LOAN_INSTALMENT.table,
    LOAN_REPAYMENT.table,
    LOAN_PURPOSE_CHECK.table,
  ],
};
