import type { Row, TableSpec } from '@gnbv/kit';
import type { AdminUnit } from '../admin-unit/admin-unit.entity';
import type { Household } from '../household/household.entity';
import type { Member } from '../household/member.entity';
import type { PovertyReview } from '../review/review.entity';

/*
 * The registry's tables as the seed writes them with COPY, on the entities' own row types: each
 * column's name and where its value is in a row (the demo inserts through the entities).
 */

export const ADMIN_UNIT_TABLE: TableSpec<Row<AdminUnit>> = {
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

export const HOUSEHOLD_TABLE: TableSpec<Row<Household>> = {
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

export const MEMBER_TABLE: TableSpec<Row<Member>> = {
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

export const REVIEW_TABLE: TableSpec<Row<PovertyReview>> = {
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
