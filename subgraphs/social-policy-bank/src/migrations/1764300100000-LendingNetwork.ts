import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The lending network: a transaction point per commune (where the bank meets borrowers on a
 * fixed day of the month), savings-and-loan groups with their village, leader and founding day,
 * and the groups' members over time. New columns of savings_group are nullable, so rows written
 * in the earlier shape (the seed's COPY) still load. Borrowers of existing loans become members
 * of the group they borrowed through, from their first disbursement: a loan was only ever made
 * to a member.
 */
export class LendingNetwork1764300100000 implements MigrationInterface {
  name = 'LendingNetwork1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transaction_point (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commune_code  varchar(5) NOT NULL UNIQUE,
        province_code varchar(2) NOT NULL,
        name          text NOT NULL,
        place         text NOT NULL,
        meeting_day   smallint NOT NULL CHECK (meeting_day BETWEEN 1 AND 31)
      )`);
    await q.query(
      `COMMENT ON COLUMN transaction_point.meeting_day IS 'Day of the month the bank meets borrowers there; the last day of a shorter month.'`,
    );
    await q.query(`CREATE INDEX transaction_point_province_idx ON transaction_point (province_code)`);
    await q.query(`
      ALTER TABLE savings_group
        ADD COLUMN village              text,
        ADD COLUMN leader_household_id  uuid,
        ADD COLUMN founded_on           date,
        ADD COLUMN transaction_point_id uuid REFERENCES transaction_point (id),
        ADD CONSTRAINT savings_group_entrusted_to_check
          CHECK (entrusted_to IN ('WOMENS_UNION', 'FARMERS_UNION', 'VETERANS_ASSOCIATION', 'YOUTH_UNION'))`);
    await q.query(`CREATE INDEX savings_group_province_idx ON savings_group (province_code)`);
    await q.query(`
      CREATE TABLE savings_group_member (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        savings_group_id uuid NOT NULL REFERENCES savings_group (id),
        household_id     uuid NOT NULL,
        joined_on        date NOT NULL,
        left_on          date CHECK (left_on IS NULL OR left_on > joined_on),
        recorded_by      text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`COMMENT ON COLUMN savings_group_member.left_on IS 'First day no longer a member; null while a member.'`);
    // One open membership of a household in a group; a household may belong to several groups.
    await q.query(
      `CREATE UNIQUE INDEX savings_group_member_open_idx ON savings_group_member (savings_group_id, household_id) WHERE left_on IS NULL`,
    );
    await q.query(`CREATE INDEX savings_group_member_household_idx ON savings_group_member (household_id)`);
    await q.query(`CREATE INDEX savings_group_member_group_idx ON savings_group_member (savings_group_id, joined_on)`);
    await q.query(`
      INSERT INTO savings_group_member (savings_group_id, household_id, joined_on, recorded_by)
      SELECT savings_group_id, household_id, min(disbursed_on), 'migration:LendingNetwork1764300100000'
        FROM loan GROUP BY savings_group_id, household_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE savings_group_member`);
    await q.query(`
      ALTER TABLE savings_group DROP CONSTRAINT savings_group_entrusted_to_check,
        DROP COLUMN transaction_point_id, DROP COLUMN founded_on, DROP COLUMN leader_household_id, DROP COLUMN village`);
    await q.query(`DROP INDEX savings_group_province_idx`);
    await q.query(`DROP TABLE transaction_point`);
  }
}
