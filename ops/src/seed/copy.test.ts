import { copyEscape, copySql, copyText, copyTextToJson, CopyWriter, decodeCopyText, jsonInsertSql } from './copy';
import type { TableSpec } from '@gnbv/kit';

interface Thing {
  id: string;
  note: string | null;
  count: number | null;
  ok: boolean;
  tags: (string | null)[];
  codes: number[];
}

const THING: TableSpec<Thing> = {
  table: 'thing',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'note', value: (r) => r.note },
    { name: 'count', value: (r) => r.count },
    { name: 'ok', value: (r) => r.ok },
    { name: 'tags', list: { element: 'text' }, value: (r) => r.tags },
    { name: 'codes', list: { element: 'smallint' }, value: (r) => r.codes },
  ],
};

const thing = (overrides: Partial<Thing>): Thing => ({
  id: '0190',
  note: 'x',
  count: 1,
  ok: true,
  tags: [],
  codes: [],
  ...overrides,
});

describe('COPY text', () => {
  test('fields in column order, tab-separated, one line per row; null is \\N, booleans t and f', () => {
    expect(copyText(THING, [thing({ note: null, count: null, ok: false }), thing({ count: 2_500_000_000 })])).toBe(
      '0190\t\\N\t\\N\tf\t{}\t{}\n0190\tx\t2500000000\tt\t{}\t{}\n',
    );
  });

  test('backslashes, tabs and line breaks in a value are escaped; the string "\\N" stays a string', () => {
    expect(copyText(THING, [thing({ note: 'a\\b\tc\nd\re' })])).toContain('\ta\\\\b\\tc\\nd\\re\t');
    expect(copyText(THING, [thing({ note: '\\N' })])).toContain('\t\\\\N\t');
    expect(copyEscape('Bản Khá, "Tấu"')).toBe('Bản Khá, "Tấu"');
  });

  test('numbers: negative, zero, fractional; not finite is refused', () => {
    const line = (count: number) => copyText(THING, [thing({ count })]).split('\t')[2];
    expect([0, -42, 9_007_199_254_740_991, 6.6, -0.5].map(line)).toEqual(['0', '-42', '9007199254740991', '6.6', '-0.5']);
    expect(() => line(Number.NaN)).toThrow(/count: NaN is not a finite number/);
  });

  test('a text list is an array literal of quoted elements, escaped for the literal and then for COPY', () => {
    const tags = ['income 1,500,000 ≤ {line}', '', null, 'NULL', 'say "hi"', 'back\\slash', 'tab\there'];
    const field = copyText(THING, [thing({ tags })]).split('\t')[4];
    expect(field).toBe('{"income 1,500,000 ≤ {line}","",NULL,"NULL","say \\\\"hi\\\\"","back\\\\\\\\slash","tab\\there"}');
    expect(copyText(THING, [thing({ codes: [1, 12, -3] })])).toContain('\t{1,12,-3}\n');
  });

  test('non-ASCII text is UTF-8, including characters outside the BMP; a lone surrogate becomes U+FFFD', () => {
    const writer = new CopyWriter(4); // grows as needed
    writer.row(THING, thing({ note: 'Tỉnh Điện Biên 𝄞' }));
    writer.row(THING, thing({ note: 'x\ud800y' }));
    expect(writer.rows).toBe(2);
    const text = Buffer.from(writer.bytes()).toString('utf8');
    expect(text.split('\n')[0]).toContain('\tTỉnh Điện Biên 𝄞\t');
    expect(text.split('\n')[1]).toContain('\tx\ufffdy\t');
  });

  test('a list value for a column that is not a list is refused', () => {
    const bad: TableSpec<{ v: string[] }> = { table: 't', columns: [{ name: 'v', value: (r) => r.v }] };
    expect(() => copyText(bad, [{ v: ['a'] }])).toThrow(/v: a list value for a column that is not a list/);
  });

  test('the COPY statement names the columns in spec order', () => {
    expect(copySql(THING)).toBe('COPY "thing" ("id", "note", "count", "ok", "tags", "codes") FROM STDIN');
  });
});

describe('the INSERT fallback (servers without COPY FROM STDIN)', () => {
  test('decoding COPY text gives back the fields written, null for \\N', () => {
    const rows = [thing({ note: 'a\\b\tc\nd', count: null, tags: ['x "y"', 'z\\w'] }), thing({ note: '\\N' })];
    expect(decodeCopyText(copyText(THING, rows))).toEqual([
      ['0190', 'a\\b\tc\nd', null, 't', '{"x \\"y\\"","z\\\\w"}', '{}'],
      ['0190', '\\N', '1', 't', '{}', '{}'],
    ]);
  });

  test('one JSON array of objects keyed by column, for json_populate_recordset', () => {
    expect(JSON.parse(copyTextToJson(THING, copyText(THING, [thing({ note: null })])))).toEqual([
      { id: '0190', note: null, count: '1', ok: 't', tags: '{}', codes: '{}' },
    ]);
    expect(jsonInsertSql(THING)).toBe(
      'INSERT INTO "thing" ("id", "note", "count", "ok", "tags", "codes") SELECT "id", "note", "count", "ok", "tags", "codes" ' +
        'FROM json_populate_recordset(NULL::"thing", $1::json)',
    );
  });
});
