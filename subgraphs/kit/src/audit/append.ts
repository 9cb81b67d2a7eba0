import type { DataSource, EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH, type AuditRow } from './chain';
import type { AuditGroup, AuditIdentity } from './collector';

// Writers serialise on an advisory lock, so concurrent requests never fork the chain.

const LOCK_KEY = 72_660_013; // any constant; one chain per database

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
