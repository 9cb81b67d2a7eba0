import { parseArgs } from 'node:util';
import { MAX_HOUSEHOLDS } from './geography';

export const DEFAULT_SEED = 2025;
export const DEFAULT_BATCH = 10_000;
export const DEFAULT_CONNECTIONS = 2;
/** One generator thread per spare core, at most four: the main thread and the database need the rest. */
export const defaultWorkers = (cores: number) => Math.max(0, Math.min(4, cores - 1));

export const USAGE = `Builds a deterministic, realistic data set for the four agencies and loads it into their databases.

  npm run seed -- --households <N> [--seed <S>] [--batch <B>] [--connections <C>] [--workers <W>]

  --households   how many households (1 to ${MAX_HOUSEHOLDS.toLocaleString('en')}), with their members, the certified
                 2024 and 2025 reviews, Project 3 and Project 6 supports and VBSP loans; communes of
                 1,500-3,000 households (about 450 for a million), up to 120 communes per province
  --seed         the random seed (default ${DEFAULT_SEED}): the same seed and N give the same rows, whatever
                 the batch size, connections and workers
  --batch        households generated and inserted per statement (default ${DEFAULT_BATCH.toLocaleString('en')}, 100 to 100,000)
  --connections  connections writing the labor database in parallel (default ${DEFAULT_CONNECTIONS}, 1 to 16); each
                 other agency uses one
  --workers      threads generating chunks (default: one per core beyond the first, at most 4;
                 0 to 16, 0 = on the main thread)
  -h, --help     this text

The databases are the ones named by LABOR_DATABASE_URL, AGRICULTURE_DATABASE_URL,
CULTURE_INFORMATION_DATABASE_URL and SOCIAL_POLICY_BANK_DATABASE_URL (and <AGENCY>_DATABASE_SCHEMA).
They must be migrated (npm run migrate) and their seeded tables empty: the seed never adds to
or replaces existing data. Each agency's rows are committed together at the end; a failure
rolls them back and removes the administrative units it had committed first. Then VACUUM
ANALYZE, so the planner knows the new tables at once.

Progress goes to stderr when it is a terminal; the last line gives households/s and rows/s
per agency.

Exit codes: 0 seeded; 1 refused (tables not empty, migrations pending), nothing written;
2 usage error (bad option, a database URL not set), nothing written; 3 failed while loading,
rolled back; 130 interrupted (Ctrl-C), rolled back.

Example:
  npm run migrate && npm run seed -- --households 100000 --seed 7`;

export interface SeedArgs {
  households: number;
  seed: number;
  batch: number;
  connections: number;
  workers: number;
}

/** A usage error: the message names the option. */
export class UsageError extends Error {}

function wholeNumber(option: string, raw: string | undefined, fallback: number | undefined, min: number, max: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${option} is required`);
    return fallback;
  }
  // 1_000_000 and 1,000,000 are accepted: both are how people write a million.
  const text = raw.replace(/[_,]/g, '');
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${option} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/**
 * The options of `npm run seed`, or `'help'`; throws a UsageError naming the bad option.
 * `cores` sets the default number of generator threads.
 */
export function parseSeedArgs(argv: readonly string[], cores = 2): SeedArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        households: { type: 'string' },
        seed: { type: 'string' },
        batch: { type: 'string' },
        connections: { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  return {
    households: wholeNumber('households', text('households'), undefined, 1, MAX_HOUSEHOLDS),
    seed: wholeNumber('seed', text('seed'), DEFAULT_SEED, 0, 2 ** 32 - 1),
    batch: wholeNumber('batch', text('batch'), DEFAULT_BATCH, 100, 100_000),
    connections: wholeNumber('connections', text('connections'), DEFAULT_CONNECTIONS, 1, 16),
    workers: wholeNumber('workers', text('workers'), defaultWorkers(cores), 0, 16),
  };
}
