import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The table, its index and the append-only triggers; called from each owning subgraph's migration. */
export async function createAuditTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE audit_record (
      seq         bigint PRIMARY KEY,
      at          timestamptz NOT NULL,
      request_id  text NOT NULL,
      subject     text NOT NULL,
      agency      text NOT NULL,
      roles       text[] NOT NULL,
      purpose     text,
      operation   text,
      entity_type text NOT NULL,
      entity_ids  text[] NOT NULL,
      fields      text[] NOT NULL,
      decision    text NOT NULL CHECK (decision IN ('allowed', 'denied')),
      prev_hash   char(64) NOT NULL,
      hash        char(64) NOT NULL UNIQUE
    )`);
  await q.query(`CREATE INDEX audit_record_entity_ids_idx ON audit_record USING gin (entity_ids)`);
  await q.query(`
    CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP;
    END $$`);
  await q.query(`CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record
                 FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
  await q.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
                 FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
}

export async function dropAuditTable(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE audit_record`);
  await q.query(`DROP FUNCTION audit_record_append_only()`);
}

/**
 * The migration that makes the audit trail, for an owning subgraph to extend under its own class
 * name: `class AuditTrail1763790000000 extends auditTrailMigration('AuditTrail1763790000000') {}`.
 * `migrationName` is what TypeORM records as run, so it never changes once deployed.
 */
export function auditTrailMigration(migrationName: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = migrationName;

    async up(q: QueryRunner): Promise<void> {
      await createAuditTable(q);
    }

    async down(q: QueryRunner): Promise<void> {
      await dropAuditTable(q);
    }
  };
}
