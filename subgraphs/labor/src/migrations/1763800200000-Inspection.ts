import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspections of communes by provincial teams: the team (its lead and members, officials named
 * as text), the findings by category and severity, and the follow-up actions on each finding
 * with the office responsible, a due date and a status. Done and cancelled actions are final.
 */
export class Inspection1763800200000 implements MigrationInterface {
  name = 'Inspection1763800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commune_code  varchar(5) NOT NULL REFERENCES admin_unit (code),
        started_on    date NOT NULL,
        ended_on      date NOT NULL,
        notes         text CHECK (notes <> ''),
        recorded_by   text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_on >= started_on)
      )`);
    // Lists: by commune (or all in scope), newest first, filtered on dates.
    await q.query(`CREATE INDEX inspection_commune_started_idx ON inspection (commune_code, started_on DESC, id DESC)`);
    await q.query(`CREATE INDEX inspection_started_idx ON inspection (started_on DESC, id DESC)`);

    await q.query(`
      CREATE TABLE inspection_team_member (
        inspection_id  uuid NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
        position       smallint NOT NULL CHECK (position >= 0),
        full_name      text NOT NULL CHECK (full_name <> ''),
        agency         text NOT NULL CHECK (agency <> ''),
        role           text CHECK (role <> ''),
        PRIMARY KEY (inspection_id, position)
      )`);
    // Position 0 is the team lead; the others are members in the order given.

    await q.query(`
      CREATE TABLE inspection_finding (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inspection_id  uuid NOT NULL REFERENCES inspection (id),
        category       varchar(32) NOT NULL CHECK (category IN ('COMMUNICATION', 'LOAN_USE', 'COORDINATION',
                         'SUSTAINABILITY_OF_ESCAPE', 'TARGETING', 'FUND_DISBURSEMENT', 'OTHER')),
        severity       varchar(8) NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
        description    text NOT NULL CHECK (description <> ''),
        recorded_by    text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspection_finding_inspection_idx ON inspection_finding (inspection_id, created_at, id)`);
    await q.query(`CREATE INDEX inspection_finding_category_idx ON inspection_finding (category, inspection_id)`);

    await q.query(`
      CREATE TABLE inspection_action (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id          uuid NOT NULL REFERENCES inspection_finding (id),
        responsible_office  text NOT NULL CHECK (responsible_office <> ''),
        description         text NOT NULL CHECK (description <> ''),
        due_on              date NOT NULL,
        status              varchar(16) NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        status_note         text CHECK (status_note <> ''),
        completed_on        date,
        cancellation_reason text CHECK (cancellation_reason <> ''),
        recorded_by         text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'DONE') = (completed_on IS NOT NULL)),
        CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX inspection_action_finding_idx ON inspection_action (finding_id, due_on, id)`);
    // Overdue actions: open or in progress, due before today.
    await q.query(`CREATE INDEX inspection_action_status_due_idx ON inspection_action (status, due_on, id)`);
    // A done or cancelled action is final: the database refuses a change too, not only the service.
    await q.query(`
      CREATE FUNCTION inspection_action_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('DONE', 'CANCELLED') THEN
          RAISE EXCEPTION 'inspection_action %: a % action is final', OLD.id, OLD.status;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER inspection_action_final BEFORE UPDATE OR DELETE ON inspection_action
                   FOR EACH ROW EXECUTE FUNCTION inspection_action_final()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inspection_action`);
    await q.query(`DROP FUNCTION inspection_action_final()`);
    await q.query(`DROP TABLE inspection_finding`);
    await q.query(`DROP TABLE inspection_team_member`);
    await q.query(`DROP TABLE inspection`);
  }
}
