import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditDecision } from './collector';

// The chain itself: what a stored record is, its hash, and reading records back (to verify the
// chain, or to page through one data subject's records).

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
