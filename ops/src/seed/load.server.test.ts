import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { processEnv } from '@gnbv/platform';
import type { TableSpec } from '@gnbv/kit';
import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { AGENCIES } from '../agencies';
import { copySql, CopyWriter } from './copy';
import { loadSuite, type LoadFixture } from './load.suite';

/*
 * The loader on a PostgreSQL server: COPY FROM STDIN, the drop and rebuild of indexes and
 * foreign keys, in databases created here and dropped after. Part of the integration project
 * (CI runs it with TEST_DATABASE_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres);
 * skipped without that variable.
 */
const server = processEnv().TEST_DATABASE_SERVER_URL;
const run = `gnbv_seed_${randomBytes(4).toString('hex')}`;
const databaseName = (agency: string) => `${run}_${agency.replace(/-/g, '_')}`;
const fixture: LoadFixture = { databases: {}, targets: [] };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

(server ? describe : describe.skip)('the seed on a PostgreSQL server', () => {
  beforeAll(async () => {
    await admin(async (c) => {
      for (const s of AGENCIES) await c.query(`CREATE DATABASE "${databaseName(s.name)}"`);
    });
    for (const s of AGENCIES) {
      const url = new URL(server as string);
      url.pathname = `/${databaseName(s.name)}`;
      fixture.databases[s.name] = await startTestDatabase(s.dataSource, { url: url.toString() });
    }
    fixture.targets = AGENCIES.map((s) => ({
      name: s.name,
      url: (fixture.databases[s.name] as TestDatabase).url,
      schema: 'public',
    }));
  });

  afterAll(async () => {
    for (const db of Object.values(fixture.databases)) await db.stop();
    await admin(async (c) => {
      for (const s of AGENCIES) await c.query(`DROP DATABASE IF EXISTS "${databaseName(s.name)}" WITH (FORCE)`);
    });
  });

  // Generated on the main thread: under jest there is no compiled worker.js to start.
  loadSuite(() => fixture, 'copy', { households: 3000, seed: 11, batch: 1000, workers: 0 });

  test('COPY text round-trips what the generator never writes: escapes, quotes, braces, NULL, non-BMP characters', async () => {
    interface Row {
      note: string | null;
      tags: (string | null)[];
      codes: number[];
      ok: boolean;
      n: number;
    }
    const spec: TableSpec<Row> = {
      table: 'seed_copy_check',
      columns: [
        { name: 'note', value: (r) => r.note },
        { name: 'tags', list: { element: 'text' }, value: (r) => r.tags },
        { name: 'codes', list: { element: 'smallint' }, value: (r) => r.codes },
        { name: 'ok', value: (r) => r.ok },
        { name: 'n', value: (r) => r.n },
      ],
    };
    const rows: Row[] = [
      {
        note: 'a\\b\tc\nd\re \\N',
        tags: ['x "y"', 'z\\w', '', null, 'NULL', '{a,b}', 'Điện\tBiên 𝄞'],
        codes: [1, -2],
        ok: true,
        n: 6.6,
      },
      { note: null, tags: [], codes: [], ok: false, n: -9_007_199_254_740_991 },
      { note: '\\.', tags: ['\\.'], codes: [0], ok: true, n: 0 },
    ];
    const client = new pg.Client({ connectionString: fixture.targets[0]?.url });
    await client.connect();
    try {
      await client.query(
        'CREATE TEMPORARY TABLE seed_copy_check (note text, tags text[], codes smallint[], ok boolean, n numeric)',
      );
      const writer = new CopyWriter();
      for (const row of rows) writer.row(spec, row);
      const stream = client.query(copyFrom(copySql(spec)));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(Buffer.from(writer.bytes()));
      });
      const { rows: stored } = await client.query('SELECT note, tags, codes, ok, n::float8 AS n FROM seed_copy_check');
      expect(stored).toEqual(rows);
    } finally {
      await client.end();
    }
  });
});
