import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Project 6: help to households and communication products per commune. */
export class InformationAccess1763780200000 implements MigrationInterface {
  name = 'InformationAccess1763780200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE information_support (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id  uuid NOT NULL,
        commune_code  varchar(5) NOT NULL,
        province_code varchar(2) NOT NULL,
        kind          varchar(32) NOT NULL,
        value         bigint NOT NULL CHECK (value >= 0),
        delivered_on  date NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX information_support_household_idx ON information_support (household_id)`);
    await q.query(`CREATE INDEX information_support_commune_idx ON information_support (commune_code)`);
    await q.query(`
      CREATE TABLE communication_product (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commune_code   varchar(5) NOT NULL,
        province_code  varchar(2) NOT NULL,
        kind           varchar(32) NOT NULL,
        title          text NOT NULL,
        published_on   date NOT NULL,
        audience_reach integer NOT NULL CHECK (audience_reach >= 0),
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX communication_product_commune_idx ON communication_product (commune_code, published_on)`);
    await q.query(`CREATE INDEX communication_product_province_idx ON communication_product (province_code, published_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE communication_product`);
    await q.query(`DROP TABLE information_support`);
  }
}
