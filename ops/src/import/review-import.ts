import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '@gnbv/kit';
import { COUNTRY, principalSchema, type Principal } from '@gnbv/platform';
import { loadStandards, toPovertyStandard, validateStandards } from '@gnbv/labor';
import {
  cellOf,
  COLUMNS,
  detectDelimiter,
  householdKey,
  normaliseCell,
  parseCommuneCode,
  parseCsv,
  parseYear,
  readHeader,
  reviewKey,
  validateRows,
  type Classification,
  type CsvRecord,
  type Delimiter,
  type Header,
  type Problem,
  type ReviewLookup,
  type ReviewRow,
} from './review-csv';

/*
 * Writes a commune's review file into the labor database: every row checked against the registry
 * in the same transaction that writes them, so what was checked is what is written; nothing
 * written when one row is wrong; batched multi-row statements, so 100,000 rows take seconds.
 */

/** The import cannot run as asked (an unknown --commune, unusable standards): nothing to do with the rows. */
export class ImportError extends Error {}

export type ImportPhase = 'checking' | 'writing';

export interface ImportOptions {
  /** Who runs the import: the subject of its audit record. */
  operator: string;
  /** When given, every row must be for this commune. */
  commune?: string | undefined;
  /** Check and classify everything, write nothing. */
  dryRun?: boolean | undefined;
  /** Rows per INSERT (at most 7,000: nine parameters a row, 65,535 a statement). */
  batchSize?: number;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

interface Outcome {
  delimiter: Delimiter;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  ignoredColumns: string[];
  checkMs: number;
  writeMs: number;
}

export type ImportResult =
  | (Outcome & { status: 'rejected'; problems: Problem[] })
  | (Outcome & {
      status: 'checked' | 'imported';
      inserted: number;
      filledDrafts: number;
      byClass: Partial<Record<Classification, number>>;
      communes: string[];
      years: number[];
      /** The audit record of the import; null on a dry run. */
      audit: { seq: number; requestId: string } | null;
    });

const AUDITED_FIELDS = ['write PovertyReview', 'write PovertyReview.deprivedIndicators', 'write PovertyReview.incomePerPerson'];

/** The operator as a principal: a labor officer working on the review. */
export function operatorPrincipal(operator: string, commune?: string): Principal {
  const parsed = principalSchema.safeParse({
    subject: operator.trim(),
    agency: 'labor',
    roles: ['officer'],
    kind: 'person',
    scope: [commune ?? COUNTRY],
  });
  if (!parsed.success) throw new ImportError('--operator must name the operator in 1 to 200 characters');
  return parsed.data;
}

const byLine = (a: Problem, b: Problem) => a.line - b.line;

/**
 * Imports the text of a review file (see `decodeReviewFile`). Rows with problems: nothing is
 * written and the problems come back; otherwise every row is written in one transaction with
 * one audit record. Throws an ImportError when the import cannot run as asked.
 */
export async function importReviews(db: DataSource, text: string, options: ImportOptions): Promise<ImportResult> {
  const principal = operatorPrincipal(options.operator, options.commune);
  if (options.commune !== undefined && !/^\d{5}$/.test(options.commune))
    throw new ImportError(`--commune must be a 5-digit commune code, got "${options.commune}"`);
  const batchSize = options.batchSize ?? 1_000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 7_000) throw new ImportError('batchSize must be 1 to 7,000');
  const started = performance.now();
  const outcome: Outcome = { delimiter: ',', rows: 0, ignoredColumns: [], checkMs: 0, writeMs: 0 };
  const rejected = (problems: Problem[]): ImportResult => ({
    ...outcome,
    checkMs: performance.now() - started,
    status: 'rejected',
    problems: problems.sort(byLine),
  });

  const delimiter = detectDelimiter(text);
  if (!delimiter) {
    const first = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
    return rejected([
      { line: 1, column: '', value: first.slice(0, 40), reason: 'the first line must name the columns, separated by , or ;' },
    ]);
  }
  outcome.delimiter = delimiter;
  const csv = parseCsv(text, delimiter);
  const [headerRecord, ...records] = csv.records;
  if (!headerRecord || csv.problems.some((p) => p.line <= headerRecord.line)) {
    return rejected(csv.problems.length > 0 ? csv.problems : [{ line: 1, column: '', value: '', reason: 'the file is empty' }]);
  }
  const header = readHeader(headerRecord);
  outcome.rows = records.length + csv.problems.length;
  outcome.ignoredColumns = header.ignored;
  if (header.problems.length > 0) return rejected([...header.problems, ...csv.problems]);
  if (outcome.rows === 0)
    return rejected([{ line: header.line, column: '', value: '', reason: 'the file has a header but no review rows' }]);

  return db.transaction(async (m) => {
    const lookup = await readLookup(m, records, header, options);
    const checked = validateRows(records, header, lookup, (done, total) => options.onProgress?.('checking', done, total));
    if (checked.problems.length > 0 || csv.problems.length > 0) return rejected([...csv.problems, ...checked.problems]);
    const { rows } = checked;
    outcome.checkMs = performance.now() - started;
    const byClass: Partial<Record<Classification, number>> = {};
    for (const row of rows) byClass[row.classification] = (byClass[row.classification] ?? 0) + 1;
    const summary = {
      ...outcome,
      inserted: rows.filter((r) => r.fillsDraft === null).length,
      filledDrafts: rows.filter((r) => r.fillsDraft !== null).length,
      byClass,
      communes: [...new Set(rows.map((r) => r.communeCode))].sort(),
      years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b),
    };
    if (options.dryRun) return { ...summary, status: 'checked', audit: null };

    const writing = performance.now();
    await writeRows(m, rows, batchSize, (done) => options.onProgress?.('writing', done, rows.length));
    const requestId = randomUUID();
    const [record] = await appendAudit(m, { requestId, principal, purpose: 'review', operationName: 'import:review' }, [
      {
        entityType: 'Household',
        entityIds: [...new Set(rows.map((r) => r.householdId))].sort(),
        fields: AUDITED_FIELDS,
        decision: 'allowed',
      },
    ]);
    return {
      ...summary,
      writeMs: performance.now() - writing,
      status: 'imported',
      audit: { seq: record!.seq, requestId },
    };
  });
}

/**
 * The registry facts the file's rows name: its communes, their households, and those
 * households' original reviews of the file's years, locked until the import commits so no
 * review appears or changes between the check and the write.
 */
async function readLookup(m: EntityManager, records: readonly CsvRecord[], header: Header, options: ImportOptions) {
  const named = new Set<string>();
  const years = new Set<number>();
  for (const record of records) {
    const commune = parseCommuneCode(cellOf(record, header, COLUMNS.commune));
    if (commune.ok) named.add(commune.value);
    const year = parseYear(cellOf(record, header, COLUMNS.year));
    if (year.ok) years.add(year.value);
  }
  const asked = options.commune === undefined ? [...named] : [options.commune];
  const units: { code: string }[] = await m.query(
    `SELECT code FROM admin_unit WHERE level = 'COMMUNE' AND valid_to IS NULL AND code = ANY($1::varchar[])`,
    [asked],
  );
  const communes = new Set(units.map((u) => u.code));
  if (options.commune !== undefined && !communes.has(options.commune))
    throw new ImportError(`--commune ${options.commune} is not a commune in the labor registry`);

  const households: { id: string; code: string; commune_code: string; area: 'RURAL' | 'URBAN' }[] = await m.query(
    `SELECT id, code, commune_code, area FROM household WHERE commune_code = ANY($1::varchar[])`,
    [[...communes]],
  );
  const existing: { id: string; household_id: string; year: number; state: string }[] = await m.query(
    `SELECT r.id, r.household_id, r.year, r.state
       FROM poverty_review r JOIN household h ON h.id = r.household_id
      WHERE h.commune_code = ANY($1::varchar[]) AND r.year = ANY($2::int[]) AND r.correction_of IS NULL
      ${options.dryRun ? '' : 'FOR UPDATE OF r'}`,
    [[...communes], [...years]],
  );
  const standards = (await loadStandards(m)).map(toPovertyStandard);
  const unusable = validateStandards(standards);
  if (unusable.length > 0)
    throw new ImportError(`the poverty standards in the labor database are not usable: ${unusable.join('; ')}`);

  const lookup: ReviewLookup = {
    commune: options.commune,
    communes,
    households: new Map(households.map((h) => [householdKey(h.commune_code, normaliseCell(h.code)), h])),
    existingReviews: new Map(existing.map((r) => [reviewKey(r.household_id, Number(r.year)), r])),
    standards,
  };
  return lookup;
}

const REVIEW_VALUES = [
  'review_date::date',
  'state::varchar',
  'income_per_person::bigint',
  'deprived_indicators::smallint[]',
  'standard_code::varchar',
  'classification::varchar',
  'reasons::text[]',
] as const;
const values = (r: ReviewRow) => [
  r.reviewDate,
  r.state,
  r.incomePerPerson,
  r.deprivedIndicators,
  r.standardCode,
  r.classification,
  r.reasons,
];

/** `($1::t1, $2::t2, ...), (...)` for `rows` rows of `types`. */
function tuples(rows: number, types: readonly string[]): string {
  const out: string[] = [];
  for (let k = 0; k < rows; k++) out.push(`(${types.map((t, c) => `$${k * types.length + c + 1}::${t}`).join(', ')})`);
  return out.join(',\n');
}

async function writeRows(m: EntityManager, rows: readonly ReviewRow[], batchSize: number, onProgress: (done: number) => void) {
  const columns = REVIEW_VALUES.map((v) => v.split('::')[0]!);
  const types = REVIEW_VALUES.map((v) => v.split('::')[1]!);
  const fresh = rows.filter((r) => r.fillsDraft === null);
  const drafts = rows.filter((r) => r.fillsDraft !== null);
  let done = 0;
  for (let i = 0; i < fresh.length; i += batchSize) {
    const batch = fresh.slice(i, i + batchSize);
    await m.query(
      `INSERT INTO poverty_review (household_id, year, ${columns.join(', ')})
       VALUES ${tuples(batch.length, ['uuid', 'smallint', ...types])}`,
      batch.flatMap((r) => [r.householdId, r.year, ...values(r)]),
    );
    done += batch.length;
    onProgress(done);
  }
  for (let i = 0; i < drafts.length; i += batchSize) {
    const batch = drafts.slice(i, i + batchSize);
    const [, updated] = (await m.query(
      `UPDATE poverty_review AS r
          SET ${columns.map((c) => `${c} = v.${c}`).join(', ')}, updated_at = now()
         FROM (VALUES ${tuples(batch.length, ['uuid', ...types])}) AS v (id, ${columns.join(', ')})
        WHERE r.id = v.id AND r.state = 'DRAFT'`,
      batch.flatMap((r) => [r.fillsDraft, ...values(r)]),
    )) as [unknown[], number];
    // The drafts are locked since the check, so this holds unless the lock was bypassed.
    if (updated !== batch.length) throw new Error(`${batch.length - updated} DRAFT reviews changed during the import`);
    done += batch.length;
    onProgress(done);
  }
}
