/*
 * `@gnbv/kit/rules`: the kit's pure part, for business rules (classification, eligibility,
 * support and budget checks). Calendar dates, the programme's catalogue and the rules of
 * supports and budget lines, as plain values and functions: importing this loads no TypeORM,
 * type-graphql, graphql-shield or PGlite (rules.test.ts checks it).
 */
export { addDays, addMonths, assertIsoDate, isIsoDate, todayInVietnam } from '../dates';
export {
  FundingSource,
  HouseholdCategory,
  kindsOfProjects,
  PROJECTS,
  projectNamed,
  SUPPORT_RULES,
  SupportKind,
  type Project,
  type SupportRule,
} from '../program/catalogue';
export { categoryOnDate } from '../program/category-period';
export {
  describeRule,
  nextSupportStatus,
  SupportAction,
  supportRefusal,
  SupportStatus,
  type SupportRefusal,
} from '../support/support.rules';
export { disbursementCheck, disbursementRate, isLate, type LineMoney } from '../budget/budget.rules';
export type { RegistryAttestation, RegistryCategory } from '../registry-attestation';
