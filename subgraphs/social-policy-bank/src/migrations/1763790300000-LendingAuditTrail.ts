import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTable, dropAuditTable } from '@gnbv/kit';

/** The append-only, hash-chained audit trail of who read a household's loan amounts and terms. */
export class LendingAuditTrail1763790300000 implements MigrationInterface {
  name = 'LendingAuditTrail1763790300000';

  async up(q: QueryRunner): Promise<void> {
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAuditTable(q);
  }
}
