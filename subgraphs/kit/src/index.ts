import 'reflect-metadata';

/*
 * The kit's public surface: every name here is used by an agency, ops or the tests. The pure
 * part business rules need is also `@gnbv/kit/rules` (no TypeORM, type-graphql or shield), and
 * test helpers are `@gnbv/kit/testing`. Platform names (config, principal, errors, tokens, HTTP)
 * come from `@gnbv/platform` itself.
 */

export { appendAudit } from './audit/append';
export { auditRecordsFor, verifyAuditChain } from './audit/chain';
export { AuditPageArgs, AuditRecord, auditTrailPage } from './audit/graphql';
export { auditTrailMigration } from './audit/migration';
export { BENCHMARK_PRINCIPAL_VARIABLE, type BenchmarkPrincipal } from './benchmark';
export { BudgetLineInput, DisbursementInput } from './budget/budget.inputs';
export { type BudgetContext, type BudgetLoaders, budgetLoaders } from './budget/budget.loaders';
export { defineBudgetModule } from './budget/budget.module';
export { BudgetLineFieldsResolver } from './budget/budget.read';
export { BudgetLine, BudgetProjectTotal, Disbursement } from './budget/budget.types';
export { addDays, addMonths, assertIsoDate, isIsoDate, todayInVietnam } from './dates';
export { createDataSource, type DatabaseConfig, migrate, pendingMigrations } from './db';
export { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded';
export { idempotencyMigration } from './idempotency';
export { manyByKey, oneByKey } from './loaders';
export { PageArgs, PageInfo, type PageWindow, pageWindow, toPage } from './pagination';
export {
  allow,
  analyst,
  anyOf,
  anyone,
  can,
  dataProtectionOfficer,
  mergePermissions,
  officer,
  type PermissionTable,
  personal,
  PERSONAL_PURPOSES,
  purpose,
  service,
} from './permissions';
export { FundingSource, HouseholdCategory, projectNamed, SUPPORT_RULES, SupportKind } from './program/catalogue';
export { CategoryPeriod } from './program/category-period.type';
export { BudgetLineRecord, DisbursementRecord, programEntities, SupportRecord } from './program/program.entity';
export { createBudgetTables, createSupportTable, programTablesMigration } from './program/program.migration';
export { fromRawRows } from './program/raw-rows';
export { type AdminUnitRef, defineAdminUnitRef, defineHouseholdRef, type HouseholdRef } from './refs';
export { type RegistryAttestationSigner, registryAttestationSigner, type RegistryCategory } from './registry-attestation';
export { cachedReport, scopeKey } from './report/cache';
export {
  assertReportYear,
  type CoverageContext,
  type CoverageKey,
  coverageKeyOf,
  coverageReader,
  type CoverageSetLoader,
  coverageSetLoader,
  defineCoverageContribution,
  householdSetsByKey,
  supportHouseholdSets,
} from './report/coverage';
export { decodeHouseholdSet } from './report/household-set';
export { IsoDateScalar, toVnd, vndColumn, VndScalar } from './scalars';
export { buildFederatedSchema, type FederatedSchema } from './schema';
export {
  assertUnitArgInScope,
  notVisible,
  rowsByHousehold,
  scopedRows,
  scopeParam,
  scopeSqlRaw,
  scopeWhere,
  summariesByUnit,
} from './scope';
export { type ServeOptions, serveSubgraph, type SubgraphContext, type SubgraphServer } from './subgraph';
export { loadSubgraphConfig, type SubgraphConfig } from './subgraph-config';
export { SupportInput, SupportPageArgs, SupportStepInput } from './support/support.inputs';
export { type SupportLoaders, supportLoaders, type SupportPageRequest, type SupportSummaryRow } from './support/support.loaders';
export { defineSupportModule } from './support/support.module';
export { type SupportContext } from './support/support.options';
export { SupportSummary } from './support/support.summary';
export { type Support, type SupportConnection, type SupportTypes } from './support/support.types';
export { assertAdminCode, assertOneOf, assertUuid, cleanText, optionalText, requiredText } from './validate';
export { type AuditedWrite, auditedWrite, givenFields, IDEMPOTENCY_KEY_DESCRIPTION, pastDate, refusedAs } from './write';
export { agencyMain, type AgencyDefinition, defineAgency } from './agency/definition';
export {
  entityTable,
  specTable,
  type AgencyDemoData,
  type AgencySeed,
  type DemoTable,
  type DerivedTable,
  type SeededTable,
  addYears,
  dayFromCivil,
  dayOfIso,
  isoOfDay,
  BOOKS_AS_OF,
  BUDGET_LINE_TABLE,
  budgetLine,
  CANCEL_REASONS,
  certifiedCategoryOn,
  deliveringOffice,
  deprivedOn,
  DISBURSEMENT_TABLE,
  eligible,
  indicatorsOf,
  officesOf,
  quantityOf,
  REFORM_DAY,
  SEED_RECORDER,
  sixteenthBirthday,
  SUPPORT_ITEMS,
  SUPPORT_TABLE,
  unitBudgetLines,
  type BudgetLineRow,
  type CategoryName,
  type DisbursementRow,
  type LinePlan,
  type Offices,
  type Payout,
  type ProjectLine,
  type ReviewOnList,
  type SupportItem,
  type SupportRow,
  type SupportStatusName,
  type UnitBudget,
  Random,
  cumulate,
  fmix32,
  mix,
  pickWeighted,
  generateSupports,
  HouseholdSupports,
  onList,
  targeted,
  type Draft,
  type Initiative,
  type Period,
  type SupportCommune,
  type SupportHousehold,
  type SupportMember,
  type SupportPlan,
  type Column,
  type Row,
  type TableSpec,
} from './seed';
