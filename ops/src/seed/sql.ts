import type { AdminUnit, Household, Member, PovertyReview } from '@gnbv/labor';
import type { ProductionSupport } from '@gnbv/agriculture';
import type { CommunicationProduct, InformationSupport } from '@gnbv/culture-information';
import type { Loan, SavingsGroup } from '@gnbv/social-policy-bank';
import type { Row } from './geography';

/*
 * Batched inserts: one statement per table and chunk, each column sent as one PostgreSQL array
 * literal (a single text parameter) and spread back into rows by `unnest`. The literals are
 * built here rather than by the driver: it is the hot path of the seed.
 */

type Scalar = string | number | boolean | null;

export interface Column<R> {
  name: string;
  /** The element type of the array parameter. */
  type: 'uuid' | 'text' | 'int' | 'bigint' | 'numeric' | 'boolean' | 'date';
  /**
   * An array column: each row's elements joined by `separator` into one text, split again on
   * the way in (`string_to_array`): cheaper both sides than nesting array literals. One
   * character, which no element may contain (checked).
   */
  list?: { element: 'smallint' | 'text'; separator: string };
  /** Quote the values: needed for free text, useless for codes, numbers and dates. */
  quote?: boolean;
  value: (row: R) => Scalar | readonly Scalar[];
}

export interface TableSpec<R> {
  table: string;
  columns: readonly Column<R>[];
}

const NEEDS_ESCAPE = /["\\]/;

/** An element of an array literal, double-quoted (so commas, braces, spaces and NULL stay text). */
export function quoted(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : `"${value}"`;
}

/** The PostgreSQL array literal of `values`: `{a,b}`; null is NULL; strings quoted when asked. */
export function arrayLiteral(values: readonly Scalar[], quote: boolean): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : quote ? quoted(String(v)) : String(v);
  }
  return `{${parts.join(',')}}`;
}

/** The statement inserting one row per array element: `INSERT ... SELECT ... FROM unnest($1::uuid[], ...)`. */
export function insertSql<R>(spec: TableSpec<R>): string {
  const names = spec.columns.map((c) => c.name).join(', ');
  const select = spec.columns
    .map((c) => (c.list ? `string_to_array(${c.name}, chr(${c.list.separator.charCodeAt(0)}))::${c.list.element}[]` : c.name))
    .join(', ');
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.list ? 'text' : c.type}[]`).join(', ');
  return `INSERT INTO ${spec.table} (${names}) SELECT ${select} FROM unnest(${params}) AS t(${names})`;
}

function joinList(values: readonly Scalar[], separator: string, column: string): string {
  for (const v of values) {
    if (String(v).includes(separator)) throw new RangeError(`${column}: ${JSON.stringify(v)} contains the separator`);
  }
  return values.join(separator);
}

/** One array literal per column, in column order: the parameters of `insertSql(spec)`. */
export function insertParams<R>(spec: TableSpec<R>, rows: readonly R[]): string[] {
  return spec.columns.map((c) => {
    const values = new Array<Scalar>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = c.value(rows[i] as R);
      values[i] = c.list && Array.isArray(v) ? joinList(v, c.list.separator, c.name) : (v as Scalar);
    }
    // A list may be empty, and an empty element must be quoted.
    return arrayLiteral(values, c.quote === true || c.list !== undefined);
  });
}

export const ADMIN_UNIT: TableSpec<Row<AdminUnit>> = {
  table: 'admin_unit',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'code', type: 'text', value: (r) => r.code },
    { name: 'name', type: 'text', quote: true, value: (r) => r.name },
    { name: 'level', type: 'text', value: (r) => r.level },
    { name: 'parent_code', type: 'text', value: (r) => r.parentCode },
    { name: 'parent_id', type: 'uuid', value: (r) => r.parentId },
    { name: 'valid_from', type: 'date', value: (r) => r.validFrom },
    { name: 'valid_to', type: 'date', value: (r) => r.validTo },
    { name: 'district_name', type: 'text', quote: true, value: (r) => r.districtName },
  ],
};

export const HOUSEHOLD: TableSpec<Row<Household>> = {
  table: 'household',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'code', type: 'text', value: (r) => r.code },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'commune_id', type: 'uuid', value: (r) => r.communeId },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'recorded_commune_id', type: 'uuid', value: (r) => r.recordedCommuneId },
    { name: 'registered_on', type: 'date', value: (r) => r.registeredOn },
    { name: 'village', type: 'text', quote: true, value: (r) => r.village },
    { name: 'address', type: 'text', quote: true, value: (r) => r.address },
    { name: 'area', type: 'text', value: (r) => r.area },
    { name: 'category', type: 'text', value: (r) => r.category },
    { name: 'no_working_capacity', type: 'boolean', value: (r) => r.noWorkingCapacity },
    { name: 'ethnic_minority', type: 'boolean', value: (r) => r.ethnicMinority },
    { name: 'meritorious_family', type: 'boolean', value: (r) => r.meritoriousFamily },
    { name: 'monthly_income_per_person', type: 'bigint', value: (r) => r.monthlyIncomePerPerson },
  ],
};

export const MEMBER: TableSpec<Row<Member>> = {
  table: 'household_member',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
    { name: 'full_name', type: 'text', quote: true, value: (r) => r.fullName },
    { name: 'date_of_birth', type: 'date', value: (r) => r.dateOfBirth },
    { name: 'sex', type: 'text', value: (r) => r.sex },
    { name: 'national_id', type: 'text', value: (r) => r.nationalId },
    { name: 'relation_to_head', type: 'text', value: (r) => r.relationToHead },
    { name: 'ethnicity', type: 'text', quote: true, value: (r) => r.ethnicity },
    { name: 'disability', type: 'boolean', value: (r) => r.disability },
    { name: 'left_on', type: 'date', value: (r) => r.leftOn },
    { name: 'left_reason', type: 'text', quote: true, value: (r) => r.leftReason },
  ],
};

export const REVIEW: TableSpec<Row<PovertyReview>> = {
  table: 'poverty_review',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
    { name: 'commune_id', type: 'uuid', value: (r) => r.communeId },
    { name: 'year', type: 'int', value: (r) => r.year },
    { name: 'review_date', type: 'date', value: (r) => r.reviewDate },
    { name: 'state', type: 'text', value: (r) => r.state },
    { name: 'income_per_person', type: 'bigint', value: (r) => r.incomePerPerson },
    {
      name: 'deprived_indicators',
      type: 'text',
      list: { element: 'smallint', separator: ' ' },
      value: (r) => r.deprivedIndicators,
    },
    { name: 'standard_code', type: 'text', value: (r) => r.standardCode },
    { name: 'classification', type: 'text', value: (r) => r.classification },
    // Unit separator (U+001F): a control character no reason contains.
    { name: 'reasons', type: 'text', list: { element: 'text', separator: '\x1f' }, value: (r) => r.reasons },
    { name: 'certified_by', type: 'text', quote: true, value: (r) => r.certifiedBy },
    { name: 'certified_on', type: 'date', value: (r) => r.certifiedOn },
    { name: 'correction_of', type: 'uuid', value: (r) => r.correctionOf },
  ],
};

export const PRODUCTION_SUPPORT: TableSpec<Row<ProductionSupport>> = {
  table: 'production_support',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'sub_project', type: 'text', value: (r) => r.subProject },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'description', type: 'text', quote: true, value: (r) => r.description },
    { name: 'quantity', type: 'int', value: (r) => r.quantity },
    { name: 'unit', type: 'text', quote: true, value: (r) => r.unit },
    { name: 'value', type: 'bigint', value: (r) => r.value },
    { name: 'delivered_on', type: 'date', value: (r) => r.deliveredOn },
    { name: 'program_year', type: 'int', value: (r) => r.programYear },
  ],
};

export const INFORMATION_SUPPORT: TableSpec<Row<InformationSupport>> = {
  table: 'information_support',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'value', type: 'bigint', value: (r) => r.value },
    { name: 'delivered_on', type: 'date', value: (r) => r.deliveredOn },
  ],
};

export const COMMUNICATION_PRODUCT: TableSpec<Row<CommunicationProduct>> = {
  table: 'communication_product',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'title', type: 'text', quote: true, value: (r) => r.title },
    { name: 'published_on', type: 'date', value: (r) => r.publishedOn },
    { name: 'audience_reach', type: 'int', value: (r) => r.audienceReach },
  ],
};

export const SAVINGS_GROUP: TableSpec<Row<SavingsGroup>> = {
  table: 'savings_group',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'code', type: 'text', value: (r) => r.code },
    { name: 'name', type: 'text', quote: true, value: (r) => r.name },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'entrusted_to', type: 'text', value: (r) => r.entrustedTo },
  ],
};

export const LOAN: TableSpec<Row<Loan>> = {
  table: 'loan',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'household_id', type: 'uuid', value: (r) => r.householdId },
    { name: 'commune_code', type: 'text', value: (r) => r.communeCode },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
    { name: 'savings_group_id', type: 'uuid', value: (r) => r.savingsGroupId },
    { name: 'program', type: 'text', value: (r) => r.program },
    { name: 'principal', type: 'bigint', value: (r) => r.principal },
    { name: 'outstanding', type: 'bigint', value: (r) => r.outstanding },
    { name: 'annual_rate_percent', type: 'numeric', value: (r) => r.annualRatePercent },
    { name: 'purpose', type: 'text', quote: true, value: (r) => r.purpose },
    { name: 'disbursed_on', type: 'date', value: (r) => r.disbursedOn },
    { name: 'matures_on', type: 'date', value: (r) => r.maturesOn },
    { name: 'status', type: 'text', value: (r) => r.status },
  ],
};

/** The tables the seed fills, per agency (subgraph name), in insert order. */
export const SEED_TABLES: Record<string, readonly string[]> = {
  labor: [ADMIN_UNIT.table, HOUSEHOLD.table, MEMBER.table, REVIEW.table],
  agriculture: [PRODUCTION_SUPPORT.table],
  'culture-information': [COMMUNICATION_PRODUCT.table, INFORMATION_SUPPORT.table],
  'social-policy-bank': [SAVINGS_GROUP.table, LOAN.table],
};
