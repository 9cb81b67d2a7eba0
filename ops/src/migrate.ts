import { createLogger, processEnv } from '@gnbv/platform';
import { prepareDatabases } from './databases';

/**
 * `npm run migrate [-- --demo]`: applies pending migrations to every agency database named by
 * <NAME>_DATABASE_URL (a real server). Creates a non-public schema only when its
 * <NAME>_DATABASE_SCHEMA is set. With --demo, loads the demo data into empty databases.
 */
const log = createLogger({ level: 'info' });
prepareDatabases(processEnv(), { demo: process.argv.includes('--demo'), createSchema: true, logger: log }).then(
  () => log.info('all agency databases are migrated'),
  (error: unknown) => {
    log.error('migration failed', { error });
    process.exit(1);
  },
);
