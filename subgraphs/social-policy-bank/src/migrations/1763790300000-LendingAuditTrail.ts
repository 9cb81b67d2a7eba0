import { auditTrailMigration } from '@gnbv/kit';

/** The append-only, hash-chained audit trail of who read a household's loan amounts and terms. */
export class LendingAuditTrail1763790300000 extends auditTrailMigration('LendingAuditTrail1763790300000') {}
