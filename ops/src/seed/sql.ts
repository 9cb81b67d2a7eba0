import type { AdminUnit, Household, Member, PovertyReview } from '@gnbv/labor';
import type { ProductionSupport } from '@gnbv/agriculture';
import type { CommunicationProduct, InformationSupport } from '@gnbv/culture-information';
import type { Loan, SavingsGroup } from '@gnbv/social-policy-bank';
import type { Row } from './geography';

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

export const PRODUCTION_SUPPORT: TableSpec<Row<ProductionSupport>> = {
  table: 'production_support',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'kind', value: (r) => r.kind },
    { name: 'description', value: (r) => r.description },
    { name: 'quantity', value: (r) => r.quantity },
    { name: 'unit', value: (r) => r.unit },
    { name: 'value', value: (r) => r.value },
    { name: 'delivered_on', value: (r) => r.deliveredOn },
    { name: 'program_year', value: (r) => r.programYear },
  ],
};

export const INFORMATION_SUPPORT: TableSpec<Row<InformationSupport>> = {
  table: 'information_support',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'kind', value: (r) => r.kind },
    { name: 'value', value: (r) => r.value },
    { name: 'delivered_on', value: (r) => r.deliveredOn },
  ],
};

export const COMMUNICATION_PRODUCT: TableSpec<Row<CommunicationProduct>> = {
  table: 'communication_product',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'kind', value: (r) => r.kind },
    { name: 'title', value: (r) => r.title },
    { name: 'published_on', value: (r) => r.publishedOn },
    { name: 'audience_reach', value: (r) => r.audienceReach },
  ],
};

export const SAVINGS_GROUP: TableSpec<Row<SavingsGroup>> = {
  table: 'savings_group',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'name', value: (r) => r.name },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'entrusted_to', value: (r) => r.entrustedTo },
  ],
};

export const LOAN: TableSpec<Row<Loan>> = {
  table: 'loan',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'savings_group_id', value: (r) => r.savingsGroupId },
    { name: 'program', value: (r) => r.program },
    { name: 'principal', value: (r) => r.principal },
    { name: 'outstanding', value: (r) => r.outstanding },
    { name: 'annual_rate_percent', value: (r) => r.annualRatePercent },
    { name: 'purpose', value: (r) => r.purpose },
    { name: 'disbursed_on', value: (r) => r.disbursedOn },
    { name: 'matures_on', value: (r) => r.maturesOn },
    { name: 'status', value: (r) => r.status },
  ],
};

/** The tables the seed fills, per agency (subgraph name), in insert order. */
export const SEED_TABLES: Record<string, readonly string[]> = {
  labor: [ADMIN_UNIT.table, HOUSEHOLD.table, MEMBER.table, REVIEW.table],
  agriculture: [PRODUCTION_SUPPORT.table],
  'culture-information': [COMMUNICATION_PRODUCT.table, INFORMATION_SUPPORT.table],
  'social-policy-bank': [SAVINGS_GROUP.table, LOAN.table],
};
