import { auditTrailMigration, createBudgetTables, createSupportTable, idempotencyMigration } from '@gnbv/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Culture-information's audit trail and its mutations' idempotency keys. */
export class CultureAuditTrail1763900000000 extends auditTrailMigration('CultureAuditTrail1763900000000') {}
export class CultureIdempotency1763900000001 extends idempotencyMigration('CultureIdempotency1763900000001') {}

/*
 * The old kinds and the programme's: a phone for a smartphone, internet access for a subscription
 * and for digital-skills training (both address indicator 11, telecom use). The old kind is kept
 * as the support's description, so `down` can restore it and nothing recorded is lost.
 */
const NEW_KIND = `CASE kind WHEN 'SMARTPHONE' THEN 'PHONE' WHEN 'INTERNET_SUBSCRIPTION' THEN 'INTERNET_ACCESS'
                   WHEN 'DIGITAL_SKILLS_TRAINING' THEN 'INTERNET_ACCESS' ELSE kind END`;
const UNIT = `CASE kind WHEN 'INTERNET_SUBSCRIPTION' THEN 'gói' WHEN 'DIGITAL_SKILLS_TRAINING' THEN 'khóa' ELSE 'chiếc' END`;

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
    // Moved rows were delivered before the registry's statements existed: their category and
    // deprivations on delivery are unknown (null), never guessed.
    await q.query(`
      INSERT INTO support (id, household_id, commune_code, province_code, project, sub_project, kind, description,
                           quantity, unit, value, status, planned_on, delivered_on, delivering_office, program_year,
                           recorded_by, created_at)
      SELECT id, household_id, commune_code, province_code, 6, 1, ${NEW_KIND},
             kind, 1, ${UNIT}, value, 'DELIVERED', delivered_on, delivered_on,
             'Culture and information office', extract(year FROM delivered_on)::int, 'migration', created_at
      FROM information_support`);
    await q.query(`DROP TABLE information_support`);
    // Public information points are information access (6.2); broadcasts, performances and
    // leaflets are communication (6.1), as the catalogue numbers the sub-projects.
    await q.query(`ALTER TABLE communication_product
      ADD COLUMN sub_project smallint NOT NULL DEFAULT 1 CHECK (sub_project IN (1, 2)),
      ADD COLUMN program_year smallint,
      ADD COLUMN households_reached integer CHECK (households_reached >= 0),
      ADD COLUMN producing_office text NOT NULL DEFAULT 'Culture and information office',
      ADD COLUMN recorded_by text NOT NULL DEFAULT 'migration'`);
    await q.query(`UPDATE communication_product SET program_year = extract(year FROM published_on)::int,
      sub_project = CASE kind WHEN 'PUBLIC_INFORMATION_POINT' THEN 1 ELSE 2 END`);
    // The defaults only fill the existing rows: a new row that forgot them must fail, not pass as 'migration'.
    await q.query(`ALTER TABLE communication_product ALTER COLUMN program_year SET NOT NULL,
      ALTER COLUMN sub_project DROP DEFAULT, ALTER COLUMN producing_office DROP DEFAULT, ALTER COLUMN recorded_by DROP DEFAULT,
      ADD CONSTRAINT communication_product_kind CHECK (kind IN ('BROADCAST', 'STAGED_PERFORMANCE', 'LEAFLET', 'PUBLIC_INFORMATION_POINT')),
      ADD CONSTRAINT communication_product_title CHECK (length(title) BETWEEN 1 AND 300),
      ADD CONSTRAINT communication_product_households CHECK (households_reached <= audience_reach)`);
    // Pages read a unit's products newest first, keyed on (published_on, id).
    await q.query(`DROP INDEX communication_product_commune_idx`);
    await q.query(`DROP INDEX communication_product_province_idx`);
    await q.query(
      `CREATE INDEX communication_product_commune_idx ON communication_product (commune_code, published_on DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX communication_product_province_idx ON communication_product (province_code, published_on DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX communication_product_commune_idx`);
    await q.query(`DROP INDEX communication_product_province_idx`);
    await q.query(`CREATE INDEX communication_product_commune_idx ON communication_product (commune_code, published_on)`);
    await q.query(`CREATE INDEX communication_product_province_idx ON communication_product (province_code, published_on)`);
    await q.query(`ALTER TABLE communication_product DROP CONSTRAINT communication_product_kind,
      DROP CONSTRAINT communication_product_title, DROP CONSTRAINT communication_product_households,
      DROP COLUMN sub_project, DROP COLUMN program_year,
      DROP COLUMN households_reached, DROP COLUMN producing_office, DROP COLUMN recorded_by`);
    await q.query(`
      CREATE TABLE information_support (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), household_id uuid NOT NULL, commune_code varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL, kind varchar(32) NOT NULL, value bigint NOT NULL CHECK (value >= 0),
        delivered_on date NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX information_support_household_idx ON information_support (household_id)`);
    await q.query(`CREATE INDEX information_support_commune_idx ON information_support (commune_code)`);
    // The old table held deliveries only: planned and cancelled supports have no place there.
    await q.query(`
      INSERT INTO information_support (id, household_id, commune_code, province_code, kind, value, delivered_on, created_at)
      SELECT id, household_id, commune_code, province_code,
             CASE WHEN description IN ('TELEVISION', 'RADIO', 'SMARTPHONE', 'INTERNET_SUBSCRIPTION', 'DIGITAL_SKILLS_TRAINING')
                  THEN description
                  ELSE CASE kind WHEN 'PHONE' THEN 'SMARTPHONE' WHEN 'INTERNET_ACCESS' THEN 'INTERNET_SUBSCRIPTION' ELSE kind END
             END,
             value, delivered_on, created_at
      FROM support WHERE project = 6 AND status IN ('DELIVERED', 'VERIFIED')`);
    await q.query(`DROP TABLE disbursement`);
    await q.query(`DROP TABLE budget_line`);
    await q.query(`DROP TABLE support`);
  }
}
