import { createDataSource, programEntities, type DatabaseConfig } from '@gnbv/kit';
import { AdminUnit, AdminUnitLinkRow } from './admin-unit/admin-unit.entity';
import { Household } from './household/household.entity';
import {
  FollowUpAction,
  FollowUpActionEvent,
  Inspection,
  InspectionFinding,
  InspectionTeamMember,
} from './inspection/inspection.entity';
import { Member } from './household/member.entity';
import { Registry1763780000000 } from './migrations/1763780000000-Registry';
import { AuditTrail1763790000000 } from './migrations/1763790000000-AuditTrail';
import { PovertyReview1763800000000 } from './migrations/1763800000000-PovertyReview';
import { Idempotency1763800100000 } from './migrations/1763800100000-Idempotency';
import { Inspection1763800200000 } from './migrations/1763800200000-Inspection';
import { AdminUnitHistory1763800300000 } from './migrations/1763800300000-AdminUnitHistory';
import { MemberNationalId1763800400000 } from './migrations/1763800400000-MemberNationalId';
import { FollowUpHistory1763800500000 } from './migrations/1763800500000-FollowUpHistory';
import { RegistryReadIndexes1763800600000 } from './migrations/1763800600000-RegistryReadIndexes';
import { LaborProjects1763900000000 } from './migrations/1763900000000-LaborProjects';
import { PovertyReportIndexes1764400000000 } from './migrations/1764400000000-PovertyReportIndexes';
import { ReportFacts1764500000000 } from './migrations/1764500000000-ReportFacts';
import { PovertyLine, PovertyStandard } from './poverty-standard/poverty-standard.entity';
import { PovertyReview } from './review/review.entity';

export const entities = [
  AdminUnit,
  AdminUnitLinkRow,
  Household,
  Member,
  PovertyStandard,
  PovertyLine,
  PovertyReview,
  Inspection,
  InspectionTeamMember,
  InspectionFinding,
  FollowUpAction,
  FollowUpActionEvent,
  ...programEntities,
];
export const migrations = [
  Registry1763780000000,
  AuditTrail1763790000000,
  PovertyReview1763800000000,
  Idempotency1763800100000,
  Inspection1763800200000,
  AdminUnitHistory1763800300000,
  MemberNationalId1763800400000,
  FollowUpHistory1763800500000,
  RegistryReadIndexes1763800600000,
  LaborProjects1763900000000,
  PovertyReportIndexes1764400000000,
  ReportFacts1764500000000,
];

/** The labor database (not yet connected). */
export function laborDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
