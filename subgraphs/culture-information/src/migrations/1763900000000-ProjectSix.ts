import { auditTrailMigration, createBudgetTables, createSupportTable, idempotencyMigration } from '@gnbv/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Culture-information's audit trail and its mutations' idempotency keys. */
export class CultureAuditTrail1763900000000 extends auditTrailMigration('CultureAuditTrail1763900000000') {}
export class CultureIdempotency1763900000001 extends idempotencyMigration('CultureIdempotency1763900000001') {}

/**
 * Project 6 in the shared program shape: information-access supports (moved from
 * information_support), budget lines and disbursements; communication products gain their
 * programme year, sub-project and the households they reached.
 */
export class ProjectSix1763900000002 implements MigrationInterface {
  name = 'ProjectSix1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await createSupportTable(q);
    await createBudgetTables(q);
    await q.query(`
      INSERT INTO support (id, household_id, commune_code, province_code, project, sub_project, kind, description,
                           quantity, unit, value, status, planned_on, delivered_on, delivering_office, program_year,
                           recorded_by, created_at)
      SELECT id, household_id, commune_code, province_code, 6, 2,
             CASE kind WHEN 'SMARTPHONE' THEN 'PHONE' WHEN 'INTERNET_SUBSCRIPTION' THEN 'INTERNET_ACCESS'
                       WHEN 'DIGITAL_SKILLS_TRAINING' THEN 'INTERNET_ACCESS' ELSE kind END,
             kind, 1, 'chiếc', value, 'DELIVERED', delivered_on, delivered_on,
             'Culture and information office', extract(year FROM delivered_on)::int, 'migration', created_at
      FROM information_support`);
    await q.query(`DROP TABLE information_support`);
    await q.query(`ALTER TABLE communication_product
      ADD COLUMN sub_project smallint NOT NULL DEFAULT 1 CHECK (sub_project IN (1, 2)),
      ADD COLUMN program_year smallint,
      ADD COLUMN households_reached integer CHECK (households_reached >= 0),
      ADD COLUMN producing_office text NOT NULL DEFAULT 'Culture and information office',
      ADD COLUMN recorded_by text NOT NULL DEFAULT 'migration'`);
    await q.query(`UPDATE communication_product SET program_year = extract(year FROM published_on)::int`);
    await q.query(`ALTER TABLE communication_product ALTER COLUMN program_year SET NOT NULL,
      ADD CONSTRAINT communication_product_kind CHECK (kind IN ('BROADCAST', 'STAGED_PERFORMANCE', 'LEAFLET', 'PUBLIC_INFORMATION_POINT')),
      ADD CONSTRAINT communication_product_title CHECK (length(title) BETWEEN 1 AND 300)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE communication_product DROP CONSTRAINT communication_product_kind,
      DROP CONSTRAINT communication_product_title, DROP COLUMN sub_project, DROP COLUMN program_year,
      DROP COLUMN households_reached, DROP COLUMN producing_office, DROP COLUMN recorded_by`);
    await q.query(`
      CREATE TABLE information_support (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), household_id uuid NOT NULL, commune_code varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL, kind varchar(32) NOT NULL, value bigint NOT NULL CHECK (value >= 0),
        delivered_on date NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`DROP TABLE disbursement`);
    await q.query(`DROP TABLE budget_line`);
    await q.query(`DROP TABLE support`);
  }
}
