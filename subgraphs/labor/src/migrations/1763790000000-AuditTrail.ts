import { auditTrailMigration } from '@gnbv/kit';

/** The append-only, hash-chained audit trail of the registry's personal data. */
export class AuditTrail1763790000000 extends auditTrailMigration('AuditTrail1763790000000') {}
