import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pendingMigrations } from '@gnbv/kit';
import { processEnv } from '@gnbv/platform';
import { laborDataSource, loadConfig } from '@gnbv/labor';
import { findAgencyDatabase } from '../agency-database';
import { COLUMN_HELP, decodeReviewFile, FileEncodingError, formatProblems, rejectedCsv } from './review-csv';
import { importReviews, ImportError, type ImportPhase } from './review-import';

const USAGE = `Loads a commune's yearly review results (rà soát) from a CSV file into the labor registry.

  npm run import:review -- <file.csv> --operator <name> [--commune <code>] [--dry-run]

  --operator   who runs the import (required): the subject of its audit record
  --commune    the 5-digit commune code the file is for: rows of any other commune are refused
  --dry-run    check and classify every row, write nothing (a report of rejected rows is still written)
  -h, --help   this text

The file: CSV in UTF-8 (with or without a BOM), separated by , or ; (read from the header line),
a field in "double quotes" when it holds the separator. Example: ops/src/import/sample-review.csv

${COLUMN_HELP}

Every row is checked: the household is in that commune's registry; year and date are valid and
the date falls in the year; income and indicators are valid; no two rows name the same household
and year; the household has no review of that year yet (a DRAFT one is filled in). Each row is
classified under the poverty standard in force on its date (the database's poverty_standard and
poverty_line). If any row is wrong, nothing is written: the problems are printed and written to
<file>.rejected.csv (for Excel). Otherwise all rows are written in one transaction, with one audit
record naming the operator.

The database: LABOR_DATABASE_URL; else the running embedded database of \`npm start\`; else its data
directory (.data/pg/labor).

Exit codes: 0 imported (with --dry-run: all rows valid), 1 rows rejected (nothing written),
2 usage, file or database error.`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class UsageError extends Error {}

/** A progress bar on stderr, redrawn at most 10 times a second; nothing when stderr is not a terminal. */
function progressBar() {
  if (!process.stderr.isTTY) return { update: undefined, clear: () => undefined };
  let last = 0;
  const update = (phase: ImportPhase, done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(
      `\r  ${phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count(done)}/${count(total)}`,
    );
  };
  return { update, clear: () => process.stderr.write('\r\x1b[K') };
}

async function main(): Promise<number> {
  const started = performance.now();
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        operator: { type: 'string' },
        commune: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = args;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one CSV file');
  if (!values.operator?.trim()) throw new UsageError('--operator <name> is required: the audit record names who imported');
  if (values.commune !== undefined && !/^\d{5}$/.test(values.commune))
    throw new UsageError(`--commune must be a 5-digit commune code, got "${values.commune}"`);
  const dryRun = values['dry-run'] === true;

  const file = resolve(positionals[0]!);
  const reportFile = `${file}.rejected.csv`;
  let text: string;
  try {
    text = decodeReviewFile(readFileSync(file));
  } catch (error) {
    if (error instanceof FileEncodingError) throw new Error(`${file}: ${error.message}`);
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }

  const found = await findAgencyDatabase('labor');
  if (!found) throw new Error('no labor database: set LABOR_DATABASE_URL, or run `npm start` once for the embedded one');
  const config = loadConfig({ ...processEnv(), LABOR_DATABASE_URL: found.url });
  const db = laborDataSource({ ...config.database, poolSize: 1 });
  try {
    await db.initialize();
    const pending = await pendingMigrations(db);
    if (pending.length > 0)
      throw new Error(
        `the labor database (${found.source}) lacks migrations ${pending.join(', ')}: run \`npm run migrate\` first`,
      );
    out(`${file} → labor database (${found.source})${dryRun ? ', dry run: nothing will be written' : ''}`);
    const bar = progressBar();
    let result;
    try {
      result = await importReviews(db, text, {
        operator: values.operator,
        commune: values.commune,
        dryRun,
        onProgress: bar.update,
      });
    } finally {
      bar.clear();
    }
    if (result.ignoredColumns.length > 0) out(`columns not read: ${result.ignoredColumns.join(', ')}`);

    if (result.status === 'rejected') {
      const lines = new Set(result.problems.map((p) => p.line)).size;
      out(
        `REJECTED: ${count(result.problems.length)} problems on ${count(lines)} lines of ${count(result.rows)} rows; nothing was written`,
      );
      out(formatProblems(result.problems, 100));
      try {
        writeFileSync(reportFile, rejectedCsv(result.problems, result.delimiter));
        out(`report for Excel: ${reportFile}`);
      } catch (error) {
        process.stderr.write(`import:review: could not write ${reportFile}: ${(error as Error).message}\n`);
      }
      return 1;
    }

    if (existsSync(reportFile)) {
      rmSync(reportFile);
      out(`removed the earlier report ${reportFile}`);
    }
    const classes = Object.entries(result.byClass)
      .map(([c, n]) => `${c} ${count(n)}`)
      .join(', ');
    const what = `${count(result.rows)} reviews (${count(result.inserted)} new, ${count(result.filledDrafts)} drafts filled) of commune ${result.communes.join(', ')}, year ${result.years.join(', ')}: ${classes}`;
    if (result.status === 'checked') {
      out(`checked ${what}; all valid, nothing written (dry run)`);
      return 0;
    }
    out(`imported ${what}`);
    out(`audit record ${result.audit!.seq} (request ${result.audit!.requestId}) by ${values.operator.trim()}`);
    const total = performance.now() - started;
    out(
      `${count(result.rows)} rows in ${seconds(total)}: ${count(Math.round(result.rows / (total / 1000)))} rows/s ` +
        `(checking ${seconds(result.checkMs)}, writing ${seconds(result.writeMs)})`,
    );
    return 0;
  } finally {
    if (db.isInitialized) await db.destroy();
    await found.stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`import:review: ${error.message}\n\nRun with --help for the columns and options.\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`import:review: ${error instanceof ImportError ? '' : 'failed: '}${message}\n`);
    }
    process.exit(2);
  },
);
