import { availableParallelism } from 'node:os';
import { envPrefix, ConfigError, processEnv } from '@gnbv/platform';
import { pendingByAgency } from '../databases';
import { AGENCIES } from '../agencies';
import { parseSeedArgs, USAGE, UsageError, type SeedArgs } from './args';
import { Interrupted, Refusal, seedDatabases, type AgencyTarget, type SeedStats } from './load';

/*
 * `npm run seed -- --households N [--seed S] [--batch B] [--workers W]`: a
 * deterministic, realistic data set for the four agencies, loaded into the databases of the
 * *_DATABASE_URL variables. See USAGE in args.ts.
 */

const EXIT = { ok: 0, refused: 1, usage: 2, failed: 3, interrupted: 130 } as const;

const count = (n: number) => Math.round(n).toLocaleString('en');
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

function fail(code: number, message: string, usage = false): never {
  process.stderr.write(`seed: ${message}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exit(code);
}

/** The four agencies' databases from the environment; exits with a usage error naming what is missing or wrong. */
function targetsFromEnv(env: Record<string, string | undefined>): AgencyTarget[] {
  const missing = AGENCIES.map((s) => `${envPrefix(s.name)}_DATABASE_URL`).filter((v) => !env[v]);
  if (missing.length) {
    fail(
      EXIT.usage,
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: the seed needs all four agency databases`,
    );
  }
  try {
    return AGENCIES.map((s) => {
      const { database } = s.loadConfig(env);
      return { name: s.name, url: database.url, schema: database.schema };
    });
  } catch (error) {
    if (error instanceof ConfigError) fail(EXIT.usage, error.message);
    throw error;
  }
}

/** A progress bar on stderr, redrawn at most five times a second; nothing when stderr is not a terminal. */
function progressBar(total: number) {
  if (!process.stderr.isTTY) return { update: (_n: number, _phase?: string) => undefined, clear: () => undefined };
  const started = performance.now();
  let drawn = 0;
  let rate = 0;
  return {
    /** `phase`: what runs after the rows are in (the index rebuild), shown instead of the rate. */
    update(n: number, phase?: string) {
      const now = performance.now();
      if (n < total && !phase && now - drawn < 200) return;
      drawn = now;
      const width = 30;
      const filled = Math.round((width * n) / total);
      if (!phase) rate = n / ((now - started) / 1000);
      const eta = rate > 0 ? Math.ceil((total - n) / rate) : 0;
      const after = phase ? `${phase}...` : `${count(rate)}/s, ETA ${eta} s`;
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent(n, total)} ${count(n)}/${count(total)} households, ${after}\x1b[K`,
      );
    },
    clear: () => process.stderr.write('\r\x1b[K'),
  };
}

function summary(args: SeedArgs, stats: SeedStats): string {
  const { households, categories, loadSeconds } = stats;
  const agencies = Object.entries(stats.rows)
    .map(([agency, rows]) => `${agency} ${count(rows)} rows (${count(rows / loadSeconds)} rows/s)`)
    .join(', ');
  return (
    `seed ${args.seed}: ${count(households)} households in ${count(stats.communes)} communes of ${stats.provinces} ` +
    `province${stats.provinces === 1 ? '' : 's'}; poor ${percent(categories.POOR, households)}, near-poor ` +
    `${percent(categories.NEAR_POOR, households)}, newly escaped ${percent(categories.NEWLY_ESCAPED, households)}\n` +
    `loaded in ${loadSeconds.toFixed(1)} s (report facts filled in ${stats.derivedSeconds.toFixed(1)} s, indexes and ` +
    `foreign keys rebuilt in ${stats.rebuildSeconds.toFixed(1)} s of it): ` +
    `${count(households / loadSeconds)} households/s; ${agencies}; VACUUM ANALYZE ${stats.vacuumSeconds.toFixed(1)} s` +
    `${stats.transport === 'insert' ? ' (INSERT: this server has no COPY FROM STDIN)' : ''}\n`
  );
}

async function main() {
  let args: SeedArgs | 'help';
  try {
    args = parseSeedArgs(process.argv.slice(2), availableParallelism());
  } catch (error) {
    if (error instanceof UsageError) fail(EXIT.usage, error.message, true);
    throw error;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = processEnv();
  const targets = targetsFromEnv(env);
  const pending = await pendingByAgency(
    env,
    AGENCIES.map((s) => s.name),
  );
  if (Object.keys(pending).length) {
    const list = Object.entries(pending).map(([agency, names]) => `${agency}: ${names.join(', ')}`);
    fail(EXIT.refused, `migrations pending (${list.join('; ')}). Apply them first: npm run migrate`);
  }
  let interrupted = 0;
  process.on('SIGINT', () => {
    // A second Ctrl-C quits at once; one within a second is the same keypress seen twice (the
    // signal goes to the whole process group).
    if (interrupted && performance.now() - interrupted > 1000) {
      process.stderr.write(
        'seed: quit before rolling back; the server rolls back the open transactions (rows, dropped indexes and keys alike) as it sees the connections close\n',
      );
      process.exit(EXIT.interrupted);
    }
    if (interrupted) return;
    interrupted = performance.now();
    process.stderr.write('\nseed: interrupted, rolling back (Ctrl-C again to quit at once)\n');
  });
  const bar = progressBar(args.households);
  try {
    const stats = await seedDatabases(args, targets, bar.update, () => interrupted > 0);
    bar.clear();
    process.stdout.write(summary(args, stats));
  } catch (error) {
    bar.clear();
    if (error instanceof Refusal) fail(EXIT.refused, `refused: ${error.message}`);
    if (error instanceof Interrupted) fail(EXIT.interrupted, 'interrupted: rolled back, nothing was added');
    fail(EXIT.failed, `failed, rolled back: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => fail(EXIT.failed, error instanceof Error ? (error.stack ?? error.message) : String(error)));
