import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Administrative units, households and members: the core of the poverty registry. */
export class Registry1763780000000 implements MigrationInterface {
  name = 'Registry1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_unit (
        code        varchar(5) PRIMARY KEY,
        name        text NOT NULL,
        level       varchar(16) NOT NULL CHECK (level IN ('PROVINCE', 'COMMUNE')),
        parent_code varchar(5) REFERENCES admin_unit (code)
      )`);
    await q.query(`CREATE INDEX admin_unit_parent_idx ON admin_unit (parent_code)`);
    await q.query(`
      CREATE TABLE household (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code                      varchar(32) NOT NULL,
        commune_code              varchar(5) NOT NULL REFERENCES admin_unit (code),
        village                   text NOT NULL,
        address                   text NOT NULL,
        area                      varchar(8) NOT NULL CHECK (area IN ('RURAL', 'URBAN')),
        category                  varchar(16) NOT NULL
                                  CHECK (category IN ('POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR')),
        no_working_capacity       boolean NOT NULL DEFAULT false,
        ethnic_minority           boolean NOT NULL DEFAULT false,
        meritorious_family        boolean NOT NULL DEFAULT false,
        monthly_income_per_person bigint CHECK (monthly_income_per_person >= 0),
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT household_code_per_commune UNIQUE (commune_code, code)
      )`);
    await q.query(`CREATE INDEX household_commune_category_idx ON household (commune_code, category, code, id)`);
    await q.query(`CREATE INDEX household_code_idx ON household (code, id)`);
    await q.query(`
      CREATE TABLE household_member (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id     uuid NOT NULL REFERENCES household (id) ON DELETE CASCADE,
        full_name        text NOT NULL,
        date_of_birth    date NOT NULL,
        sex              varchar(8) NOT NULL CHECK (sex IN ('FEMALE', 'MALE')),
        national_id      char(12) CHECK (national_id ~ '^[0-9]{12}$'),
        relation_to_head varchar(16) NOT NULL,
        ethnicity        text NOT NULL
      )`);
    await q.query(`CREATE INDEX household_member_household_idx ON household_member (household_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE household_member`);
    await q.query(`DROP TABLE household`);
    await q.query(`DROP TABLE admin_unit`);
  }
}
