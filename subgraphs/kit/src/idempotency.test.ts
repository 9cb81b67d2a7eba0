import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource } from './db';
import {
  assertIdempotencyKey,
  IDEMPOTENCY_CONFLICT_MESSAGE,
  idempotencyMigration,
  purgeIdempotencyKeys,
  scheduleIdempotencyPurge,
  withIdempotency,
} from './idempotency';
import { startTestDatabase, type TestDatabase } from './testing';

class Idempotency1700000000001 extends idempotencyMigration('Idempotency1700000000001') {}
class Thing1700000000002 implements MigrationInterface {
  name = 'Thing1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE thing (id serial PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thing`);
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase((config) => createDataSource(config, [], [Idempotency1700000000001, Thing1700000000002]));
});
afterAll(() => db?.stop());
beforeEach(() => db.dataSource.query('TRUNCATE thing, idempotency_key RESTART IDENTITY'));

interface Thing {
  id: number;
  name: string;
}

/** A demo mutation: adds one thing, counting how often its body really ran. */
let runs = 0;
function addThing(subject: string, key: string, input: { name: string; note?: string }, operation = 'addThing') {
  return withIdempotency(db.dataSource, { subject, key, operation, input }, async (m): Promise<Thing> => {
    runs += 1;
    const [row] = (await m.query('INSERT INTO thing (name) VALUES ($1) RETURNING id, name', [input.name])) as Thing[];
    return row as Thing;
  });
}
beforeEach(() => {
  runs = 0;
});

const things = async () => (await db.dataSource.query('SELECT id, name FROM thing ORDER BY id')) as Thing[];
const keyCount = async () =>
  ((await db.dataSource.query('SELECT count(*)::int AS n FROM idempotency_key')) as [{ n: number }])[0].n;

const KEY = '3f1c2a9e-7b4d-4e0a-9c61-5d2e8f0a1b7c';

describe('an idempotent mutation', () => {
  it('re-sent with the same key returns the first result again and writes nothing twice', async () => {
    const first = await addThing('alice', KEY, { name: 'a' });
    const again = await addThing('alice', KEY, { name: 'a' });
    expect(first).toEqual({ id: 1, name: 'a' });
    expect(again).toEqual(first);
    expect(runs).toBe(1);
    expect(await things()).toEqual([{ id: 1, name: 'a' }]);
  });

  it('treats the same input with its keys in another order as the same request', async () => {
    const first = await addThing('alice', KEY, { name: 'a', note: 'n' });
    const again = await addThing('alice', KEY, { note: 'n', name: 'a' });
    expect(again).toEqual(first);
    expect(runs).toBe(1);
  });

  it('refuses a key already used for a different input or operation with CONFLICT, writing nothing', async () => {
    await addThing('alice', KEY, { name: 'a' });
    const conflict = { message: IDEMPOTENCY_CONFLICT_MESSAGE, extensions: { code: 'CONFLICT' } };
    await expect(addThing('alice', KEY, { name: 'b' })).rejects.toMatchObject(conflict);
    await expect(addThing('alice', KEY, { name: 'a' }, 'renameThing')).rejects.toMatchObject(conflict);
    expect(runs).toBe(1);
    expect(await things()).toEqual([{ id: 1, name: 'a' }]);
  });

  it("keeps each caller's keys apart: the same key from another subject is another request", async () => {
    const alice = await addThing('alice', KEY, { name: 'a' });
    const bob = await addThing('bob', KEY, { name: 'b' });
    expect(alice).toEqual({ id: 1, name: 'a' });
    expect(bob).toEqual({ id: 2, name: 'b' });
    // Alice's key still answers Alice's request, and Bob's different input did not conflict with it.
    expect(await addThing('alice', KEY, { name: 'a' })).toEqual(alice);
    expect(runs).toBe(2);
    expect(await things()).toHaveLength(2);
  });

  it('that fails writes nothing and leaves its key free for the retry', async () => {
    const failing = withIdempotency(
      db.dataSource,
      { subject: 'alice', key: KEY, operation: 'addThing', input: { name: 'a' } },
      async (m) => {
        await m.query(`INSERT INTO thing (name) VALUES ('a')`);
        throw new Error('the bank core is down');
      },
    );
    await expect(failing).rejects.toThrow('the bank core is down');
    expect(await things()).toEqual([]);
    expect(await keyCount()).toBe(0);

    const retried = await addThing('alice', KEY, { name: 'a' });
    expect(runs).toBe(1);
    expect(await things()).toEqual([retried]);
  });

  it('sent twice at once with the same key writes once and gives both the same result', async () => {
    // The embedded PGlite runs one session, so the test database has a pool of one connection and
    // the two calls serialise on it rather than on the key row's lock (on a PostgreSQL server the
    // second waits on the row). Either way the second must find and return the first's result.
    const [one, two] = await Promise.all([addThing('alice', KEY, { name: 'a' }), addThing('alice', KEY, { name: 'a' })]);
    expect(two).toEqual(one);
    expect(runs).toBe(1);
    expect(await things()).toHaveLength(1);
  });

  it('returns the stored JSON on the first call as on a retry: a Date comes back as its ISO string', async () => {
    const at = new Date('2025-11-20T08:30:00.000Z');
    const request = { subject: 'alice', key: KEY, operation: 'stamp', input: {} };
    const first = await withIdempotency(db.dataSource, request, async () => ({ at, skipped: undefined }));
    const again = await withIdempotency(db.dataSource, request, async () => ({ at: new Date(), skipped: undefined }));
    expect(first).toStrictEqual({ at: '2025-11-20T08:30:00.000Z' });
    expect(again).toStrictEqual(first);
  });
});

describe('an idempotency key', () => {
  it.each([
    ['too short', 'abc1234'],
    ['too long', 'k'.repeat(101)],
    ['with a space', 'my key 12345'],
    ['with punctuation', 'key.12345;drop'],
    ['not ASCII', 'khóa-giao-dịch'],
    ['empty', ''],
  ])('%s is refused with BAD_USER_INPUT naming the field', (_why, key) => {
    expect(() => assertIdempotencyKey('repaymentKey', key)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^repaymentKey: .*UUID/),
        extensions: { code: 'BAD_USER_INPUT', field: 'repaymentKey' },
      }),
    );
  });

  it.each([
    ['a UUID', KEY],
    ['8 characters', 'k'.repeat(8)],
    ['100 characters', 'k'.repeat(100)],
    ['letters, digits, - and _', 'retry_2025-11-20_0001'],
  ])('%s is accepted', (_why, key) => {
    expect(() => assertIdempotencyKey('repaymentKey', key)).not.toThrow();
  });

  it('that is malformed stops the mutation before it runs', async () => {
    await expect(addThing('alice', 'short', { name: 'a' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
    });
    expect(runs).toBe(0);
    expect(await keyCount()).toBe(0);
  });
});

describe('purging idempotency keys', () => {
  it('removes keys older than the cut-off only; a purged key runs again, a kept one still answers', async () => {
    const oldKey = 'old-key-0001';
    const keptKey = 'kept-key-0001';
    await addThing('alice', oldKey, { name: 'old' });
    await addThing('bob', 'old-key-0002', { name: 'old too' });
    const kept = await addThing('alice', keptKey, { name: 'kept' });
    await db.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '2 days' WHERE key LIKE 'old-%'`);

    expect(await purgeIdempotencyKeys(db.dataSource, new Date(Date.now() - 24 * 3600 * 1000))).toBe(2);
    expect(await keyCount()).toBe(1);
    expect(await addThing('alice', keptKey, { name: 'kept' })).toEqual(kept);
    expect(runs).toBe(3);
    await addThing('alice', oldKey, { name: 'old' });
    expect(runs).toBe(4);
  });

  it('purges on schedule: at once, then every interval, until stopped; a failure is logged, not thrown', async () => {
    await addThing('carol', 'sched-key-0001', { name: 'old' });
    await db.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '5 hours' WHERE key = 'sched-key-0001'`);
    const logged: string[] = [];
    const logger = { info: (m: string) => logged.push(`info ${m}`), warn: (m: string) => logged.push(`warn ${m}`) };
    const stop = scheduleIdempotencyPurge(db.dataSource, 4, logger, 50);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await db.dataSource.query(`SELECT 1 FROM idempotency_key WHERE key = 'sched-key-0001'`)).toEqual([]);
    // A key that ages past the retention while the schedule runs goes at the next turn.
    await addThing('carol', 'sched-key-0002', { name: 'later' });
    await db.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '5 hours' WHERE key = 'sched-key-0002'`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await db.dataSource.query(`SELECT 1 FROM idempotency_key WHERE key = 'sched-key-0002'`)).toEqual([]);
    await stop();
    expect(logged.filter((l) => l.startsWith('info purged')).length).toBe(2);
    // A purge that fails (here: a closed connection's query) is logged as a warning.
    const broken = { query: () => Promise.reject(new Error('connection lost')) } as unknown as typeof db.dataSource;
    const stopBroken = scheduleIdempotencyPurge(broken, 4, logger, 1_000);
    await stopBroken();
    expect(logged.at(-1)).toBe('warn could not purge idempotency keys; will retry');
  });
});
