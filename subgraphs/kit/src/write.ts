import type { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { appendAudit } from './audit/append';
import { badInput } from '@gnbv/platform';
import { assertIdempotencyKey, withIdempotency } from './idempotency';
import type { SubgraphContext } from './subgraph';
import { isIsoDate, todayInVietnam } from './dates';
import { noteWrite } from './report/cache';

/*
 * How every agency writes. Each mutation runs in one transaction with its idempotency key (a
 * re-sent request returns the first result, nothing is written twice) and its audit record
 * (the write and the record of it commit together, or neither does).
 */

/** How every mutation describes its `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY_DESCRIPTION = 'A new UUID per action; re-send the same one to retry safely.';

/**
 * A date something happened (a birth, a registration, a departure): a calendar date, not after
 * today in Vietnam and, when `earliest` is given, not before it.
 */
export function pastDate(field: string, value: string, earliest?: { date: string; what: string }): string {
  if (!isIsoDate(value)) throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  const today = todayInVietnam();
  if (value > today) throw badInput(field, `must not be in the future (today in Vietnam is ${today})`);
  if (earliest && value < earliest.date) throw badInput(field, `must not be before ${earliest.what} (${earliest.date})`);
  return value;
}

/**
 * The fields a partial update gives (an omitted field keeps its value), with at least one. Null
 * is refused for a field that cannot be empty; only the `clearable` ones may be set to null.
 */
export function givenFields<T extends object>(input: T, clearable: ReadonlyArray<keyof T> = []): Partial<T> {
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  if (given.length === 0) throw badInput('input', 'give at least one field to change');
  for (const [field, value] of given) {
    if (value === null && !clearable.includes(field as keyof T))
      throw badInput(field, 'cannot be cleared: omit it to keep its value');
  }
  return Object.fromEntries(given) as Partial<T>;
}

/**
 * Runs one statement of a write and turns the database's refusal of it into the client error
 * the rule means: `refusals` maps a constraint name (or a SQLSTATE such as '23503' for errors a
 * trigger raises without one) to that error. Anything else is rethrown as the fault it is. The
 * transaction is aborted either way, and `auditedWrite` rolls it back.
 */
export async function refusedAs<T>(statement: Promise<T>, refusals: Record<string, () => GraphQLError>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    const { constraint, code } = error as { constraint?: unknown; code?: unknown };
    const refusal = (typeof constraint === 'string' && refusals[constraint]) || (typeof code === 'string' && refusals[code]);
    throw refusal ? refusal() : error;
  }
}

/** One mutation, as the idempotency table and the audit trail know it. */
export interface AuditedWrite<T> {
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
export function auditedWrite<T>(
  ctx: SubgraphContext,
  write: AuditedWrite<T>,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  assertIdempotencyKey('idempotencyKey', write.idempotencyKey);
  const request = { subject: ctx.principal.subject, key: write.idempotencyKey, operation: write.operation, input: write.input };
  const written = withIdempotency(ctx.db, request, async (m) => {
    const result = await work(m);
    const subject = write.subjectOf(result);
    await appendAudit(m, ctx, [
      { entityType: subject.type, entityIds: [subject.id], fields: write.fields.map((f) => `write ${f}`), decision: 'allowed' },
    ]);
    return result;
  });
  // Committed (or refused: a rolled-back write changed nothing, but forgetting is harmless):
  // reports computed before it are not served again.
  return written.finally(() => noteWrite(ctx.db));
}
