import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { badInput, conflict } from '@gnbv/platform';

/*
 * Idempotent mutations. A client sends a fresh key with each mutation and the same key when it
 * retries (a timeout, a dropped connection): the retry gets the first result again and nothing is
 * written twice. The key row, the mutation's writes and the stored result commit in one
 * transaction, so there is never a result without its writes, nor writes without their result.
 * Keys belong to the caller (the principal's subject): one caller can neither replay nor block
 * another's.
 */

/** The table and its expiry index; called from each subgraph's migration. */
export async function createIdempotencyTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE idempotency_key (
      subject      text NOT NULL,
      key          text NOT NULL,
      operation    text NOT NULL,
      request_hash char(64) NOT NULL,
      response     jsonb,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject, key)
    )`);
  await q.query(`CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)`);
}

export async function dropIdempotencyTable(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE idempotency_key`);
}

/**
 * The migration that makes the idempotency table, for a subgraph to extend under its own class
 * name: `class Idempotency1763900000000 extends idempotencyMigration('Idempotency1763900000000') {}`.
 * `migrationName` is what TypeORM records as run, so it never changes once deployed.
 */
export function idempotencyMigration(migrationName: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = migrationName;

    async up(q: QueryRunner): Promise<void> {
      await createIdempotencyTable(q);
    }

    async down(q: QueryRunner): Promise<void> {
      await dropIdempotencyTable(q);
    }
  };
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

/** Refuses a key that is not 8-100 letters, digits, '-' or '_', naming the input `field`. */
export function assertIdempotencyKey(field: string, value: string): void {
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw badInput(
      field,
      "must be 8 to 100 letters, digits, '-' or '_', e.g. a UUID: a new one for each mutation, the same one when retrying it",
    );
  }
}

/**
 * JSON with every object's keys sorted, at every depth, so that two inputs that mean the same
 * have the same text whatever order their keys came in. `undefined` properties are left out, as
 * JSON.stringify does; a bigint is written as its digits with an `n`, since JSON has no bigint.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // JSON.stringify has already applied toJSON (a Date is a string by now); this is a plain record.
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]]),
    );
  });
  return text ?? 'null';
}

/** SHA-256 (hex) of the canonical JSON of a request's input. */
export const requestHash = (input: unknown): string => createHash('sha256').update(canonicalJson(input)).digest('hex');

/** One idempotent request: who sends it, under which key, which mutation and with what input. */
export interface IdempotentRequest {
  /** The caller (`principal.subject`): keys are scoped to it. */
  subject: string;
  /** The client's key, checked with `assertIdempotencyKey` (as field `idempotencyKey`). */
  key: string;
  /** The mutation, e.g. `recordLoanRepayment`: a key reused for another mutation is a conflict. */
  operation: string;
  /** The mutation's arguments, without the key; compared by hash to spot a key reused for other input. */
  input: unknown;
}

export const IDEMPOTENCY_CONFLICT_MESSAGE =
  'This idempotency key was already used for a different request; use a new key for a new request.';

interface KeyRow {
  operation: string;
  request_hash: string;
  response: unknown;
}

/**
 * Runs a mutation at most once per (subject, key): the first call runs `work` and stores its
 * result; a repeat with the same operation and input returns the stored result without running
 * `work`; a repeat with another operation or input is a CONFLICT.
 *
 * - Everything is one READ COMMITTED transaction: `work` must write through the `manager` it is
 *   given (never through `db`), so its writes commit with the stored result. If `work` throws,
 *   everything rolls back, the key is free again, and the error reaches the caller unchanged.
 * - A concurrent duplicate waits on the first one's key row and then returns its result (or, if
 *   the first rolled back, runs `work` itself).
 * - The result must be JSON-serialisable, and it comes back as JSON: the first call too returns the
 *   stored copy, so a caller sees the same value on the first call and on every retry. A Date
 *   becomes its ISO string, class instances become plain objects, `undefined` properties vanish;
 *   a result of `undefined` (or a function) is refused as a programming error.
 * - Keys are kept until `purgeIdempotencyKeys` removes them: a retry after that runs `work` again.
 */
export async function withIdempotency<T>(
  db: DataSource,
  request: IdempotentRequest,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const { subject, key, operation } = request;
  if (!subject) throw new Error('withIdempotency: a request needs the subject of its caller');
  assertIdempotencyKey('idempotencyKey', key);
  const hash = requestHash(request.input);

  return db.transaction('READ COMMITTED', async (manager) => {
    // Two steps, not one: `ON CONFLICT DO NOTHING` waits for a concurrent inserter of the same key
    // to commit or roll back, and the locking read then sees whichever row won, already complete.
    await manager.query(
      `INSERT INTO idempotency_key (subject, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject, key) DO NOTHING`,
      [subject, key, operation, hash],
    );
    const [row] = (await manager.query(
      `SELECT operation, request_hash, response FROM idempotency_key WHERE subject = $1 AND key = $2 FOR UPDATE`,
      [subject, key],
    )) as KeyRow[];
    if (!row) throw new Error('withIdempotency: the key row vanished inside its own transaction');

    // A committed row always holds a response (it is stored in the same transaction as the key),
    // so a row without one is the one just inserted above.
    if (row.response !== null) {
      if (row.operation !== operation || row.request_hash !== hash) throw conflict(IDEMPOTENCY_CONFLICT_MESSAGE);
      return row.response as T;
    }

    const result = await work(manager);
    const json = JSON.stringify(result);
    if (json === undefined) {
      throw new Error(`withIdempotency: ${operation} returned a value JSON cannot hold (undefined or a function)`);
    }
    const [stored] = (await manager.query(
      `UPDATE idempotency_key SET response = $3::jsonb WHERE subject = $1 AND key = $2 RETURNING response`,
      [subject, key, json],
    )) as [Array<{ response: T }>, number];
    return stored[0]!.response;
  });
}

/** Deletes keys created before `olderThan` (a retry after that runs again); returns how many. */
export async function purgeIdempotencyKeys(db: DataSource, olderThan: Date): Promise<number> {
  const [{ purged }] = (await db.query(
    `WITH gone AS (DELETE FROM idempotency_key WHERE created_at < $1 RETURNING 1)
     SELECT count(*)::int AS purged FROM gone`,
    [olderThan],
  )) as [{ purged: number }];
  return purged;
}

/**
 * Purges keys older than `retentionHours` now and then every `everyMs` (hourly by default), in
 * the background: a failure is logged and retried at the next turn. Returns a stop function that
 * waits for a purge under way. The timer never keeps the process alive.
 */
export function scheduleIdempotencyPurge(
  db: DataSource,
  retentionHours: number,
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  },
  everyMs = 3_600_000,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const purge = () => {
    if (stopped) return;
    running = purgeIdempotencyKeys(db, new Date(Date.now() - retentionHours * 3_600_000))
      .then((purged) => {
        if (purged > 0) logger.info('purged idempotency keys past their retention', { purged, retentionHours });
      })
      .catch((error: unknown) => logger.warn('could not purge idempotency keys; will retry', { reason: String(error) }));
  };
  purge();
  const timer = setInterval(purge, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
