import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The tables of the shared program shapes, the same in every agency's database: support
 * delivered to households, and budget lines with their disbursements. Each subgraph's migration
 * extends `programTablesMigration(...)` under its own class name.
 */

export async function createSupportTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE support (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      household_id       uuid NOT NULL,
      member_id          uuid,
      commune_code       varchar(5) NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
      province_code      varchar(2) NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
      project            smallint NOT NULL CHECK (project BETWEEN 1 AND 7),
      sub_project        smallint CHECK (sub_project BETWEEN 1 AND 9),
      kind               varchar(32) NOT NULL,
      initiative_id      uuid,
      description        text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
      quantity           numeric(14, 2) NOT NULL CHECK (quantity > 0),
      unit               text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
      value              bigint NOT NULL CHECK (value >= 0),
      status             varchar(12) NOT NULL CHECK (status IN ('PLANNED', 'DELIVERED', 'VERIFIED', 'CANCELLED')),
      planned_on         date NOT NULL,
      delivered_on       date,
      verified_on        date,
      cancelled_on       date,
      cancel_reason      text,
      delivering_office  text NOT NULL CHECK (length(delivering_office) BETWEEN 1 AND 200),
      program_year       smallint NOT NULL CHECK (program_year BETWEEN 2021 AND 2100),
      category_on_delivery varchar(16) CHECK (category_on_delivery IN ('POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR')),
      -- The deprivations of the review in force on delivery, as the registry stated: targeting reports.
      deprived_on_delivery smallint[] CHECK (deprived_on_delivery <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[]),
      attestation_id     uuid,
      recorded_by        text NOT NULL,
      created_at         timestamptz NOT NULL DEFAULT now(),
      updated_at         timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT support_cancel_reason CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL AND cancelled_on IS NOT NULL)),
      CONSTRAINT support_delivered_on CHECK (status NOT IN ('DELIVERED', 'VERIFIED') OR delivered_on IS NOT NULL),
      CONSTRAINT support_verified_on CHECK ((status = 'VERIFIED') = (verified_on IS NOT NULL)),
      CONSTRAINT support_verified_after CHECK (verified_on IS NULL OR verified_on >= delivered_on)
    )`);
  await q.query(`CREATE INDEX support_household_idx ON support (household_id, planned_on, id)`);
  await q.query(`CREATE INDEX support_commune_idx ON support (commune_code, planned_on DESC, id DESC)`);
  await q.query(`CREATE INDEX support_province_idx ON support (province_code, planned_on DESC, id DESC)`);
  await q.query(`CREATE INDEX support_initiative_idx ON support (initiative_id) WHERE initiative_id IS NOT NULL`);
}

export async function createBudgetTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE budget_line (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_code        varchar(5) NOT NULL CHECK (unit_code ~ '^([0-9]{2}|[0-9]{5})$'),
      province_code    varchar(2) NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
      year             smallint NOT NULL CHECK (year BETWEEN 2021 AND 2100),
      project          smallint NOT NULL CHECK (project BETWEEN 1 AND 7),
      sub_project      smallint CHECK (sub_project BETWEEN 1 AND 9),
      funding_source   varchar(16) NOT NULL CHECK (funding_source IN ('CENTRAL_BUDGET', 'LOCAL_BUDGET', 'OTHER')),
      planned          bigint NOT NULL CHECK (planned >= 0),
      allocated        bigint NOT NULL CHECK (allocated >= 0),
      disbursed        bigint NOT NULL DEFAULT 0 CHECK (disbursed >= 0),
      over_allocated   boolean NOT NULL DEFAULT false,
      deadline         date NOT NULL,
      note             text,
      recorded_by      text NOT NULL,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT budget_line_province_unit CHECK (length(unit_code) = 5 OR unit_code = province_code),
      CONSTRAINT budget_line_within_allocation CHECK (disbursed <= allocated OR over_allocated)
    )`);
  await q.query(
    `CREATE UNIQUE INDEX budget_line_key ON budget_line (unit_code, year, project, coalesce(sub_project, 0), funding_source)`,
  );
  await q.query(`CREATE INDEX budget_line_province_idx ON budget_line (province_code, year)`);
  await q.query(`CREATE INDEX budget_line_late_idx ON budget_line (deadline) WHERE disbursed < allocated`);
  await q.query(`
    CREATE TABLE disbursement (
      id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      budget_line_id         uuid NOT NULL REFERENCES budget_line (id),
      amount                 bigint NOT NULL CHECK (amount > 0),
      disbursed_on           date NOT NULL,
      reference              text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
      over_allocation_reason text,
      recorded_by            text NOT NULL,
      created_at             timestamptz NOT NULL DEFAULT now()
    )`);
  await q.query(`CREATE INDEX disbursement_line_idx ON disbursement (budget_line_id, disbursed_on, id)`);
}

/** The migration that makes the support, budget-line and disbursement tables. */
export function programTablesMigration(migrationName: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = migrationName;

    async up(q: QueryRunner): Promise<void> {
      await createSupportTable(q);
      await createBudgetTables(q);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE disbursement`);
      await q.query(`DROP TABLE budget_line`);
      await q.query(`DROP TABLE support`);
    }
  };
}
