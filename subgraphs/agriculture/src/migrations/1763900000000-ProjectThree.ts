import { auditTrailMigration, createBudgetTables, createSupportTable, idempotencyMigration } from '@gnbv/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agriculture's audit trail (personal data it reads and every write) and its mutations' idempotency keys. */
export class AgricultureAuditTrail1763900000000 extends auditTrailMigration('AgricultureAuditTrail1763900000000') {}
export class AgricultureIdempotency1763900000001 extends idempotencyMigration('AgricultureIdempotency1763900000001') {}

/** The earlier shape's kinds and the programme kind each became (the rest kept their name). */
const OLD_KINDS: Record<string, string> = {
  SEEDS: 'SEEDS',
  BREEDING_ANIMALS: 'BREEDING_ANIMALS',
  INPUTS: 'FERTILISER',
  TRAINING: 'PRODUCTION_TRAINING',
  // A production model delivered to a household was extension work around a model: the nearest Project 3 kind.
  PRODUCTION_MODEL: 'EXTENSION_ADVICE',
  NUTRITION_PACKAGE: 'NUTRITION_PACKAGE',
};
const NEW_KINDS: Record<string, string> = Object.fromEntries(Object.entries(OLD_KINDS).map(([from, to]) => [to, from]));

/** `CASE column WHEN 'a' THEN 'b' ... ELSE column END` over constants of this file (no input reaches it). */
const kindCase = (column: string, map: Record<string, string>) =>
  `CASE ${column} ${Object.entries(map)
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
    .join(' ')} ELSE ${column} END`;

/**
 * Project 3 in the shared program shape: supports (moved from production_support), budget lines
 * and disbursements, and production projects and models with their participating households.
 */
export class ProjectThree1763900000002 implements MigrationInterface {
  name = 'ProjectThree1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await createSupportTable(q);
    await createBudgetTables(q);
    await q.query(`
      CREATE TABLE production_project (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code           varchar(40) NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{3,40}$'),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        model          varchar(32) NOT NULL,
        commune_code   varchar(5) NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
        province_code  varchar(2) NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
        sub_project    smallint NOT NULL DEFAULT 1 CHECK (sub_project IN (1, 2)),
        program_year   smallint NOT NULL CHECK (program_year BETWEEN 2021 AND 2100),
        starts_on      date NOT NULL,
        ends_on        date,
        budget         bigint NOT NULL CHECK (budget >= 0),
        lead_office    text NOT NULL,
        description    text,
        recorded_by    text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX production_project_commune_idx ON production_project (commune_code, program_year)`);
    await q.query(`CREATE INDEX production_project_province_idx ON production_project (province_code, program_year)`);
    await q.query(`
      CREATE TABLE production_project_participant (
        project_id    uuid NOT NULL REFERENCES production_project (id),
        household_id  uuid NOT NULL,
        joined_on     date NOT NULL,
        left_on       date,
        attestation_id uuid,
        category_on_joining varchar(16) CHECK (category_on_joining IN ('POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR')),
        recorded_by   text NOT NULL,
        PRIMARY KEY (project_id, household_id),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    await q.query(`CREATE INDEX production_participant_household_idx ON production_project_participant (household_id)`);
    // The earlier shape's records, kept: each becomes a delivered Project 3 support. Its
    // sub-project follows from its kind, as for every new record (the old columns could disagree).
    const unknown: Array<{ kind: string }> = await q.query(
      `SELECT DISTINCT kind FROM production_support WHERE kind NOT IN (${Object.keys(OLD_KINDS)
        .map((k) => `'${k}'`)
        .join(', ')}) ORDER BY kind`,
    );
    if (unknown.length > 0)
      throw new Error(
        `production_support holds kinds with no Project 3 equivalent (${unknown.map((r) => r.kind).join(', ')}): map them in OLD_KINDS first`,
      );
    await q.query(`
      INSERT INTO support (id, household_id, commune_code, province_code, project, sub_project, kind, description,
                           quantity, unit, value, status, planned_on, delivered_on, delivering_office, program_year,
                           recorded_by, created_at)
      SELECT id, household_id, commune_code, province_code, 3,
             CASE kind WHEN 'NUTRITION_PACKAGE' THEN 2 ELSE 1 END,
             ${kindCase('kind', OLD_KINDS)},
             description, quantity, unit, value, 'DELIVERED', delivered_on, delivered_on,
             'Agriculture office', program_year, 'migration', created_at
      FROM production_support`);
    await q.query(`DROP TABLE production_support`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the earlier shape, as far as it goes: delivered and verified Project 3 supports
    // return (planned and cancelled ones, statements, members and initiatives have no column there).
    await q.query(`
      CREATE TABLE production_support (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), household_id uuid NOT NULL, commune_code varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL, sub_project varchar(16) NOT NULL CHECK (sub_project IN ('PRODUCTION', 'NUTRITION')),
        kind varchar(24) NOT NULL, description text NOT NULL, quantity integer NOT NULL CHECK (quantity > 0), unit text NOT NULL,
        value bigint NOT NULL CHECK (value >= 0), delivered_on date NOT NULL, program_year integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX production_support_household_idx ON production_support (household_id)`);
    await q.query(`CREATE INDEX production_support_commune_idx ON production_support (commune_code, delivered_on, id)`);
    await q.query(`CREATE INDEX production_support_province_idx ON production_support (province_code)`);
    await q.query(`
      INSERT INTO production_support (id, household_id, commune_code, province_code, sub_project, kind, description,
                                      quantity, unit, value, delivered_on, program_year, created_at)
      SELECT id, household_id, commune_code, province_code, CASE sub_project WHEN 2 THEN 'NUTRITION' ELSE 'PRODUCTION' END,
             ${kindCase('kind', NEW_KINDS)}, description, ceil(quantity)::integer, unit, value, delivered_on,
             program_year, created_at
      FROM support WHERE project = 3 AND status IN ('DELIVERED', 'VERIFIED')`);
    await q.query(`DROP TABLE production_project_participant`);
    await q.query(`DROP TABLE production_project`);
    await q.query(`DROP TABLE disbursement`);
    await q.query(`DROP TABLE budget_line`);
    await q.query(`DROP TABLE support`);
  }
}
