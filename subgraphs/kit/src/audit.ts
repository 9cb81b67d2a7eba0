import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ArgsType, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { badInput, ErrorCode, type Principal, type Purpose } from '@gnbv/platform';

/*
 * The audit trail of personal data. Every subgraph that owns personal data keeps one in its own
 * database: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained (each
 * record holds the hash of the one before, and its own hash covers that). Writers serialise on an
 * advisory lock, so concurrent requests never fork the chain.
 */

export type AuditDecision = 'allowed' | 'denied';

/** One request's use of one kind of data subject, as written to the trail. */
export interface AuditGroup {
  entityType: string;
  entityIds: string[];
  fields: string[];
  decision: AuditDecision;
}

/** What a request is: who, why, which operation. */
export interface AuditIdentity {
  requestId: string;
  principal: Principal;
  purpose?: Purpose | undefined;
  operationName?: string | undefined;
}

/** Collects, during one request, which personal fields of which data subjects were asked for. */
export class AuditCollector {
  private readonly groups = new Map<
    string,
    { entityType: string; decision: AuditDecision; ids: Set<string>; fields: Set<string> }
  >();

  note(entityType: string, entityId: string, field: string, decision: AuditDecision): void {
    const key = `${entityType}\u0000${decision}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { entityType, decision, ids: new Set(), fields: new Set() };
      this.groups.set(key, group);
    }
    group.ids.add(entityId);
    group.fields.add(field);
  }

  get isEmpty(): boolean {
    return this.groups.size === 0;
  }

  drain(): AuditGroup[] {
    const out = [...this.groups.values()].map((g) => ({
      entityType: g.entityType,
      decision: g.decision,
      entityIds: [...g.ids].sort(),
      fields: [...g.fields].sort(),
    }));
    this.groups.clear();
    return out;
  }
}

/** A stored audit record. */
export interface AuditRow {
  seq: number;
  at: string;
  requestId: string;
  subject: string;
  agency: string;
  roles: string[];
  purpose: string | null;
  operation: string | null;
  entityType: string;
  entityIds: string[];
  fields: string[];
  decision: AuditDecision;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const LOCK_KEY = 72_660_013; // any constant; one chain per database

/** The hash of a record: SHA-256 over a canonical JSON array of every field and the previous hash. */
export function auditHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    r.seq,
    r.at,
    r.requestId,
    r.subject,
    r.agency,
    r.roles,
    r.purpose,
    r.operation,
    r.entityType,
    r.entityIds,
    r.fields,
    r.decision,
    r.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

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

/** One record to append: whose request, and what it used. */
interface AuditEntry {
  identity: AuditIdentity;
  group: AuditGroup;
}

/**
 * Appends the entries, chained after the last record, inside the transaction of `m`: one lock,
 * one read of the chain's end and one multi-row INSERT, however many entries.
 */
async function appendEntries(m: EntityManager, entries: readonly AuditEntry[]): Promise<AuditRow[]> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  // Order by the bigint column, not a text alias of it ('9' sorts after '10').
  const last: Array<{ last_seq: string; hash: string }> = await m.query(
    'SELECT a.seq::text AS last_seq, a.hash FROM audit_record a ORDER BY a.seq DESC LIMIT 1',
  );
  let seq = last[0] ? Number(last[0].last_seq) : 0;
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows: AuditRow[] = [];
  for (const { identity, group: g } of entries) {
    seq += 1;
    const base = {
      seq,
      at,
      requestId: identity.requestId,
      subject: identity.principal.subject,
      agency: identity.principal.agency,
      roles: identity.principal.roles,
      purpose: identity.purpose ?? null,
      operation: identity.operationName ?? null,
      entityType: g.entityType,
      entityIds: g.entityIds,
      fields: g.fields,
      decision: g.decision,
      prevHash,
    };
    const row: AuditRow = { ...base, hash: auditHash(base) };
    rows.push(row);
    prevHash = row.hash;
  }
  const COLUMNS = 14;
  const values = rows.map((_, i) => `(${Array.from({ length: COLUMNS }, (__, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`);
  await m.query(
    `INSERT INTO audit_record (seq, at, request_id, subject, agency, roles, purpose, operation,
                               entity_type, entity_ids, fields, decision, prev_hash, hash)
     VALUES ${values.join(', ')}`,
    rows.flatMap((row) => [
      row.seq,
      row.at,
      row.requestId,
      row.subject,
      row.agency,
      row.roles,
      row.purpose,
      row.operation,
      row.entityType,
      row.entityIds,
      row.fields,
      row.decision,
      row.prevHash,
      row.hash,
    ]),
  );
  return rows;
}

/** Appends one record per group, chained after the last one, in one transaction. */
export async function appendAudit(
  db: DataSource | EntityManager,
  identity: AuditIdentity,
  groups: AuditGroup[],
): Promise<AuditRow[]> {
  if (groups.length === 0) return [];
  const entries = groups.map((group) => ({ identity, group }));
  // A mutation audits inside its own transaction: the write and its record commit together.
  const inTransaction = 'queryRunner' in db && db.queryRunner?.isTransactionActive === true;
  return inTransaction
    ? appendEntries(db as EntityManager, entries)
    : (db as DataSource).transaction((m) => appendEntries(m, entries));
}

interface PendingAppend {
  entries: AuditEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Appends waiting for a database, and whether one is being written. */
const appendQueues = new WeakMap<DataSource, { pending: PendingAppend[]; flushing: boolean }>();

/** The most entries one grouped transaction writes. */
const GROUP_LIMIT = 500;

/**
 * Appends a read's records like `appendAudit`, but together with those of the requests that are
 * waiting at the same moment: while one transaction writes, the next requests queue, and the next
 * transaction writes all of them (one lock, one read, one INSERT). Each caller's promise settles
 * only when its own records have committed, or rejects with the error that stopped them, so no
 * response leaves before its audit record is durable. Not for writes inside a mutation's
 * transaction (those use `appendAudit` with the mutation's manager).
 */
export function appendAuditGrouped(db: DataSource, identity: AuditIdentity, groups: AuditGroup[]): Promise<void> {
  if (groups.length === 0) return Promise.resolve();
  let queue = appendQueues.get(db);
  if (!queue) appendQueues.set(db, (queue = { pending: [], flushing: false }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.pending.push({ entries: groups.map((group) => ({ identity, group })), resolve, reject });
    if (q.flushing) return;
    q.flushing = true;
    void (async () => {
      while (q.pending.length > 0) {
        const batch: PendingAppend[] = [];
        let size = 0;
        while (q.pending.length > 0 && (batch.length === 0 || size + q.pending[0]!.entries.length <= GROUP_LIMIT)) {
          const next = q.pending.shift()!;
          size += next.entries.length;
          batch.push(next);
        }
        try {
          await db.transaction((m) =>
            appendEntries(
              m,
              batch.flatMap((p) => p.entries),
            ),
          );
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
      q.flushing = false;
    })();
  });
}

interface RawAuditRow {
  seq: string;
  at: Date;
  request_id: string;
  subject: string;
  agency: string;
  roles: string[];
  purpose: string | null;
  operation: string | null;
  entity_type: string;
  entity_ids: string[];
  fields: string[];
  decision: AuditDecision;
  prev_hash: string;
  hash: string;
}

const toRow = (r: RawAuditRow): AuditRow => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  requestId: r.request_id,
  subject: r.subject,
  agency: r.agency,
  roles: r.roles,
  purpose: r.purpose,
  operation: r.operation,
  entityType: r.entity_type,
  entityIds: r.entity_ids,
  fields: r.fields,
  decision: r.decision,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface AuditVerification {
  checked: number;
  /** The first record that breaks the chain, and how; absent when the chain is whole. */
  broken?: { seq: number; reason: string };
}

/**
 * Walks the chain in order and stops at the first record that does not hold: a gap in the
 * sequence (a deleted record), a previous-hash that does not match (a deleted or reordered
 * record) or a hash that does not match its content (an edited record).
 */
export async function verifyAuditChain(
  db: DataSource,
  onProgress?: (checked: number, total: number) => void,
  batchSize = 2_000,
): Promise<AuditVerification> {
  const [{ total }] = (await db.query('SELECT count(*)::int AS total FROM audit_record')) as [{ total: number }];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const batch = (
      (await db.query('SELECT * FROM audit_record WHERE seq >= $1 ORDER BY seq LIMIT $2', [
        expectedSeq,
        batchSize,
      ])) as RawAuditRow[]
    ).map(toRow);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expectedSeq)
        return { checked, broken: { seq: expectedSeq, reason: `record ${expectedSeq} is missing (next is ${row.seq})` } };
      if (row.prevHash !== prevHash)
        return { checked, broken: { seq: row.seq, reason: 'its previous-hash does not match the record before it' } };
      const { hash, ...rest } = row;
      if (auditHash(rest) !== hash)
        return { checked, broken: { seq: row.seq, reason: 'its content does not match its hash (the record was edited)' } };
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  return { checked };
}

/** Records about one data subject, newest first, keyset-paginated by sequence number. */
export async function auditRecordsFor(
  db: DataSource,
  entityType: string,
  entityId: string,
  limit: number,
  beforeSeq?: number,
): Promise<AuditRow[]> {
  const rows = (await db.query(
    `SELECT * FROM audit_record
      WHERE entity_type = $1 AND entity_ids @> ARRAY[$2]::text[] AND ($3::bigint IS NULL OR seq < $3)
      ORDER BY seq DESC LIMIT $4`,
    [entityType, entityId, beforeSeq ?? null, limit],
  )) as RawAuditRow[];
  return rows.map(toRow);
}

@Directive('@shareable')
@ObjectType({ description: 'One entry of an agency audit trail: who used which personal data, when and why.' })
export class AuditRecord {
  @Field(() => ID, { description: 'Sequence number in the agency chain.' })
  seq!: number;

  @Field({ description: 'When, ISO 8601 UTC.' })
  at!: string;

  @Field()
  requestId!: string;

  @Field({ description: 'The account that asked.' })
  subject!: string;

  @Field()
  agency!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => String, { nullable: true, description: 'The declared purpose (X-Purpose).' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name the client sent.' })
  operation!: string | null;

  @Field(() => [String], { description: 'The personal fields asked for, as Type.field.' })
  fields!: string[];

  @Field({ description: '"allowed", or "denied" when the rules refused them.' })
  decision!: string;

  @Field(() => Int, { description: 'How many data subjects the request touched (this one included).' })
  subjectCount!: number;
}

export const toAuditRecord = (row: AuditRow): AuditRecord => ({
  seq: row.seq,
  at: row.at,
  requestId: row.requestId,
  subject: row.subject,
  agency: row.agency,
  roles: row.roles,
  purpose: row.purpose,
  operation: row.operation,
  fields: row.fields,
  decision: row.decision,
  subjectCount: row.entityIds.length,
});

/**
 * The arguments of an audit trail field: a page of `first` records, older than the record `before`.
 * The SDL lists arguments in declaration order; this one matches the published `(before, first)`.
 */
@ArgsType()
export class AuditPageArgs {
  @Field(() => ID, { nullable: true })
  before?: string | null;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;
}

/**
 * One page of a data subject's audit trail, newest first. Refuses a bad argument naming it; then,
 * when `inScope` is given and answers false (a subject outside the reader's scope), answers an
 * empty page without reading.
 */
export async function auditTrailPage(
  db: DataSource,
  entityType: string,
  entityId: string,
  { first, before }: AuditPageArgs,
  inScope?: () => Promise<boolean>,
): Promise<AuditRecord[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
  if (before != null && !/^\d{1,15}$/.test(before)) throw badInput('before', 'must be the seq of an audit record');
  if (inScope && !(await inScope())) return [];
  const rows = await auditRecordsFor(db, entityType, entityId, first, before ? Number(before) : undefined);
  return rows.map(toAuditRecord);
}

/** The context fields the audit plugin needs. */
export interface AuditedContext extends AuditIdentity {
  db: DataSource;
  audit: AuditCollector;
  logger: { error(message: string, fields?: Record<string, unknown>): void };
}

export const AUDIT_FAILED_MESSAGE =
  'The request read personal data, but its audit record could not be written, so nothing is returned. Try again later.';

/**
 * Writes what a request collected before the response leaves. If the write fails, the response
 * is replaced by an error: no personal data leaves unaudited.
 */
export function auditPlugin<C extends AuditedContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (contextValue.audit.isEmpty) return;
          const groups = contextValue.audit.drain();
          try {
            await appendAuditGrouped(contextValue.db, contextValue, groups);
          } catch (error) {
            contextValue.logger.error('audit write failed; response withheld', { requestId: contextValue.requestId, error });
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                {
                  message: AUDIT_FAILED_MESSAGE,
                  extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId: contextValue.requestId },
                },
              ];
            }
          }
        },
      };
    },
  };
}
