import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Loans with a life: APPLIED → APPROVED → DISBURSED → REPAYING → SETTLED, or REJECTED / WRITTEN_OFF;
 * a repayment schedule made at disbursement (loan_instalment), repayments of principal and
 * interest (loan_repayment) and purpose checks (loan_purpose_check). The balance and what is
 * overdue are computed from the schedule and the repayments (loan-standing.ts), never stored.
 *
 * Rows in the earlier shape keep loading (the seed's COPY and the demo insert them so): a row
 * whose status is CURRENT, OVERDUE or REPAID is taken in by `loan_legacy_intake` (before the
 * row is written) and `loan_legacy_schedule` (after the statement):
 * - the request is the principal, applied and approved on the disbursement day; the term is the
 *   months from disbursement to maturity; the programme version is the one in force that day;
 *   the overdue rate that version's; the category at disbursement the one the programme
 *   required (none for clean water or job creation);
 * - the schedule follows the rule of loan.rules.ts (equal principal every 6 months, the last
 *   instalment at maturity takes the remainder);
 * - what was repaid (principal − outstanding; all of it when REPAID) is one repayment dated on
 *   the intake day (never before disbursement, never after maturity), noted as carried over;
 * - status: SETTLED when nothing is owed (settled that day), REPAYING when part was repaid,
 *   DISBURSED otherwise. CURRENT and OVERDUE are not kept: overdue is computed;
 * - the borrower becomes a member of the group from the disbursement day, if not one already.
 * `outstanding` keeps the balance a row carried in; it is read by the intake only (null for
 * loans made here). The existing rows are taken in the same way by this migration.
 */
export class LoanLifecycle1764300200000 implements MigrationInterface {
  name = 'LoanLifecycle1764300200000';

  async up(q: QueryRunner): Promise<void> {
    // Existing rows go out and come back in through the intake, so they follow the one rule.
    await q.query(`CREATE TEMP TABLE loan_before_lifecycle AS SELECT * FROM loan`);
    await q.query(`DELETE FROM loan`);
    await q.query(`ALTER TABLE loan DROP CONSTRAINT loan_status_check`);
    await q.query(`
      ALTER TABLE loan
        ALTER COLUMN principal DROP NOT NULL,
        ALTER COLUMN outstanding DROP NOT NULL,
        ALTER COLUMN annual_rate_percent DROP NOT NULL,
        ALTER COLUMN annual_rate_percent TYPE numeric(6, 3),
        ALTER COLUMN disbursed_on DROP NOT NULL,
        ALTER COLUMN matures_on DROP NOT NULL,
        ADD COLUMN programme_id             uuid REFERENCES loan_programme (id),
        ADD COLUMN amount_requested         bigint NOT NULL CHECK (amount_requested > 0),
        ADD COLUMN term_months              integer NOT NULL CHECK (term_months BETWEEN 1 AND 240),
        ADD COLUMN applied_on               date NOT NULL,
        ADD COLUMN approved_on              date,
        ADD COLUMN overdue_rate_percent     numeric(6, 3),
        ADD COLUMN category_at_disbursement varchar(16)
                   CHECK (category_at_disbursement IN ('POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR')),
        ADD COLUMN attestation_id           uuid,
        ADD COLUMN settled_on               date,
        ADD COLUMN rejected_on              date,
        ADD COLUMN rejection_reason         text,
        ADD COLUMN written_off_on           date,
        ADD COLUMN write_off_reason         text,
        ADD COLUMN recorded_by              text,
        ADD CONSTRAINT loan_program_check CHECK (program IN ('POOR_HOUSEHOLD', 'NEAR_POOR_HOUSEHOLD',
          'NEWLY_ESCAPED_HOUSEHOLD', 'CLEAN_WATER_SANITATION', 'JOB_CREATION')),
        ADD CONSTRAINT loan_status_check CHECK (status IN ('APPLIED', 'APPROVED', 'DISBURSED', 'REPAYING',
          'SETTLED', 'REJECTED', 'WRITTEN_OFF')),
        ADD CONSTRAINT loan_principal_within_request CHECK (principal IS NULL OR principal <= amount_requested),
        ADD CONSTRAINT loan_dates_in_order CHECK (approved_on >= applied_on AND disbursed_on >= approved_on
          AND settled_on >= disbursed_on AND written_off_on >= disbursed_on AND rejected_on >= applied_on),
        ADD CONSTRAINT loan_state_check CHECK (CASE status
          WHEN 'APPLIED' THEN approved_on IS NULL AND disbursed_on IS NULL
          WHEN 'APPROVED' THEN approved_on IS NOT NULL AND principal IS NOT NULL AND disbursed_on IS NULL
          WHEN 'REJECTED' THEN rejected_on IS NOT NULL AND rejection_reason IS NOT NULL AND disbursed_on IS NULL
          ELSE disbursed_on IS NOT NULL AND matures_on IS NOT NULL AND principal IS NOT NULL
               AND annual_rate_percent IS NOT NULL AND overdue_rate_percent IS NOT NULL
               AND (status <> 'SETTLED' OR settled_on IS NOT NULL)
               AND (status <> 'WRITTEN_OFF' OR (written_off_on IS NOT NULL AND write_off_reason IS NOT NULL))
          END)`);
    await q.query(
      `COMMENT ON COLUMN loan.outstanding IS 'Legacy intake only: the balance a row in the earlier shape carried in. The balance is computed from loan_repayment.'`,
    );
    await q.query(`COMMENT ON COLUMN loan.programme_id IS 'The programme version in force on the disbursement day.'`);
    await q.query(`CREATE INDEX loan_status_idx ON loan (status)`);

    await q.query(`
      CREATE TABLE loan_instalment (
        loan_id   uuid NOT NULL REFERENCES loan (id),
        number    smallint NOT NULL CHECK (number >= 1),
        due_on    date NOT NULL,
        principal bigint NOT NULL CHECK (principal >= 0),
        PRIMARY KEY (loan_id, number)
      )`);
    await q.query(`
      CREATE TABLE loan_repayment (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        loan_id     uuid NOT NULL REFERENCES loan (id),
        paid_on     date NOT NULL,
        principal   bigint NOT NULL DEFAULT 0 CHECK (principal >= 0),
        interest    bigint NOT NULL DEFAULT 0 CHECK (interest >= 0),
        note        text,
        recorded_by text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (principal + interest > 0)
      )`);
    await q.query(`CREATE INDEX loan_repayment_loan_idx ON loan_repayment (loan_id, paid_on)`);
    await q.query(`
      CREATE TABLE loan_purpose_check (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        loan_id     uuid NOT NULL REFERENCES loan (id),
        checked_on  date NOT NULL,
        checked_by  varchar(16) NOT NULL CHECK (checked_by IN ('SAVINGS_GROUP', 'INSPECTION')),
        finding     varchar(16) NOT NULL CHECK (finding IN ('AS_DECLARED', 'WRONG_PURPOSE')),
        note        text,
        recorded_by text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (finding = 'AS_DECLARED' OR note IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX loan_purpose_check_loan_idx ON loan_purpose_check (loan_id, checked_on)`);

    await q.query(`
      CREATE FUNCTION loan_legacy_intake() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        span interval;
        version loan_programme%ROWTYPE;
        repaid_on date;
      BEGIN
        IF NEW.status NOT IN ('CURRENT', 'OVERDUE', 'REPAID') THEN
          IF NEW.outstanding IS NOT NULL THEN
            RAISE EXCEPTION 'loan.outstanding is for rows in the earlier shape only: record repayments instead'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'loan_outstanding_legacy_only';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.principal IS NULL OR NEW.disbursed_on IS NULL OR NEW.matures_on IS NULL OR NEW.annual_rate_percent IS NULL THEN
          RAISE EXCEPTION 'a loan in the earlier shape (status %) needs principal, annual_rate_percent, disbursed_on and matures_on', NEW.status
            USING ERRCODE = 'not_null_violation';
        END IF;
        NEW.outstanding := CASE WHEN NEW.status = 'REPAID' THEN 0 ELSE coalesce(NEW.outstanding, NEW.principal) END;
        span := age(NEW.matures_on, NEW.disbursed_on);
        NEW.term_months := coalesce(NEW.term_months, extract(year FROM span)::int * 12 + extract(month FROM span)::int
                                                     + CASE WHEN extract(day FROM span) > 0 THEN 1 ELSE 0 END);
        NEW.amount_requested := coalesce(NEW.amount_requested, NEW.principal);
        NEW.applied_on := coalesce(NEW.applied_on, NEW.disbursed_on);
        NEW.approved_on := coalesce(NEW.approved_on, NEW.disbursed_on);
        SELECT * INTO version FROM loan_programme p
         WHERE p.code = NEW.program AND daterange(p.valid_from, p.valid_to) @> NEW.disbursed_on;
        NEW.programme_id := coalesce(NEW.programme_id, version.id);
        NEW.overdue_rate_percent := coalesce(NEW.overdue_rate_percent, version.overdue_rate_percent,
                                             round(NEW.annual_rate_percent * 1.3, 3));
        NEW.category_at_disbursement := coalesce(NEW.category_at_disbursement, CASE NEW.program
          WHEN 'POOR_HOUSEHOLD' THEN 'POOR' WHEN 'NEAR_POOR_HOUSEHOLD' THEN 'NEAR_POOR'
          WHEN 'NEWLY_ESCAPED_HOUSEHOLD' THEN 'NEWLY_ESCAPED' END);
        repaid_on := greatest(NEW.disbursed_on, least(current_date, NEW.matures_on));
        NEW.settled_on := CASE WHEN NEW.outstanding = 0 THEN repaid_on END;
        NEW.status := CASE WHEN NEW.outstanding = 0 THEN 'SETTLED'
                           WHEN NEW.outstanding < NEW.principal THEN 'REPAYING' ELSE 'DISBURSED' END;
        NEW.recorded_by := coalesce(NEW.recorded_by, 'legacy-intake');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER loan_legacy_intake BEFORE INSERT ON loan
        FOR EACH ROW EXECUTE FUNCTION loan_legacy_intake()`);
    await q.query(`
      CREATE FUNCTION loan_legacy_schedule() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO loan_instalment (loan_id, number, due_on, principal)
        SELECT l.id, k, (l.disbursed_on + make_interval(months => least(6 * k, l.term_months)))::date,
               CASE WHEN k = n THEN l.principal - (n - 1) * (l.principal / n) ELSE l.principal / n END
          FROM legacy_rows l
         CROSS JOIN LATERAL (SELECT ((l.term_months + 5) / 6)::int AS n) c
         CROSS JOIN LATERAL generate_series(1, c.n) AS k
         WHERE l.outstanding IS NOT NULL;
        INSERT INTO loan_repayment (loan_id, paid_on, principal, interest, note, recorded_by)
        SELECT l.id, greatest(l.disbursed_on, least(current_date, l.matures_on)), l.principal - l.outstanding, 0,
               'carried over from the previous loan book', 'legacy-intake'
          FROM legacy_rows l
         WHERE l.outstanding IS NOT NULL AND l.outstanding < l.principal;
        INSERT INTO savings_group_member (savings_group_id, household_id, joined_on, recorded_by)
        SELECT l.savings_group_id, l.household_id, min(l.disbursed_on), 'legacy-intake'
          FROM legacy_rows l
         WHERE l.outstanding IS NOT NULL
         GROUP BY l.savings_group_id, l.household_id
        ON CONFLICT (savings_group_id, household_id) WHERE left_on IS NULL DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER loan_legacy_schedule AFTER INSERT ON loan
        REFERENCING NEW TABLE AS legacy_rows
        FOR EACH STATEMENT EXECUTE FUNCTION loan_legacy_schedule()`);

    await q.query(`
      INSERT INTO loan (id, household_id, commune_code, province_code, savings_group_id, program, principal,
                        outstanding, annual_rate_percent, purpose, disbursed_on, matures_on, status, created_at)
      SELECT id, household_id, commune_code, province_code, savings_group_id, program, principal,
             outstanding, annual_rate_percent, purpose, disbursed_on, matures_on, status, created_at
        FROM loan_before_lifecycle`);
    await q.query(`DROP TABLE loan_before_lifecycle`);
  }

  async down(): Promise<void> {
    // Repayments and schedules cannot be folded back into one balance and a CURRENT/OVERDUE label
    // without losing what happened: restore from a backup taken before the migration instead.
    throw new Error('LoanLifecycle1764300200000 cannot be reverted: restore the database from a backup');
  }
}
