import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Poverty standards as data (lines per area, the deprivation rule, effective periods), the
 * yearly review of each household under the standard in force on its date, members'
 * disability, and the idempotency keys of the registry's mutations.
 */
export class PovertyReview1763800000000 implements MigrationInterface {
  name = 'PovertyReview1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poverty_standard (
        code             varchar(32) PRIMARY KEY,
        name             text NOT NULL,
        legal_basis      text NOT NULL,
        valid_from       date NOT NULL,
        valid_to         date CHECK (valid_to IS NULL OR valid_to > valid_from),
        min_deprivations smallint NOT NULL CHECK (min_deprivations BETWEEN 1 AND 12)
      )`);
    await q.query(`
      CREATE TABLE poverty_line (
        standard_code               varchar(32) NOT NULL REFERENCES poverty_standard (code),
        area                        varchar(8) NOT NULL CHECK (area IN ('RURAL', 'URBAN')),
        poverty_line                bigint NOT NULL CHECK (poverty_line > 0),
        average_living_upper_bound  bigint CHECK (average_living_upper_bound > poverty_line),
        PRIMARY KEY (standard_code, area)
      )`);
    // The standards in force when this migration was written (domain brief, checked sources).
    // Decree 351/2025 publishes no average-living-standard band in the brief: left unknown.
    await q.query(`
      INSERT INTO poverty_standard (code, name, legal_basis, valid_from, valid_to, min_deprivations) VALUES
        ('ND07-2021', 'Decree 07/2021/NĐ-CP', 'Decree 07/2021/NĐ-CP; kept for 2026 by Decree 351/2025/NĐ-CP', '2022-01-01', '2027-01-01', 3),
        ('ND351-2025', 'Decree 351/2025/NĐ-CP', 'Decree 351/2025/NĐ-CP', '2027-01-01', '2031-01-01', 3)`);
    await q.query(`
      INSERT INTO poverty_line (standard_code, area, poverty_line, average_living_upper_bound) VALUES
        ('ND07-2021', 'RURAL', 1500000, 2250000),
        ('ND07-2021', 'URBAN', 2000000, 3000000),
        ('ND351-2025', 'RURAL', 2200000, NULL),
        ('ND351-2025', 'URBAN', 2800000, NULL)`);

    await q.query(`
      CREATE TABLE poverty_review (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id            uuid NOT NULL REFERENCES household (id),
        year                    smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        review_date             date NOT NULL,
        state                   varchar(16) NOT NULL
                                CHECK (state IN ('DRAFT', 'SURVEYED', 'VILLAGE_AGREED', 'POSTED', 'CERTIFIED')),
        income_per_person       bigint CHECK (income_per_person >= 0),
        deprived_indicators     smallint[] NOT NULL DEFAULT '{}',
        standard_code           varchar(32) REFERENCES poverty_standard (code),
        classification          varchar(24)
                                CHECK (classification IN ('POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE')),
        reasons                 text[] NOT NULL DEFAULT '{}',
        certified_by            text,
        certified_on            date,
        correction_of           uuid UNIQUE REFERENCES poverty_review (id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'CERTIFIED') = (certified_on IS NOT NULL)),
        CHECK (state = 'DRAFT' OR classification IS NOT NULL),
        CHECK (deprived_indicators <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[])
      )`);
    // One review per household and year; a correction is a new record linked to the one it corrects.
    await q.query(
      `CREATE UNIQUE INDEX poverty_review_one_per_year ON poverty_review (household_id, year) WHERE correction_of IS NULL`,
    );
    await q.query(`CREATE INDEX poverty_review_household_idx ON poverty_review (household_id, year DESC)`);
    await q.query(
      `CREATE INDEX poverty_review_year_class_idx ON poverty_review (year, classification) WHERE state = 'CERTIFIED'`,
    );
    await q.query(`CREATE INDEX poverty_review_deprived_idx ON poverty_review USING gin (deprived_indicators)`);
    // A certified review never changes: the database refuses it too, not only the resolvers.
    await q.query(`
      CREATE FUNCTION poverty_review_certified_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state = 'CERTIFIED' THEN
          RAISE EXCEPTION 'poverty_review %: a certified review never changes; record a correction instead', OLD.id;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER poverty_review_final BEFORE UPDATE OR DELETE ON poverty_review
                   FOR EACH ROW EXECUTE FUNCTION poverty_review_certified_is_final()`);

    await q.query(`ALTER TABLE household_member ADD COLUMN disability boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE household_member DROP COLUMN disability`);
    await q.query(`DROP TABLE poverty_review`);
    await q.query(`DROP FUNCTION poverty_review_certified_is_final()`);
    await q.query(`DROP TABLE poverty_line`);
    await q.query(`DROP TABLE poverty_standard`);
  }
}
