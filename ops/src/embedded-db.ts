import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@gnbv/kit';
import { envPrefix } from '@gnbv/platform';
import { DATA_DIR } from './paths';

/**
 * Child process of `npm start`: one embedded PostgreSQL (PGlite) per agency, each its own
 * database and port, persisted under .data/pg/<agency>. Reports the URLs to the parent by IPC.
 */
async function main() {
  const names = process.argv.slice(2);
  const basePort = 54330;
  const started: EmbeddedDatabase[] = [];
  for (const [i, name] of names.entries()) {
    started.push(
      await startEmbeddedDatabase({
        name,
        dataDir: join(DATA_DIR, 'pg', name),
        port: basePort + i + 1,
        templateFile: join(DATA_DIR, 'pg', 'template.tar'),
      }),
    );
  }
  const urls = Object.fromEntries(started.map((db) => [`${envPrefix(db.name)}_DATABASE_URL`, db.url]));
  process.send?.({ type: 'ready', urls });
  const stop = async () => {
    for (const db of started) await db.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => {
    /* the parent decides when to stop; Ctrl-C reaches the whole group */
  });
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded database failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
