import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every status change of a follow-up action, kept: the action row holds only the latest status and
 * note, so each change (with its note or cancellation reason, who and when) is also appended here.
 * Existing actions get one event for the state they are in, dated when they were last changed.
 */
export class FollowUpHistory1763800500000 implements MigrationInterface {
  name = 'FollowUpHistory1763800500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_action_event (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id    uuid NOT NULL REFERENCES inspection_action (id) ON DELETE CASCADE,
        at           timestamptz NOT NULL DEFAULT now(),
        from_status  varchar(16),
        to_status    varchar(16) NOT NULL,
        note         text CHECK (note <> ''),
        reason       text CHECK (reason <> ''),
        recorded_by  text NOT NULL
      )`);
    await q.query(`CREATE INDEX inspection_action_event_action_idx ON inspection_action_event (action_id, at, id)`);
    await q.query(`
      INSERT INTO inspection_action_event (action_id, at, from_status, to_status, note, reason, recorded_by)
      SELECT id, updated_at, NULL, status, status_note, cancellation_reason, recorded_by FROM inspection_action`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inspection_action_event`);
  }
}
