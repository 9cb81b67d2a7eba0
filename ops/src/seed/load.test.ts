import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { AGENCIES } from '../agencies';
import { loadSuite, type LoadFixture } from './load.suite';

// Four migrated embedded databases (PGlite, one session each). PGlite behind its socket has no
// COPY FROM STDIN, so the rows go in by the INSERT fallback; the drop, rebuild, commit and
// rollback are the ones a server gets (load.server.test.ts runs them with COPY).
const fixture: LoadFixture = { databases: {}, targets: [] };

beforeAll(async () => {
  for (const s of AGENCIES) fixture.databases[s.name] = await startTestDatabase(s.dataSource, { name: `seed-${s.name}` });
  fixture.targets = AGENCIES.map((s) => ({
    name: s.name,
    url: (fixture.databases[s.name] as TestDatabase).url,
    schema: 'public',
  }));
});

afterAll(async () => {
  for (const db of Object.values(fixture.databases)) await db.stop();
});

loadSuite(() => fixture, 'insert', { households: 400, seed: 11, batch: 150, workers: 0 });
