// Operations of the dashboard. Those marked "contract" use the report fields of issue 7
// (povertyReport, coverageReport, lendingSummary.byProgramme); each has a fallback on fields
// the graph has today, used while the contract's fields are not composed yet.

export const PROVINCES = `query ConsoleProvinces { adminUnits { code name level } }`;

export const COMMUNES = `query ConsoleCommunes($code: String!) { adminUnit(code: $code) { code name level children { code name level } } }`;

const POVERTY_FIELDS = `households reviewed poor nearPoor poorRate nearPoorRate previousYear previousPoor previousPoorRate
  poorChange poorRateChangePoints nearPoorRateChangePoints targetReductionPoints targetMet`;

/** contract: poverty of the unit and of each commune (children), as is. */
export const POVERTY = `query ConsolePoverty($code: String!, $year: Int!) {
  adminUnit(code: $code) { code name level
    povertyReport(year: $year) { ${POVERTY_FIELDS}
      movements { escapedPoverty escapedNearPoverty relapsed newlyArising stayed newlyEscapedInWindow }
      deprivation { indicator name dimension households share poorHouseholds poorShare } }
    children { code name povertyReport(year: $year) { ${POVERTY_FIELDS} } } } }`;

const COUNTS = `total poor nearPoor notPoor notReviewed`;
/** fallback: the certified counts of the year and the year before. */
export const POVERTY_COUNTS = `query ConsolePovertyCounts($code: String!, $year: Int!, $previous: Int!) {
  adminUnit(code: $code) { code name level
    counts: householdCounts(year: $year) { ${COUNTS} }
    previousCounts: householdCounts(year: $previous) { ${COUNTS} }
    children { code name
      counts: householdCounts(year: $year) { ${COUNTS} }
      previousCounts: householdCounts(year: $previous) { ${COUNTS} } } } }`;

const GROUP = `category households byProject { project projectName households share } borrowing several none`;
/** contract: coverage by list, by commune, and targeting. */
export const COVERAGE = `query ConsoleCoverage($code: String!, $year: Int!) {
  adminUnit(code: $code) { code
    coverageReport(year: $year) { unitCode year
      groups { ${GROUP} }
      communes { communeCode communeName groups { ${GROUP} } }
      targeting { informationDeprived informationDeprivedReached informationReachedNotDeprived
        poorNoWorkingCapacity poorNoWorkingCapacityReached } } } }`;

const HOUSEHOLD_ROW = `id code category village area noWorkingCapacity`;
/** contract: a commune's households that received nothing, a page at a time. */
export const NONE_RECEIVED = `query ConsoleNoneReceived($code: String!, $year: Int!, $category: HouseholdCategory, $first: Int!, $after: String) {
  adminUnit(code: $code) { code
    coverageReport(year: $year) {
      noneReceived(category: $category, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { ${HOUSEHOLD_ROW} } } } } }`;

/** fallback of targeting: each agency's support totals by kind for the year. */
export const SUPPORT_SUMMARIES = `query ConsoleSupportSummaries($code: String!, $year: Int!) {
  adminUnit(code: $code) { code
    productionSupportSummary(programYear: $year) { project subProject kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed }
    informationSupportSummary(programYear: $year) { project subProject kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed }
    laborSupportSummary(programYear: $year) { project subProject kind supportCount householdsSupported totalValue householdsDeprivedOnAddressed } } }`;

const TOTAL = `project projectName lineCount planned allocated disbursed disbursementRate lateLineCount lateUndisbursed`;
const LINE = `id agency unitCode project projectName fundingSource allocated disbursed disbursementRate deadline late`;
const LENDING = `asOf loanCount outstanding overdue overdueRate overdueLoanCount borrowingHouseholds`;
const budget = (lending: string) => `query ConsoleMoney($code: String!, $year: Int!, $asOf: Date!) {
  adminUnit(code: $code) { code
    laborBudgetTotals(year: $year) { ${TOTAL} }
    agricultureBudgetTotals(year: $year) { ${TOTAL} }
    cultureInformationBudgetTotals(year: $year) { ${TOTAL} }
    laborBudgetLines(year: $year, includeCommunes: true) { ${LINE} }
    agricultureBudgetLines(year: $year, includeCommunes: true) { ${LINE} }
    cultureInformationBudgetLines(year: $year, includeCommunes: true) { ${LINE} }
    lendingSummary(asOf: $asOf) { ${lending} } } }`;
/** contract: budgets and lending by programme. */
export const MONEY = budget(`${LENDING} byProgramme { programme loanCount outstanding overdue overdueRate }`);
/** fallback: lending totals only. */
export const MONEY_TOTALS = budget(LENDING);

/** A commune's households, a page at a time (officers). */
export const HOUSEHOLDS = `query ConsoleHouseholds($code: String!, $category: HouseholdCategory, $first: Int!, $after: String) {
  adminUnit(code: $code) { code
    households(category: $category, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${HOUSEHOLD_ROW} } } } }`;

const SUPPORT = `project kind status programYear value`;
/** One household: members (names need a purpose), supports and the bank. */
export const HOUSEHOLD = `query ConsoleHousehold($id: ID!) {
  household(id: $id) { id code category village address area noWorkingCapacity
    members { id fullName relationToHead }
    laborSupports { ${SUPPORT} } productionSupports { ${SUPPORT} } informationSupports { ${SUPPORT} }
    borrowsFromBank } }`;
