import { z } from 'zod';
import { envUrl, parseEnv, processEnv } from '@gnbv/platform';

/**
 * Test settings. TEST_DATABASE_SERVER_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)
 * runs the suite against that PostgreSQL server in databases it creates and drops; unset, each
 * suite gets embedded in-memory databases.
 */
export const testConfig = parseEnv(
  z.object({ TEST_DATABASE_SERVER_URL: envUrl(['postgres', 'postgresql'], 'a PostgreSQL server URL').optional() }),
  processEnv(),
);
