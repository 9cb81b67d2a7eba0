import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * VBSP lending programmes as data with effective periods: one row per version of a programme,
 * [valid_from, valid_to), never two versions of a code in force on the same day. A loan keeps
 * the version in force on its disbursement day (rate fixed then); a later version changes no
 * existing loan.
 *
 * The versions seeded here follow ../shared/domain.md. Facts marked [V] there are checked; the
 * others [R] are recalled and are data to be corrected by a new version, never code:
 * - poor households: 6.6 %/yr [V], overdue 130 % of it [V]; ceiling 100,000,000 per household [R],
 *   raised from an earlier 50,000,000 [R] on 2022-07-01 [R] (the earlier version is kept so that
 *   "the ceiling on a date" has history); term up to 120 months [R];
 * - near-poor households: 7.92 %/yr [R] (130 % of the poor rate is the legal maximum [V]);
 * - newly escaped households: 8.25 %/yr [V] (125 % of the poor rate), term up to 60 months [R];
 * - clean water and sanitation: 9 %/yr [R], up to 25,000,000 per facility [R] (held here as the
 *   ceiling per household), open to any household of the registry;
 * - job creation: ILLUSTRATIVE values (7.92 %/yr, 100,000,000, 120 months), to be replaced by
 *   the real terms before use.
 * Overdue rates are 130 % of the rate, rounded to 3 decimals.
 */

interface Version {
  code: string;
  name: string;
  from: string;
  to: string | null;
  rate: number;
  ceiling: number;
  term: number;
  qualifying: string[];
  basis: string;
}

const overdueRate = (rate: number) => Math.round(rate * 1.3 * 1000) / 1000;

const SEEDED_PROGRAMMES: readonly Version[] = [
  {
    code: 'POOR_HOUSEHOLD',
    name: 'Cho vay hộ nghèo',
    from: '2010-01-01',
    to: '2022-07-01',
    rate: 6.6,
    ceiling: 50_000_000,
    term: 120,
    qualifying: ['POOR'],
    basis: 'Decree 78/2002/NĐ-CP; ceiling 50m VND [R]',
  },
  {
    code: 'POOR_HOUSEHOLD',
    name: 'Cho vay hộ nghèo',
    from: '2022-07-01',
    to: null,
    rate: 6.6,
    ceiling: 100_000_000,
    term: 120,
    qualifying: ['POOR'],
    basis: 'Decree 78/2002/NĐ-CP; ceiling 100m VND without collateral [R]',
  },
  {
    code: 'NEAR_POOR_HOUSEHOLD',
    name: 'Cho vay hộ cận nghèo',
    from: '2010-01-01',
    to: null,
    rate: 7.92,
    ceiling: 100_000_000,
    term: 120,
    qualifying: ['NEAR_POOR'],
    basis: 'at most 130 % of the poor-household rate [V]; 7.92 % [R]',
  },
  {
    code: 'NEWLY_ESCAPED_HOUSEHOLD',
    name: 'Cho vay hộ mới thoát nghèo',
    from: '2010-01-01',
    to: null,
    rate: 8.25,
    ceiling: 100_000_000,
    term: 60,
    qualifying: ['NEWLY_ESCAPED'],
    basis: '125 % of the poor-household rate [V]; term up to 5 years [R]',
  },
  {
    code: 'CLEAN_WATER_SANITATION',
    name: 'Cho vay nước sạch và vệ sinh môi trường nông thôn',
    from: '2010-01-01',
    to: null,
    rate: 9,
    ceiling: 25_000_000,
    term: 60,
    qualifying: [],
    basis: '9 % and 25m VND per facility [R]',
  },
  {
    code: 'JOB_CREATION',
    name: 'Cho vay hỗ trợ tạo việc làm',
    from: '2010-01-01',
    to: null,
    rate: 7.92,
    ceiling: 100_000_000,
    term: 120,
    qualifying: [],
    basis: 'ILLUSTRATIVE terms, not checked against the legal text',
  },
];

export class LoanProgrammes1764300000000 implements MigrationInterface {
  name = 'LoanProgrammes1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE loan_programme (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code                  varchar(32) NOT NULL CHECK (code IN ('POOR_HOUSEHOLD', 'NEAR_POOR_HOUSEHOLD',
                                'NEWLY_ESCAPED_HOUSEHOLD', 'CLEAN_WATER_SANITATION', 'JOB_CREATION')),
        name                  text NOT NULL,
        valid_from            date NOT NULL,
        valid_to              date CHECK (valid_to IS NULL OR valid_to > valid_from),
        annual_rate_percent   numeric(6, 3) NOT NULL CHECK (annual_rate_percent > 0 AND annual_rate_percent < 100),
        overdue_rate_percent  numeric(6, 3) NOT NULL CHECK (overdue_rate_percent >= annual_rate_percent),
        ceiling_per_household bigint NOT NULL CHECK (ceiling_per_household > 0),
        max_term_months       integer NOT NULL CHECK (max_term_months BETWEEN 1 AND 240),
        qualifying_categories text[] NOT NULL DEFAULT '{}'
                              CHECK (qualifying_categories <@ ARRAY['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR']::text[]),
        basis                 text,
        UNIQUE (code, valid_from)
      )`);
    await q.query(`COMMENT ON COLUMN loan_programme.valid_to IS 'First day no longer in force (exclusive); null while open.'`);
    await q.query(
      `COMMENT ON COLUMN loan_programme.qualifying_categories IS 'Certified categories that may borrow; empty: any household of the registry.'`,
    );
    // btree_gist (for an exclusion constraint) is not available everywhere this runs (PGlite):
    // a trigger refuses overlapping versions, serialised per code by an advisory lock.
    await q.query(`
      CREATE FUNCTION loan_programme_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('loan_programme:' || NEW.code));
        IF EXISTS (SELECT 1 FROM loan_programme p
                    WHERE p.code = NEW.code AND p.id <> NEW.id
                      AND daterange(p.valid_from, p.valid_to) && daterange(NEW.valid_from, NEW.valid_to)) THEN
          RAISE EXCEPTION 'loan programme % already has a version in force between % and %',
            NEW.code, NEW.valid_from, coalesce(NEW.valid_to::text, 'open')
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'loan_programme_no_overlap';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER loan_programme_no_overlap BEFORE INSERT OR UPDATE ON loan_programme
        FOR EACH ROW EXECUTE FUNCTION loan_programme_no_overlap()`);
    for (const v of SEEDED_PROGRAMMES) {
      await q.query(
        `INSERT INTO loan_programme (code, name, valid_from, valid_to, annual_rate_percent, overdue_rate_percent,
                                     ceiling_per_household, max_term_months, qualifying_categories, basis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [v.code, v.name, v.from, v.to, v.rate, overdueRate(v.rate), v.ceiling, v.term, v.qualifying, v.basis],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE loan_programme`);
    await q.query(`DROP FUNCTION loan_programme_no_overlap()`);
  }
}
