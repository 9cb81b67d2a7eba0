import type { EntityManager } from 'typeorm';
import { appendAudit, assertIdempotencyKey, withIdempotency } from '@gnbv/kit';
import type { LaborContext } from './context';

/*
 * How the registry writes. Each mutation runs in one transaction with its idempotency key (a
 * re-sent request returns the first result, nothing is written twice) and its audit record
 * (the write and the record of it commit together, or neither does).
 */

/** Today in Vietnam (UTC+7): the date a write records (a certification, a completion). */
export const todayInVietnam = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

/** One mutation of the registry, as the idempotency table and the audit trail know it. */
export interface RegistryWrite<T> {
  /** The mutation's name: a key reused for another mutation is a CONFLICT. */
  operation: string;
  idempotencyKey: string;
  /** The validated arguments: a key reused with other arguments is a CONFLICT. */
  input: Record<string, unknown>;
  /** What is written, for the audit trail (each is recorded as `write <field>`). */
  fields: string[];
  /** The record the audit trail files the write under. */
  subjectOf: (result: T) => { type: string; id: string };
}

/**
 * Runs `work` once per idempotency key, in one transaction with its audit record. `work` must
 * read and write through the manager it is given; the result comes back as JSON (see
 * `withIdempotency`), the same on the first call and on every retry.
 */
export function registryWrite<T>(ctx: LaborContext, write: RegistryWrite<T>, work: (m: EntityManager) => Promise<T>): Promise<T> {
  assertIdempotencyKey('idempotencyKey', write.idempotencyKey);
  const request = { subject: ctx.principal.subject, key: write.idempotencyKey, operation: write.operation, input: write.input };
  return withIdempotency(ctx.db, request, async (m) => {
    const result = await work(m);
    const subject = write.subjectOf(result);
    await appendAudit(m, ctx, [
      { entityType: subject.type, entityIds: [subject.id], fields: write.fields.map((f) => `write ${f}`), decision: 'allowed' },
    ]);
    return result;
  });
}
