import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** One embedded PostgreSQL (PGlite) served over the wire protocol, so `pg` works unchanged. */
export interface EmbeddedDatabase {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  name: string;
  /** A directory to persist into; omitted, the database lives in memory. */
  dataDir?: string;
  port: number;
  host?: string;
  /**
   * A tarball of an initialised, empty cluster. Creating a cluster takes ~4 s; loading this
   * takes ~0.5 s. Made on first use and reused afterwards.
   */
  templateFile?: string;
}

async function loadTemplate(templateFile: string | undefined): Promise<Blob | undefined> {
  if (!templateFile) return undefined;
  if (!existsSync(templateFile)) {
    const fresh = await PGlite.create({});
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    mkdirSync(dirname(templateFile), { recursive: true });
    const tmp = `${templateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    // rename is atomic: parallel test workers never read a half-written template
    (await import('node:fs')).renameSync(tmp, templateFile);
  }
  return new Blob([readFileSync(templateFile)]);
}

/**
 * Starts PGlite and a socket server for it. PGlite runs one statement at a time and its socket
 * server multiplexes connections through that one session, so clients must use ONE connection
 * each (pool size 1): then transactions and prepared statements never interleave.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const fresh = !options.dataDir || !existsSync(`${options.dataDir}/PG_VERSION`);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const template = fresh ? await loadTemplate(options.templateFile) : undefined;
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
  });
  // A few connections for the owner, a migration run and an operator's psql; see above.
  const server = new PGLiteSocketServer({ db, port: options.port, host: options.host ?? '127.0.0.1', maxConnections: 8 });
  await server.start();
  const [host, port] = server.getServerConn().split(':') as [string, string];
  return {
    name: options.name,
    port: Number(port),
    url: `postgres://postgres@${host}:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
