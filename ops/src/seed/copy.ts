import type { Column, TableSpec } from '@gnbv/kit';

/*
 * Rows in the text format of PostgreSQL's COPY, built from a TableSpec's columns (so a column
 * added to a spec is loaded without a change here): one line per row, fields separated by tabs,
 * `\N` for null, and a backslash before the backslashes, tabs and line breaks of values. A list
 * column becomes an array literal, escaped the same way. This is the hot path of the seed: it
 * runs in the generator threads, and the server parses nothing but plain text.
 */

type Scalar = string | number | boolean | null | undefined;

// Bytes of the text format.
const TAB = 9;
const NEWLINE = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const BACKSLASH = 92;
const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const ELEMENT_SPECIALS = /["\\]/g;

/** A text as a COPY field: backslashes, tabs and line breaks escaped. */
export const copyEscape = (text: string): string =>
  COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c] as string) : text;

/**
 * Buffer.write without its argument checks, run for each of the ~10 million fields of 100,000
 * households: the method it calls, on Buffer.prototype since node's first releases (protobufjs
 * and others call it too).
 */
type Utf8Writable = Buffer & { utf8Write(text: string, offset: number, length: number): number };

/**
 * COPY lines written straight into one growing byte buffer of its own (not a slice of node's
 * shared pool, so a generator thread can hand it over without a copy). Texts go in by node's
 * UTF-8 encoder, numbers digit by digit. Measured faster than building each line (or slice) as
 * one string and encoding that, and than reading the texts character by character in
 * JavaScript: the generator's texts are concatenations, slow to index and to flatten.
 */
export class CopyWriter {
  private buffer: Buffer;
  private at = 0;
  /** Rows written. */
  rows = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(initialBytes);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.at + bytes, 2 * this.buffer.length));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  private byte(value: number): void {
    this.room(1);
    this.buffer[this.at++] = value;
  }

  /**
   * A text, escaped for COPY (in an array element, for the array literal first: `element`).
   * Written as it is, then its bytes scanned: in UTF-8 the bytes of a tab, line break, backslash
   * or double quote never occur inside another character, and texts needing an escape are rare,
   * so this costs less than testing each text with a regular expression first (measured).
   */
  private text(text: string, element = false): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(3 * text.length);
    const start = this.at;
    const end = start + (this.buffer as Utf8Writable).utf8Write(text, start, this.buffer.length - start);
    const b = this.buffer;
    for (let i = start; i < end; i++) {
      const c = b[i] as number;
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === CR || (element && c === QUOTE)) {
        const escaped = copyEscape(element ? text.replace(ELEMENT_SPECIALS, '\\$&') : text);
        this.room(3 * escaped.length);
        this.at = start + (this.buffer as Utf8Writable).utf8Write(escaped, start, this.buffer.length - start);
        return;
      }
    }
    this.at = end;
  }

  /** A safe integer in decimal digits, others as String() writes them. */
  private number(value: number, column: string): void {
    if (!Number.isSafeInteger(value)) {
      if (!Number.isFinite(value)) throw new RangeError(`${column}: ${value} is not a finite number`);
      this.text(String(value));
      return;
    }
    this.room(17);
    const b = this.buffer;
    let n = value;
    if (n < 0) {
      b[this.at++] = MINUS;
      n = -n;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let i = this.at + digits - 1; i >= this.at; i--) {
      b[i] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += digits;
  }

  private scalar(value: string | number | boolean, column: string): void {
    switch (typeof value) {
      case 'string':
        this.text(value);
        return;
      case 'number':
        this.number(value, column);
        return;
      case 'boolean':
        this.byte(value ? 116 : 102); // t, f
        return;
      default:
        throw new TypeError(`${column}: ${typeof value} values are not supported`);
    }
  }

  /**
   * A list column's value as an array literal: `{1,2}`, `{"a b","c"}`. Text elements are always
   * quoted (so empty texts, commas, braces, spaces and the word NULL stay text), a backslash or
   * double quote in them preceded by a backslash; then the literal is escaped for COPY.
   */
  private array(values: readonly Scalar[], quote: boolean, column: string): void {
    this.byte(LEFT_BRACE);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i) this.byte(COMMA);
      if (v === null || v === undefined) this.text('NULL');
      else if (typeof v === 'number') this.number(v, column);
      else if (typeof v === 'boolean')
        this.byte(v ? 116 : 102); // t, f
      else if (quote) {
        this.byte(QUOTE);
        this.text(v, true);
        this.byte(QUOTE);
      } else this.text(v);
    }
    this.byte(RIGHT_BRACE);
  }

  /** One row: its fields in column order, separated by tabs, null as `\\N`. */
  row<R>(spec: TableSpec<R>, row: R): void {
    const columns = spec.columns;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as Column<R>;
      if (i) this.byte(TAB);
      const value = column.value(row);
      if (value === null || value === undefined) {
        this.byte(BACKSLASH);
        this.byte(78); // N
      } else if (Array.isArray(value)) {
        if (!column.list) throw new TypeError(`${column.name}: a list value for a column that is not a list`);
        this.array(value, column.list.element === 'text', column.name);
      } else this.scalar(value as string | number | boolean, column.name);
    }
    this.byte(NEWLINE);
    this.rows++;
  }

  /** The bytes written so far: a view on memory this writer owns (transferable to another thread). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.at);
  }
}

/** The COPY lines of `rows` (each ending with a line break), as a string. */
export function copyText<R>(spec: TableSpec<R>, rows: readonly R[]): string {
  const writer = new CopyWriter();
  for (const row of rows) writer.row(spec, row);
  return Buffer.from(writer.bytes()).toString('utf8');
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `COPY table (columns) FROM STDIN`: text format, the columns in spec order. */
export function copySql<R>(spec: TableSpec<R>): string {
  return `COPY ${quoteIdent(spec.table)} (${spec.columns.map((c) => quoteIdent(c.name)).join(', ')}) FROM STDIN`;
}

/*
 * The fallback for servers without COPY FROM STDIN (PGlite behind its socket drops the
 * connection on it): the same COPY text, decoded here and sent as one JSON parameter that
 * `json_populate_recordset` spreads into rows of the table's own type, each value through its
 * column type's input function (so `t`, `{1,2}` and `2025-01-02` read as they do in COPY).
 */

const COPY_UNESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r' };

/** The fields of COPY text, null for `\N`: the inverse of `copyText` (the escapes it writes). */
export function decodeCopyText(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    rows.push(
      line.split('\t').map((field) => {
        if (field === '\\N') return null;
        return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => COPY_UNESCAPES[c] ?? c) : field;
      }),
    );
  }
  return rows;
}

/**
 * The INSERT of the fallback: `$1` a JSON array of objects keyed by column name. With `schema`,
 * the table is named in it (the demo loads through TypeORM, whose connections do not set the
 * search path to the agency's schema).
 */
export function jsonInsertSql<R>(spec: TableSpec<R>, schema?: string): string {
  const names = spec.columns.map((c) => quoteIdent(c.name)).join(', ');
  const table = schema === undefined ? quoteIdent(spec.table) : `${quoteIdent(schema)}.${quoteIdent(spec.table)}`;
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`;
}

/** Rows as the parameter of `jsonInsertSql`, straight from their values (no COPY text on the way). */
export function rowsToJson<R>(spec: TableSpec<R>, rows: readonly R[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(spec.columns.map((c) => [c.name, c.value(row)]))));
}

/** COPY text as the parameter of `jsonInsertSql`. */
export function copyTextToJson<R>(spec: TableSpec<R>, text: string): string {
  const names = spec.columns.map((c) => c.name);
  return JSON.stringify(
    decodeCopyText(text).map((fields) => {
      if (fields.length !== names.length)
        throw new RangeError(`${spec.table}: a line of ${fields.length} fields for ${names.length} columns`);
      return Object.fromEntries(names.map((n, i) => [n, fields[i]]));
    }),
  );
}
