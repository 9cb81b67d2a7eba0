import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Project 3 support records, keyed to labor's households by id. */
export class ProductionSupport1763780100000 implements MigrationInterface {
  name = 'ProductionSupport1763780100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE production_support (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id  uuid NOT NULL,
        commune_code  varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL,
        sub_project   varchar(16) NOT NULL CHECK (sub_project IN ('PRODUCTION', 'NUTRITION')),
        kind          varchar(24) NOT NULL,
        description   text NOT NULL,
        quantity      integer NOT NULL CHECK (quantity > 0),
        unit          text NOT NULL,
        value         bigint NOT NULL CHECK (value >= 0),
        delivered_on  date NOT NULL,
        program_year  integer NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX production_support_household_idx ON production_support (household_id)`);
    await q.query(`CREATE INDEX production_support_commune_idx ON production_support (commune_code, delivered_on, id)`);
    await q.query(`CREATE INDEX production_support_province_idx ON production_support (province_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE production_support`);
  }
}
