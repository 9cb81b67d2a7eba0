import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { HouseholdCategory } from '@gnbv/labor';
import { CHUNK_SQL, encodeChunk, type EncodedChunk } from './encode';
import { buildGeography, geographyRows, type Geography } from './geography';
import { ADMIN_UNIT, COMMUNICATION_PRODUCT, insertParams, insertSql, SAVINGS_GROUP, SEED_TABLES, type TableSpec } from './sql';

/*
 * Loading a seeded data set: each agency's database through its own connection(s), all in
 * parallel, chunk after chunk, with at most a few chunks in memory whatever N is. Each
 * connection writes in one transaction committed at the end, so a failure leaves nothing
 * behind but the administrative units, which are committed first (the labor connections'
 * foreign-key checks must see them) and removed again on failure.
 */

/** Where one agency's tables are. */
export interface AgencyTarget {
  name: string;
  url: string;
  schema: string;
}

export interface SeedPlan {
  households: number;
  seed: number;
  batch: number;
  /** Connections writing the labor database. */
  connections: number;
  /** Threads generating chunks; 0 generates on the main thread. */
  workers: number;
}

export interface SeedStats {
  households: number;
  communes: number;
  provinces: number;
  /** Rows inserted per agency (subgraph name). */
  rows: Record<string, number>;
  categories: Record<HouseholdCategory, number>;
  loadSeconds: number;
  vacuumSeconds: number;
}

/** Thrown when the target databases are not ready for a seed: nothing was written. */
export class Refusal extends Error {}

/** Thrown by `signal` to stop a load (Ctrl-C): the load rolls back. */
export class Interrupted extends Error {}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(target: AgencyTarget): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: target.url, application_name: 'gnbv-seed' });
  await client.connect();
  await client.query(`SET search_path TO ${quoteIdent(target.schema)}`);
  return client;
}

async function insert<R>(client: pg.Client, spec: TableSpec<R>, rows: readonly R[]): Promise<number> {
  if (rows.length === 0) return 0;
  await client.query({ text: insertSql(spec), values: insertParams(spec, rows) });
  return rows.length;
}

/**
 * One connection's work, in order. Once `stop.stopped` is set no further task starts (a task
 * after the rollback would run outside the transaction).
 */
class Lane {
  private readonly queue: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  error: unknown;

  constructor(
    readonly agency: string,
    readonly client: pg.Client,
    private readonly stop: { stopped: boolean },
  ) {}

  run(task: (client: pg.Client) => Promise<void>): void {
    const done = this.tail.then(() => (this.error === undefined && !this.stop.stopped ? task(this.client) : undefined));
    const settled = done.catch((error: unknown) => {
      this.error ??= error;
    });
    this.tail = settled;
    this.queue.push(settled);
    void settled.then(() => this.queue.shift());
  }

  /** Resolves when fewer than `depth` tasks are queued or running. */
  async below(depth: number): Promise<void> {
    while (this.queue.length >= depth) await this.queue[0];
  }

  async drain(): Promise<void> {
    await this.tail;
  }
}

/**
 * Encoded chunks in index order, generated ahead by worker threads (chunk i by worker i mod W)
 * or, without workers, on the main thread when asked for.
 */
class ChunkSource {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (c: EncodedChunk) => void; reject: (e: unknown) => void }>();
  private failure: unknown;

  constructor(
    private readonly geography: Geography,
    private readonly plan: SeedPlan,
  ) {
    for (let w = 0; w < plan.workers; w++) {
      const worker = new Worker(join(__dirname, 'worker.js'), {
        workerData: { households: plan.households, seed: plan.seed, batch: plan.batch },
      });
      worker.on('message', (chunk: EncodedChunk) => {
        this.waiting.get(chunk.index)?.resolve(chunk);
        this.waiting.delete(chunk.index);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a generator thread stopped with exit code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  private fail(error: unknown) {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  request(index: number): Promise<EncodedChunk> {
    if (this.workers.length === 0) return Promise.resolve(encodeChunk(this.geography, index, this.plan.batch));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(index, { resolve, reject });
      (this.workers[index % this.workers.length] as Worker).postMessage(index);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The seeded tables of each agency that are missing (not migrated) or hold rows. */
async function checkTargets(lanes: Map<string, Lane>): Promise<void> {
  const missing: string[] = [];
  const filled: string[] = [];
  for (const [agency, lane] of lanes) {
    for (const table of SEED_TABLES[agency] ?? []) {
      const { rows } = await lane.client.query<{ exists: string | null }>('SELECT to_regclass($1) AS exists', [table]);
      if (!rows[0]?.exists) {
        missing.push(`${agency}.${table}`);
        continue;
      }
      const any = await lane.client.query(`SELECT 1 FROM ${table} LIMIT 1`);
      if (any.rowCount) filled.push(`${agency}.${table}`);
    }
  }
  if (missing.length) {
    throw new Refusal(`tables missing: ${missing.join(', ')}. Apply the migrations first: npm run migrate`);
  }
  if (filled.length) {
    throw new Refusal(
      `tables not empty: ${filled.join(', ')}. The seed only fills empty databases: recreate them (then npm run migrate), or point the *_DATABASE_URL variables at other ones`,
    );
  }
}

/**
 * Generates the data set of `plan` and loads it into the four agencies' databases.
 * `onProgress` hears the households loaded so far; `signal` is polled between chunks.
 */
export async function seedDatabases(
  plan: SeedPlan,
  targets: readonly AgencyTarget[],
  onProgress: (households: number) => void = () => undefined,
  signal: () => boolean = () => false,
): Promise<SeedStats> {
  const byName = new Map(targets.map((t) => [t.name, t]));
  const target = (name: string) => {
    const t = byName.get(name);
    if (!t) throw new Error(`no database for ${name}`);
    return t;
  };
  const clients: pg.Client[] = [];
  const lanes: Lane[] = [];
  const stop = { stopped: false };
  const open = async (name: string) => {
    const client = await connect(target(name));
    clients.push(client);
    const lane = new Lane(name, client, stop);
    lanes.push(lane);
    return lane;
  };
  const rows = { labor: 0, agriculture: 0, 'culture-information': 0, 'social-policy-bank': 0 };
  const categories = { POOR: 0, NEAR_POOR: 0, NEWLY_ESCAPED: 0, NOT_POOR: 0 } as Record<HouseholdCategory, number>;
  let unitsCommitted: string[] = [];
  let source: ChunkSource | undefined;
  const started = performance.now();
  try {
    const labor: Lane[] = [];
    for (let i = 0; i < plan.connections; i++) labor.push(await open('labor'));
    const agriculture = await open('agriculture');
    const culture = await open('culture-information');
    const bank = await open('social-policy-bank');
    const first = labor[0] as Lane;
    await checkTargets(
      new Map([
        ['labor', first],
        ['agriculture', agriculture],
        ['culture-information', culture],
        ['social-policy-bank', bank],
      ]),
    );

    const geography = buildGeography(plan.households, plan.seed);
    const territory = geographyRows(geography);
    await first.client.query('BEGIN');
    rows.labor += await insert(first.client, ADMIN_UNIT, territory.adminUnits);
    await first.client.query('COMMIT');
    unitsCommitted = territory.adminUnits.map((u) => u.code);

    for (const lane of lanes) await lane.client.query('BEGIN');
    rows['social-policy-bank'] += await insert(bank.client, SAVINGS_GROUP, territory.savingsGroups);
    rows['culture-information'] += await insert(culture.client, COMMUNICATION_PRODUCT, territory.communicationProducts);

    const chunks = Math.ceil(plan.households / plan.batch);
    source = new ChunkSource(geography, plan);
    // Generated ahead: two chunks per generator thread (one on the main thread without them).
    const ahead: Promise<EncodedChunk>[] = [];
    let requested = 0;
    let loaded = 0;
    for (let c = 0; c < chunks; c++) {
      while (requested < chunks && ahead.length < Math.max(1, 2 * plan.workers)) {
        const pending = source.request(requested++);
        pending.catch(() => undefined); // awaited in turn below; a failure must not go unhandled meanwhile
        ahead.push(pending);
      }
      const chunk = await (ahead.shift() as Promise<EncodedChunk>);
      const lane = labor[c % labor.length] as Lane;
      // Backpressure: one chunk running and one waiting per connection, whatever N is.
      await lane.below(2);
      for (const other of [agriculture, culture, bank]) await other.below(4);
      const failed = lanes.find((l) => l.error !== undefined);
      if (failed) throw failed.error;
      if (signal()) throw new Interrupted('interrupted');
      for (const [category, n] of Object.entries(chunk.categories)) categories[category as HouseholdCategory] += n;
      const send = (agency: keyof typeof rows, target: Lane, after?: () => void) =>
        target.run(async (client) => {
          for (const st of chunk.statements[agency] ?? []) {
            await client.query({ text: CHUNK_SQL[st.table] as string, values: st.params });
            rows[agency] += st.rows;
          }
          after?.();
        });
      send('labor', lane, () => onProgress((loaded += chunk.households)));
      send('agriculture', agriculture);
      send('culture-information', culture);
      send('social-policy-bank', bank);
    }
    for (const lane of lanes) await lane.drain();
    const failed = lanes.find((l) => l.error !== undefined);
    if (failed) throw failed.error;
    // The commits go one connection after another: a failure among them (a lost connection)
    // leaves the earlier ones committed, which the error says.
    for (const [i, lane] of lanes.entries()) {
      try {
        await lane.client.query('COMMIT');
      } catch (error) {
        if (i === 0) throw error;
        unitsCommitted = [];
        const done = [...new Set(lanes.slice(0, i).map((l) => l.agency))].join(', ');
        throw new Error(`commit failed for ${lane.agency} after ${done} had committed: recreate the databases. ${String(error)}`);
      }
    }
    unitsCommitted = [];
    const loadSeconds = (performance.now() - started) / 1000;

    // VACUUM ANALYZE: statistics for the planner and the visibility map for index-only scans,
    // as autovacuum would do later. The labor tables share out over its connections.
    const vacuumStarted = performance.now();
    const vacuum = (lane: Lane, tables: readonly string[]) => {
      for (const table of tables) lane.run((client) => client.query(`VACUUM (ANALYZE) ${table}`).then(() => undefined));
    };
    const laborTables = SEED_TABLES.labor ?? [];
    labor.forEach((lane, i) =>
      vacuum(
        lane,
        laborTables.filter((_, t) => t % labor.length === i),
      ),
    );
    for (const lane of [agriculture, culture, bank]) vacuum(lane, SEED_TABLES[lane.agency] ?? []);
    for (const lane of lanes) await lane.drain();
    const vacuumFailed = lanes.find((l) => l.error !== undefined);
    if (vacuumFailed) throw vacuumFailed.error;
    return {
      households: plan.households,
      communes: geography.communes.length,
      provinces: geography.provinces.length,
      rows,
      categories,
      loadSeconds,
      vacuumSeconds: (performance.now() - vacuumStarted) / 1000,
    };
  } catch (error) {
    stop.stopped = true;
    await Promise.all(lanes.map((l) => l.drain()));
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    if (unitsCommitted.length && clients[0]) {
      await clients[0].query('DELETE FROM admin_unit WHERE code = ANY($1::text[])', [unitsCommitted]).catch(() => undefined);
    }
    throw error;
  } finally {
    await source?.close();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
