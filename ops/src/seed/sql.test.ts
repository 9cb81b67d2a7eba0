import { arrayLiteral, insertParams, insertSql, quoted, type TableSpec } from './sql';

interface Thing {
  id: string;
  note: string | null;
  tags: string[];
}

const THING: TableSpec<Thing> = {
  table: 'thing',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'note', type: 'text', quote: true, value: (r) => r.note },
    { name: 'tags', type: 'text', list: { element: 'text', separator: '\x1f' }, value: (r) => r.tags },
  ],
};

describe('array literals for unnest', () => {
  test('quoted elements keep commas, braces, spaces, quotes and backslashes as text', () => {
    expect(quoted('Bản Khá, Xã {Nà} "Tấu"')).toBe('"Bản Khá, Xã {Nà} \\"Tấu\\""');
    expect(quoted('a\\b')).toBe('"a\\\\b"');
    expect(quoted("H'Mông")).toBe('"H\'Mông"');
  });

  test('null is NULL, and the string "NULL" stays a string when quoted', () => {
    expect(arrayLiteral(['NULL', null, ''], true)).toBe('{"NULL",NULL,""}');
    expect(arrayLiteral([1, null, true, '2025-01-02'], false)).toBe('{1,NULL,true,2025-01-02}');
  });

  test('one statement per table: each column an array parameter, lists split on the way in', () => {
    expect(insertSql(THING)).toBe(
      'INSERT INTO thing (id, note, tags) SELECT id, note, string_to_array(tags, chr(31))::text[] ' +
        'FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, note, tags)',
    );
  });

  test('a list is one quoted text per row (an empty list an empty text)', () => {
    const rows = [
      { id: '0190', note: 'x', tags: ['income 1,500,000', 'b'] },
      { id: '0191', note: null, tags: [] },
    ];
    expect(insertParams(THING, rows)).toEqual(['{0190,0191}', '{"x",NULL}', '{"income 1,500,000\x1fb",""}']);
  });

  test('an element holding the separator is refused rather than split in two', () => {
    expect(() => insertParams(THING, [{ id: '1', note: null, tags: ['a\x1fb'] }])).toThrow(/tags: .* contains the separator/);
  });
});
