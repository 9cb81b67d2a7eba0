import {
  allow,
  analyst,
  anyOf,
  anyone,
  can,
  coverageReader,
  dataProtectionOfficer,
  officer,
  PERSONAL_PURPOSES,
  personal,
  purpose,
  service,
  mergePermissions,
  type PermissionTable,
} from '@gnbv/kit';
import type { Household } from './household/household.entity';
import type { Member } from './household/member.entity';
import { laborBudget, laborSupports } from './projects/projects';
import type { PovertyReview } from './review/review.entity';

/*
 * Who may read what in the labor subgraph (the household registry). Anything not listed is
 * denied. Rows are scoped separately: every household read is limited to the reader's units.
 * Personal fields need a declared purpose and are written to the audit trail, allowed or not.
 */

const anyOfficer = officer();
/** The bank's eligibility system: category and flags, never names or ID numbers. */
const bankEligibility = service('social-policy-bank', 'loan-eligibility');
const householdReader = anyOf(anyOfficer, bankEligibility);
const personalPurpose = purpose(...PERSONAL_PURPOSES);
const ofHousehold = (h: Household) => ({ type: 'Household', id: h.id });
const ofMembersHousehold = (m: Member) => ({ type: 'Household', id: m.householdId });
const ofReviewedHousehold = (r: PovertyReview) => ({ type: 'Household', id: r.householdId });
const laborOfficer = officer('labor');
/** Writes to the registry: labor officers in scope, declaring the review purpose. */
const reviewWriter = can(laborOfficer, purpose('review'));
/*
 * Inspections by provincial teams are not personal data: they concern a commune's program work,
 * and the team members named are officials acting in office. So any agency officer and the
 * analysts (the steering committee's) read them, with no purpose to declare; rows are scoped.
 */
const inspectionReader = anyOf(anyOfficer, analyst);
/*
 * The province's steering committee sends the teams, with the agency that keeps this registry:
 * officers of those two write, other agencies only read. No purpose: nothing personal is written.
 * inspection.service.ts adds the row rule: recording needs the commune's province in scope.
 */
const inspectionWriter = can(officer('labor', 'steering-committee'));

const registryPermissions: PermissionTable = {
  Query: {
    adminUnit: can(anyone), //                         administrative units are public reference data
    adminUnits: can(anyone),
    household: can(anyOf(householdReader, dataProtectionOfficer)), // the DPO reaches a household to read its audit trail
    householdByCode: can(anyOf(householdReader, dataProtectionOfficer)),
    households: can(householdReader),
    povertyStandards: can(anyone), //                   standards are public law
    povertyStandardOn: can(anyone),
    review: can(laborOfficer),
    inspection: can(inspectionReader),
    inspections: can(inspectionReader),
    overdueInspectionActions: can(inspectionReader),
  },
  Mutation: {
    startReview: reviewWriter,
    recordSurvey: reviewWriter,
    advanceReview: reviewWriter, //                     CERTIFY also needs the commune in scope (review.service.ts)
    correctReview: reviewWriter,
    recordInspection: inspectionWriter,
    addInspectionFinding: inspectionWriter,
    addFollowUpAction: inspectionWriter,
    updateFollowUpAction: inspectionWriter, //          the commune's own officers may report progress too
    registerHousehold: reviewWriter, //                 the commune in scope; rows checked in household.service.ts
    updateHousehold: reviewWriter,
    changeHouseholdHead: reviewWriter,
    addMember: reviewWriter,
    updateMember: reviewWriter,
    recordMemberLeft: reviewWriter,
  },
  PovertyStandard: can(anyone),
  PovertyLine: can(anyone),
  PovertyReview: {
    '*': can(laborOfficer), //                          reviews are the labor registry's own work
    incomePerPerson: personal(ofReviewedHousehold, laborOfficer, personalPurpose),
    deprivedIndicators: personal(ofReviewedHousehold, laborOfficer, personalPurpose),
    reasons: personal(ofReviewedHousehold, laborOfficer, personalPurpose), // they quote income and indicators
  },
  AdminUnit: {
    '*': can(anyone),
    households: can(householdReader),
    inspections: can(inspectionReader),
  },
  AdminUnitLink: can(anyone), //                       reform history is public reference data too
  HouseholdCounts: can(anyone), //                     aggregates, computed over the reader's scope only
  PovertyReport: can(anyone), //                       aggregates too (report/poverty-report.sql.ts)
  PovertyMovements: can(anyone),
  IndicatorDeprivation: can(anyone),
  // The coverage report: aggregates for officers and analysts (the agencies' household sets it
  // requires have the same readers); the list of households nothing reached for officers only.
  CoverageReport: {
    '*': can(coverageReader),
    noneReceived: can(anyOfficer),
  },
  CoverageGroup: can(coverageReader),
  ProjectReach: can(coverageReader),
  CommuneCoverage: can(coverageReader),
  CoverageTargeting: can(coverageReader),
  HouseholdConnection: allow, //                       reached only through a field checked above
  Household: {
    id: can(anyOf(householdReader, dataProtectionOfficer)),
    code: can(anyOf(householdReader, dataProtectionOfficer)),
    commune: can(anyOf(householdReader, dataProtectionOfficer)),
    recordedCommune: can(anyOf(householdReader, dataProtectionOfficer)),
    registeredOn: can(anyOfficer),
    area: can(householdReader),
    category: can(householdReader),
    noWorkingCapacity: can(householdReader),
    ethnicMinority: can(householdReader),
    meritoriousFamily: can(householdReader),
    village: can(anyOfficer), //                       the bank's system needs no address
    address: can(anyOfficer),
    members: can(anyOfficer),
    head: can(anyOfficer), //                           a member: its personal fields are checked on Member
    monthlyIncomePerPerson: personal(ofHousehold, officer('labor'), personalPurpose), // income: labor only
    registryAudit: can(dataProtectionOfficer),
    reviews: can(laborOfficer),
    certifiedCategoryOn: can(householdReader), //       what the bank's eligibility check asks
    // The category history the bank's eligibility check reads through federation (@requires): audited.
    certifiedCategoryPeriods: personal(ofHousehold, householdReader, personalPurpose),
    // A signed statement of the category and the children under 16, for another agency's write: audited.
    registryAttestation: personal(ofHousehold, householdReader, purpose('support-delivery', 'loan-eligibility')),
    movementOn: can(laborOfficer),
  },
  Member: {
    id: can(anyOfficer),
    sex: can(anyOfficer),
    relationToHead: can(anyOfficer),
    fullName: personal(ofMembersHousehold, anyOfficer, personalPurpose),
    dateOfBirth: personal(ofMembersHousehold, anyOfficer, personalPurpose),
    ethnicity: personal(ofMembersHousehold, anyOfficer, personalPurpose), // sensitive data (Decree 13/2023)
    disability: personal(ofMembersHousehold, anyOfficer, personalPurpose), //  health data: sensitive too
    leftOn: can(anyOfficer),
    leftReason: personal(ofMembersHousehold, anyOfficer, personalPurpose), // may say "died", "in prison"
    nationalId: personal(ofMembersHousehold, anyOfficer, personalPurpose), // masked unless a labor officer
  },
  AuditRecord: can(dataProtectionOfficer),
  CategoryPeriod: can(householdReader), //              reached only through the audited field above
  Inspection: can(inspectionReader),
  InspectionTeam: can(inspectionReader),
  InspectionTeamMember: can(inspectionReader),
  InspectionFinding: can(inspectionReader),
  FollowUpActionEvent: can(inspectionReader),
  FollowUpAction: can(inspectionReader),
  InspectionConnection: allow, //                      reached only through a field checked above
  FollowUpActionConnection: allow,
};

export const permissions = mergePermissions(registryPermissions, laborSupports.permissions, laborBudget.permissions);
