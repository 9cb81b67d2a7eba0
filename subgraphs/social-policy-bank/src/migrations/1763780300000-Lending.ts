import type { MigrationInterface, QueryRunner } from 'typeorm';

/** VBSP savings-and-loan groups and loans to households. */
export class Lending1763780300000 implements MigrationInterface {
  name = 'Lending1763780300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE savings_group (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code          varchar(32) NOT NULL UNIQUE,
        name          text NOT NULL,
        commune_code  varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL,
        entrusted_to  varchar(32) NOT NULL
      )`);
    await q.query(`CREATE INDEX savings_group_commune_idx ON savings_group (commune_code)`);
    await q.query(`
      CREATE TABLE loan (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id        uuid NOT NULL,
        commune_code        varchar(5) NOT NULL,
        province_code       varchar(2) NOT NULL,
        savings_group_id    uuid NOT NULL REFERENCES savings_group (id),
        program             varchar(32) NOT NULL,
        principal           bigint NOT NULL CHECK (principal > 0),
        outstanding         bigint NOT NULL CHECK (outstanding >= 0 AND outstanding <= principal),
        annual_rate_percent numeric(5, 2) NOT NULL CHECK (annual_rate_percent >= 0),
        purpose             text NOT NULL,
        disbursed_on        date NOT NULL,
        matures_on          date NOT NULL CHECK (matures_on > disbursed_on),
        status              varchar(16) NOT NULL CHECK (status IN ('CURRENT', 'OVERDUE', 'REPAID')),
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX loan_household_idx ON loan (household_id)`);
    await q.query(`CREATE INDEX loan_commune_idx ON loan (commune_code, status)`);
    await q.query(`CREATE INDEX loan_province_idx ON loan (province_code, status)`);
    await q.query(`CREATE INDEX loan_savings_group_idx ON loan (savings_group_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE loan`);
    await q.query(`DROP TABLE savings_group`);
  }
}
