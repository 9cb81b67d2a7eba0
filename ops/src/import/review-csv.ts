import { classify, INDICATORS, isIsoDate, standardInForce } from '@gnbv/labor';

/*
 * The yearly review results as communes keep them: a spreadsheet saved as CSV, often by Excel in
 * a Vietnamese locale (semicolons, 1.500.000, 15/10/2025). Pure functions: bytes → text → records
 * → validated review rows or problems (line, column, value, reason) a commune officer can fix.
 * The database facts a row is checked against arrive as a `ReviewLookup`.
 */

export type Standard = ReturnType<typeof standardInForce>;
export type Classification = ReturnType<typeof classify>['classification'];

export const COLUMNS = {
  household: 'household_code',
  commune: 'commune_code',
  year: 'year',
  reviewDate: 'review_date',
  income: 'income_per_person',
  state: 'state',
} as const;
export const INDICATOR_COLUMNS: readonly string[] = INDICATORS.map((i) => `i${i.number}`);
export const REQUIRED_COLUMNS: readonly string[] = [
  COLUMNS.household,
  COLUMNS.commune,
  COLUMNS.year,
  COLUMNS.reviewDate,
  COLUMNS.income,
  ...INDICATOR_COLUMNS,
];

/** States a row may give: the import records surveys, so never DRAFT, and certifying stays with the commune. */
export const IMPORT_STATES = ['SURVEYED', 'VILLAGE_AGREED', 'POSTED'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** The column reference of the command's --help. */
export const COLUMN_HELP = `Columns (a header row; any order; names are case-insensitive; other columns are ignored):
  ${COLUMNS.household.padEnd(18)} the household's code in the labor registry
  ${COLUMNS.commune.padEnd(18)} the 5-digit commune code (3160, shortened by Excel, is read as 03160)
  ${COLUMNS.year.padEnd(18)} the review year, 2000-2100
  ${COLUMNS.reviewDate.padEnd(18)} DD/MM/YYYY or YYYY-MM-DD, inside the review year; picks the poverty standard
  ${COLUMNS.income.padEnd(18)} income per person per month in đồng (form B1): 1500000 or 1.500.000
  ${'i1 ... i12'.padEnd(18)} deprived in the indicator (form B2)? yes: 1, x or có; no: 0, blank or không.
  ${''.padEnd(18)} A row that writes 0 or không must answer all twelve: a blank there is a missed answer.
${INDICATORS.map((i) => `  ${''.padEnd(18)}   i${String(i.number).padEnd(3)} ${i.nameVi} (${i.nameEn.toLowerCase()})`).join('\n')}
  ${COLUMNS.state.padEnd(18)} optional: ${IMPORT_STATES.join(', ')}; blank or absent = SURVEYED`;

/** Something wrong with the file, where a commune officer finds it: line 1 is the header. */
export interface Problem {
  line: number;
  /** The header name of the column; empty for the whole row. */
  column: string;
  value: string;
  reason: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

// ---- bytes → text ---------------------------------------------------------------------------

/** The file cannot be read as UTF-8 text; the message says how to save it. */
export class FileEncodingError extends Error {}

const SAVE_AS = 'in Excel use File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)"';

/** Offset of the first byte that is not well-formed UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The file's text: UTF-8, a byte-order mark stripped. Throws a FileEncodingError naming the line
 * of the first byte that is not UTF-8 (a legacy Vietnamese code page), or UTF-16 / a workbook.
 */
export function decodeReviewFile(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new FileEncodingError(`the file is UTF-16 (Excel's "Unicode Text"), not UTF-8: ${SAVE_AS}`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    throw new FileEncodingError(`the file is an Excel workbook (.xlsx), not CSV: ${SAVE_AS}`);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const where =
      at < 0
        ? ''
        : ` line ${body.subarray(0, at).filter((b) => b === 0x0a).length + 1} has the byte 0x${body[at]!.toString(16).toUpperCase()}, which`;
    throw new FileEncodingError(
      `the file is not UTF-8:${where || ' it holds bytes that'} UTF-8 does not allow (saved in a legacy code page such as Windows-1258, TCVN3 or VNI?); ${SAVE_AS}`,
    );
  }
  if (text.includes('\u0000'))
    throw new FileEncodingError(`the file holds NUL characters, so it is not CSV text (UTF-16 without a BOM?): ${SAVE_AS}`);
  return text;
}

// ---- text → records -------------------------------------------------------------------------

export type Delimiter = ',' | ';';

/** One record of the file: its fields as written, and the line it starts on (1 = header). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The separator, from the header line: Excel writes `;` where the decimal mark is a comma (a
 * Vietnamese locale), `,` elsewhere. Undefined when the header holds neither.
 */
export function detectDelimiter(text: string): Delimiter | undefined {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') break;
    else if (c === ',') commas += 1;
    else if (c === ';') semicolons += 1;
  }
  if (commas === 0 && semicolons === 0) return undefined;
  return semicolons > commas ? ';' : ',';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const newlines = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n += 1;
  }
  return n;
};

/**
 * Records of CSV text (RFC 4180: quoted fields may hold the separator, `""` and line breaks;
 * CRLF, LF or CR line ends). Lines with only empty fields are skipped (Excel leaves `;;;` rows).
 * A quote left open stops the parse with a problem on the line it opened.
 */
export function parseCsv(text: string, delimiter: Delimiter): { records: CsvRecord[]; problems: Problem[] } {
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let malformed: string | undefined;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            problems.push({
              line: fieldLine,
              column: '',
              value: text.slice(i, i + 40),
              reason: 'a quoted field opened here is never closed (a missing ")',
            });
            return { records, problems };
          }
          parts.push(text.slice(j, q));
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts.push('"');
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        value = parts.join('');
        line += newlines(value);
        const c = text.charCodeAt(i);
        if (i < n && c !== d && c !== LF && c !== CR) {
          const end = i;
          while (i < n && ![d, LF, CR].includes(text.charCodeAt(i))) i++;
          malformed ??= `field ${fields.length + 1} has text after its closing quote: "${text.slice(end, i)}"`;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) break;
      if (text.charCodeAt(i) === d) {
        i += 1;
        if (i < n) continue;
        fields.push('');
        break;
      }
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line += 1;
      break;
    }
    if (fields.every((f) => f.trim() === '')) continue;
    if (malformed) problems.push({ line: recordLine, column: '', value: '', reason: malformed });
    else records.push({ line: recordLine, fields });
  }
  return { records, problems };
}

const NON_ASCII = /[\u0080-\uffff]/;

/** A cell as compared: surrounding spaces removed, Vietnamese text in NFC (one code point per letter). */
export const normaliseCell = (value: string) => {
  const trimmed = value.trim();
  return NON_ASCII.test(trimmed) ? trimmed.normalize('NFC') : trimmed;
};

// ---- the header -----------------------------------------------------------------------------

export interface Header {
  line: number;
  width: number;
  /** Field index of each known column present. */
  index: ReadonlyMap<string, number>;
  /** Columns the import does not read (a name, notes): listed for the operator, not an error. */
  ignored: string[];
  problems: Problem[];
}

/** The columns of the header record; a required column missing or a known one repeated is a problem. */
export function readHeader(record: CsvRecord): Header {
  const known = new Set([...REQUIRED_COLUMNS, COLUMNS.state]);
  const index = new Map<string, number>();
  const ignored: string[] = [];
  const problems: Problem[] = [];
  record.fields.forEach((raw, i) => {
    const name = normaliseCell(raw).toLowerCase();
    if (!known.has(name)) {
      if (name !== '') ignored.push(normaliseCell(raw));
      return;
    }
    if (index.has(name)) {
      problems.push({ line: record.line, column: name, value: raw, reason: `the header names column ${name} twice` });
      return;
    }
    index.set(name, i);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!index.has(name))
      problems.push({ line: record.line, column: name, value: '', reason: 'the header has no such column; it is required' });
  }
  return { line: record.line, width: record.fields.length, index, ignored, problems };
}

/** The normalised cell of `column` in a record; empty when the header lacks the column. */
export function cellOf(record: CsvRecord, header: Header, column: string): string {
  const i = header.index.get(column);
  return i === undefined ? '' : normaliseCell(record.fields[i] ?? '');
}

// ---- cells → values -------------------------------------------------------------------------

/** A 5-digit commune code; fewer digits are the leading zeros Excel drops from a number (3160 → 03160). */
export function parseCommuneCode(text: string): Parsed<string> {
  if (text === '') return no('is empty: write the 5-digit commune code');
  if (!/^\d{1,5}$/.test(text)) return no('must be a 5-digit commune code');
  return ok(text.padStart(5, '0'));
}

export function parseYear(text: string): Parsed<number> {
  if (!/^\d{4}$/.test(text)) return no('must be a year written with 4 digits');
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? ok(year) : no('must be a year between 2000 and 2100');
}

/** A calendar date from `YYYY-MM-DD` or the Vietnamese `DD/MM/YYYY` (day first; `D/M/YYYY` too), as ISO. */
export function parseReviewDate(text: string): Parsed<string> {
  if (text === '') return no('is empty: write the review date as DD/MM/YYYY or YYYY-MM-DD');
  let iso: string;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  else return no('must be a date written DD/MM/YYYY or YYYY-MM-DD');
  return isIsoDate(iso) ? ok(iso) : no(`is not a calendar date${vn ? ' (read as day/month/year)' : ''}`);
}

const CURRENCY = /\s*(đồng|vnđ|vnd|đ|₫)$/;
const GROUPED = /^\d{1,3}([. \u00a0\u202f])\d{3}(?:\1\d{3})*$/;

/**
 * Whole đồng, written plainly (1500000) or with Vietnamese thousands separators (1.500.000, or
 * spaces); a trailing đ / VND is allowed. A comma is refused: it is the Vietnamese decimal mark.
 */
export function parseVnd(text: string): Parsed<number> {
  const s = text.toLowerCase().replace(CURRENCY, '');
  if (s === '') return no('is empty: write the income per person per month in đồng (0 if none)');
  if (/^-\s*\d/.test(s)) return no('must not be negative');
  let digits: string;
  if (/^\d+$/.test(s)) digits = s;
  else if (GROUPED.test(s)) digits = s.replace(/\D/g, '');
  else if (s.includes(','))
    return no('holds a comma, the Vietnamese decimal mark; income is whole đồng: write 1.500.000 or 1500000');
  else return no('must be a whole number of đồng, written 1500000 or 1.500.000');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? ok(value) : no('is too large');
}

const DEPRIVED = new Set(['1', 'x', 'có', 'co']);
const NOT_DEPRIVED = new Set(['0', 'không', 'khong']);

/** true = deprived (1, x, có), false = not (0, không), null = blank (an unticked box). */
export function parseIndicator(text: string): Parsed<boolean | null> {
  const s = text.toLowerCase();
  if (s === '') return ok(null);
  if (DEPRIVED.has(s)) return ok(true);
  if (NOT_DEPRIVED.has(s)) return ok(false);
  return no('must be 1, x or có (deprived) or 0, blank or không (not deprived)');
}

export function parseState(text: string): Parsed<ImportState> {
  const s = text.toUpperCase().replace(/[\s-]+/g, '_');
  if (s === '') return ok('SURVEYED');
  if ((IMPORT_STATES as readonly string[]).includes(s)) return ok(s as ImportState);
  if (s === 'DRAFT') return no(`a DRAFT holds no survey answers; a row of the import is ${IMPORT_STATES.join(', ')}`);
  if (s === 'CERTIFIED')
    return no(
      'the commune certifies in the application (it records who and when); import the review as POSTED and certify it there',
    );
  return no(`must be one of ${IMPORT_STATES.join(', ')} (or blank for SURVEYED)`);
}

// ---- rows → reviews -------------------------------------------------------------------------

/** The registry facts rows are checked against, read by the caller. */
export interface ReviewLookup {
  /** The commune named by --commune: every row must be for it. */
  commune?: string | undefined;
  /** Codes of the communes in the registry (of those the file names). */
  communes: ReadonlySet<string>;
  /** Households by `householdKey(commune, code)`. */
  households: ReadonlyMap<string, { id: string; area: 'RURAL' | 'URBAN' }>;
  /** The original (not correcting) review of a household and year, by `reviewKey(householdId, year)`. */
  existingReviews: ReadonlyMap<string, { id: string; state: string }>;
  standards: readonly Standard[];
}

export const householdKey = (commune: string, code: string) => `${commune}\u0000${code}`;
export const reviewKey = (householdId: string, year: number) => `${householdId}\u0000${year}`;

/** A valid row, classified, ready to write. */
export interface ReviewRow {
  line: number;
  householdId: string;
  householdCode: string;
  communeCode: string;
  year: number;
  reviewDate: string;
  state: ImportState;
  incomePerPerson: number;
  deprivedIndicators: number[];
  standardCode: string;
  classification: Classification;
  reasons: string[];
  /** The DRAFT review this row fills in, or null for a new review. */
  fillsDraft: string | null;
}

export type RowResult = { ok: true; row: ReviewRow } | { ok: false; problems: Problem[] };

/**
 * Validates one record against the header and the registry, and classifies it under the
 * standard in force on its date. Every problem of the row is listed, so one pass fixes them all.
 */
export function validateRow(record: CsvRecord, header: Header, lookup: ReviewLookup): RowResult {
  const { line } = record;
  if (record.fields.length !== header.width) {
    const reason = `has ${record.fields.length} fields where the header has ${header.width}: a stray separator, or a value with a separator that is not in quotes?`;
    return { ok: false, problems: [{ line, column: '', value: '', reason }] };
  }
  const problems: Problem[] = [];
  const cell = (column: string) => cellOf(record, header, column);
  const check = <T>(column: string, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    problems.push({ line, column, value: cell(column), reason: parsed.reason });
    return undefined;
  };
  const fail = (column: string, reason: string) => problems.push({ line, column, value: cell(column), reason });

  let commune = check(COLUMNS.commune, parseCommuneCode(cell(COLUMNS.commune)));
  if (commune !== undefined && lookup.commune !== undefined && commune !== lookup.commune) {
    fail(COLUMNS.commune, `the row is for commune ${commune}, but the import is for --commune ${lookup.commune}`);
    commune = undefined;
  } else if (commune !== undefined && !lookup.communes.has(commune)) {
    fail(COLUMNS.commune, `commune ${commune} is not in the labor registry`);
    commune = undefined;
  }
  const code = cell(COLUMNS.household);
  if (code === '') fail(COLUMNS.household, 'is empty: write the household code');
  const year = check(COLUMNS.year, parseYear(cell(COLUMNS.year)));
  const reviewDate = check(COLUMNS.reviewDate, parseReviewDate(cell(COLUMNS.reviewDate)));
  if (year !== undefined && reviewDate !== undefined && !reviewDate.startsWith(`${year}-`))
    fail(COLUMNS.reviewDate, `falls outside the review year ${year}`);
  const income = check(COLUMNS.income, parseVnd(cell(COLUMNS.income)));

  const answers = INDICATOR_COLUMNS.map((column) => check(column, parseIndicator(cell(column))));
  if (answers.includes(false)) {
    INDICATOR_COLUMNS.forEach((column, i) => {
      if (answers[i] === null)
        fail(column, 'is blank, but the row answers other indicators with 0 or không: answer all twelve (1 or 0)');
    });
  }
  const state = check(COLUMNS.state, parseState(cell(COLUMNS.state)));

  let household: { id: string; area: 'RURAL' | 'URBAN' } | undefined;
  if (commune !== undefined && code !== '') {
    household = lookup.households.get(householdKey(commune, code));
    if (!household) {
      const hint = /^\d+$/.test(code) ? ' (if Excel dropped leading zeros, format the column as Text)' : '';
      fail(COLUMNS.household, `no household ${code} in commune ${commune}${hint}`);
    }
  }
  let standard: Standard | undefined;
  if (reviewDate !== undefined) {
    try {
      standard = standardInForce(lookup.standards, reviewDate);
    } catch (error) {
      fail(COLUMNS.reviewDate, `cannot be classified: ${(error as Error).message}`);
    }
  }
  let fillsDraft: string | null = null;
  if (household && year !== undefined) {
    const existing = lookup.existingReviews.get(reviewKey(household.id, year));
    if (existing && existing.state !== 'DRAFT') {
      fail(
        COLUMNS.household,
        `household ${code} already has its ${year} review (${existing.state}): the import adds new reviews and fills DRAFT ones only; change this one in the application`,
      );
    } else if (existing) {
      fillsDraft = existing.id;
    }
  }
  if (problems.length > 0 || !household || !standard || commune === undefined) return { ok: false, problems };

  const result = classify({
    incomePerPersonMonthly: income!,
    deprivations: answers.map((a) => a === true),
    area: household.area,
    standard,
  });
  return {
    ok: true,
    row: {
      line,
      householdId: household.id,
      householdCode: code,
      communeCode: commune,
      year: year!,
      reviewDate: reviewDate!,
      state: state!,
      incomePerPerson: income!,
      deprivedIndicators: result.deprivedIndicators,
      standardCode: result.standardCode,
      classification: result.classification,
      reasons: result.reasons,
      fillsDraft,
    },
  };
}

/** The household and year a record is about, when its cells say so (for finding repeats). */
function recordKey(record: CsvRecord, header: Header): string | undefined {
  const cell = (column: string) => cellOf(record, header, column);
  const commune = parseCommuneCode(cell(COLUMNS.commune));
  const year = parseYear(cell(COLUMNS.year));
  const code = cell(COLUMNS.household);
  if (!commune.ok || !year.ok || code === '') return undefined;
  return `${householdKey(commune.value, code)}\u0000${year.value}`;
}

/**
 * Validates every record (see `validateRow`) and refuses a second row for the same household
 * and year, naming the line of the first. `onProgress` is called every 1,000 records.
 */
export function validateRows(
  records: readonly CsvRecord[],
  header: Header,
  lookup: ReviewLookup,
  onProgress?: (done: number, total: number) => void,
): { rows: ReviewRow[]; problems: Problem[] } {
  const rows: ReviewRow[] = [];
  const problems: Problem[] = [];
  const firstLine = new Map<string, number>();
  records.forEach((record, i) => {
    const result = validateRow(record, header, lookup);
    const rowProblems = result.ok ? [] : result.problems;
    const key = recordKey(record, header);
    const first = key === undefined ? undefined : firstLine.get(key);
    if (first !== undefined) {
      const code = cellOf(record, header, COLUMNS.household);
      rowProblems.push({
        line: record.line,
        column: COLUMNS.household,
        value: code,
        reason: `repeats household ${code} and its year, already on line ${first}`,
      });
    } else if (key !== undefined) {
      firstLine.set(key, record.line);
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (result.ok) rows.push(result.row);
    if ((i + 1) % 1_000 === 0 || i + 1 === records.length) onProgress?.(i + 1, records.length);
  });
  return { rows, problems };
}

// ---- the report -----------------------------------------------------------------------------

const csvField = (value: string, delimiter: Delimiter) =>
  value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * The rejected rows as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8
 * as the Windows code page), CRLF, and the input's separator, so it opens like the input did.
 */
export function rejectedCsv(problems: readonly Problem[], delimiter: Delimiter): string {
  const rows = [['line', 'column', 'value', 'reason'], ...problems.map((p) => [String(p.line), p.column, p.value, p.reason])];
  return `\uFEFF${rows.map((r) => r.map((f) => csvField(f, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** The problems as a text table for the terminal, the first `limit` of them. */
export function formatProblems(problems: readonly Problem[], limit = problems.length): string {
  const shown = problems.slice(0, limit);
  const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);
  const width = (f: (p: Problem) => string, title: string) => Math.max(title.length, ...shown.map((p) => f(p).length));
  const [wl, wc, wv] = [
    width((p) => String(p.line), 'line'),
    width((p) => p.column, 'column'),
    width((p) => clip(p.value), 'value'),
  ];
  const row = (l: string, c: string, v: string, r: string) => `  ${l.padStart(wl)}  ${c.padEnd(wc)}  ${v.padEnd(wv)}  ${r}`;
  const lines = [
    row('line', 'column', 'value', 'reason'),
    ...shown.map((p) => row(String(p.line), p.column, clip(p.value), p.reason)),
  ];
  if (problems.length > shown.length) lines.push(`  … and ${problems.length - shown.length} more`);
  return lines.join('\n');
}
