import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable, dropAuditTable } from '@gnbv/kit';

/** The append-only, hash-chained audit trail of the registry's personal data. */
export class AuditTrail1763790000000 implements MigrationInterface {
  name = 'AuditTrail1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAuditTable(q);
  }
}
