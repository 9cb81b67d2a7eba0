import {
  decodeReviewFile,
  detectDelimiter,
  FileEncodingError,
  formatProblems,
  householdKey,
  normaliseCell,
  parseCommuneCode,
  parseCsv,
  parseIndicator,
  parseReviewDate,
  parseState,
  parseVnd,
  parseYear,
  readHeader,
  rejectedCsv,
  REQUIRED_COLUMNS,
  reviewKey,
  validateRow,
  validateRows,
  type CsvRecord,
  type Header,
  type ReviewLookup,
  type Standard,
} from './review-csv';

// Decree 07/2021 as the database holds it; the import never uses a built-in copy.
const ND07: Standard = {
  code: 'ND07-2021',
  name: 'Decree 07/2021/NĐ-CP',
  legalBasis: 'Decree 07/2021/NĐ-CP',
  validFrom: '2022-01-01',
  validTo: '2027-01-01',
  minDeprivations: 3,
  lines: {
    RURAL: { povertyLine: 1_500_000, averageLivingUpperBound: 2_250_000 },
    URBAN: { povertyLine: 2_000_000, averageLivingUpperBound: 3_000_000 },
  },
};

const RURAL_ID = '11111111-1111-4111-8111-111111111111';
const URBAN_ID = '22222222-2222-4222-8222-222222222222';
const SURVEYED_ID = '33333333-3333-4333-8333-333333333333';
const DRAFTED_ID = '44444444-4444-4444-8444-444444444444';

const lookup = (overrides: Partial<ReviewLookup> = {}): ReviewLookup => ({
  communes: new Set(['03160', '03169']),
  households: new Map([
    [householdKey('03160', 'HN-001'), { id: RURAL_ID, area: 'RURAL' as const }],
    [householdKey('03160', 'Bản Khá-7'), { id: RURAL_ID, area: 'RURAL' as const }],
    [householdKey('03169', 'TDP-001'), { id: URBAN_ID, area: 'URBAN' as const }],
    [householdKey('03160', 'HN-002'), { id: SURVEYED_ID, area: 'RURAL' as const }],
    [householdKey('03160', 'HN-003'), { id: DRAFTED_ID, area: 'RURAL' as const }],
  ]),
  existingReviews: new Map([
    [reviewKey(SURVEYED_ID, 2025), { id: 'r-surveyed', state: 'SURVEYED' }],
    [reviewKey(DRAFTED_ID, 2025), { id: 'r-draft', state: 'DRAFT' }],
  ]),
  standards: [ND07],
  ...overrides,
});

const HEADER = [...REQUIRED_COLUMNS, 'state'].join(',');
const header = (): Header => readHeader({ line: 1, fields: HEADER.split(',') });

/** A data record: household, commune, year, date, income, the 12 indicators, state. */
function record(cells: Partial<Record<string, string>> = {}, line = 2): CsvRecord {
  const base: Record<string, string> = {
    household_code: 'HN-001',
    commune_code: '03160',
    year: '2025',
    review_date: '15/10/2025',
    income_per_person: '1.200.000',
    state: '',
  };
  for (let i = 1; i <= 12; i++) base[`i${i}`] = '0';
  const all = { ...base, ...cells };
  return { line, fields: HEADER.split(',').map((column) => all[column] ?? '') };
}

const problemsOf = (cells: Partial<Record<string, string>>, l = lookup()) => {
  const result = validateRow(record(cells), header(), l);
  return result.ok ? [] : result.problems.map((p) => `${p.column}: ${p.reason}`);
};

describe('reading the bytes of the file', () => {
  it('accepts UTF-8 and strips a byte-order mark', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('household_code;có\n', 'utf8')]);
    expect(decodeReviewFile(bom)).toBe('household_code;có\n');
    expect(decodeReviewFile(Buffer.from('a,b\n', 'utf8'))).toBe('a,b\n');
  });

  it('refuses a legacy Vietnamese code page, naming the line of the first byte that is not UTF-8', () => {
    // "Có" in Windows-1258 is 0x43 0xF3: not UTF-8.
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n3,C'), Buffer.from([0xf3]), Buffer.from('\n')]);
    expect(() => decodeReviewFile(bytes)).toThrow(FileEncodingError);
    expect(() => decodeReviewFile(bytes)).toThrow(/not UTF-8: line 3 has the byte 0xF3.*CSV UTF-8/);
  });

  it('refuses UTF-16 and Excel workbooks, saying how to save the file', () => {
    expect(() => decodeReviewFile(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toThrow(/UTF-16.*CSV UTF-8/);
    expect(() => decodeReviewFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toThrow(/workbook/);
    expect(() => decodeReviewFile(Buffer.from('a\u0000b', 'utf8'))).toThrow(/NUL/);
  });
});

describe('parsing CSV as Excel writes it', () => {
  it('finds the separator from the header: ; in a Vietnamese locale, , elsewhere', () => {
    expect(detectDelimiter('household_code;commune_code;year\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('household_code,commune_code;x\n')).toBe(',');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('household_code\tyear\n')).toBeUndefined();
  });

  it('reads quoted fields holding the separator, doubled quotes and line breaks, keeping line numbers', () => {
    const text = 'a,b,c\r\n1,"Bản Khá, thôn 2","say ""có"""\r\n2,"two\nlines",x\r\n3,,\r\n';
    const { records, problems } = parseCsv(text, ',');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'Bản Khá, thôn 2', 'say "có"'] },
      { line: 3, fields: ['2', 'two\nlines', 'x'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('reads semicolon files and skips the empty rows Excel leaves behind', () => {
    const { records } = parseCsv('a;b\n1;1.500.000\n;\n\n2;"3,5"', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '1.500.000'] },
      { line: 5, fields: ['2', '3,5'] },
    ]);
  });

  it('reports a quote that is never closed on the line it opened, and text after a closing quote', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n', ',').problems).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/never closed/) }),
    ]);
    const stray = parseCsv('a,b\n1,"x"y\n2,3\n', ',');
    expect(stray.problems).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/after its closing quote/) }),
    ]);
    expect(stray.records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('normalises decomposed (NFD) Vietnamese text to NFC and trims it', () => {
    const nfd = ' Bản Khá '.normalize('NFD');
    expect(nfd).not.toBe(' Bản Khá ');
    expect(normaliseCell(nfd)).toBe('Bản Khá');
  });
});

describe('the header', () => {
  it('maps columns by name in any order and case, and lists columns it does not read', () => {
    const h = readHeader({ line: 1, fields: ['Note', ...REQUIRED_COLUMNS.map((c) => c.toUpperCase()).reverse()] });
    expect(h.problems).toEqual([]);
    expect(h.index.get('household_code')).toBe(REQUIRED_COLUMNS.length);
    expect(h.ignored).toEqual(['Note']);
  });

  it('names each required column that is missing and a column given twice', () => {
    const h = readHeader({ line: 1, fields: [...REQUIRED_COLUMNS.filter((c) => c !== 'i7' && c !== 'year'), 'i1'] });
    expect(h.problems.map((p) => `${p.column}: ${p.reason}`)).toEqual([
      'i1: the header names column i1 twice',
      'year: the header has no such column; it is required',
      'i7: the header has no such column; it is required',
    ]);
  });
});

describe('cells in Vietnamese formats', () => {
  it('reads income with or without Vietnamese thousands separators', () => {
    expect(parseVnd('1.500.000')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseVnd('1500000')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseVnd('1 500 000')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseVnd('950.000 đ')).toEqual({ ok: true, value: 950_000 });
    expect(parseVnd('0')).toEqual({ ok: true, value: 0 });
  });

  it('refuses income that is negative, decimal, badly grouped or empty', () => {
    expect(parseVnd('-500000')).toEqual({ ok: false, reason: 'must not be negative' });
    expect(parseVnd('1,5')).toMatchObject({ ok: false, reason: expect.stringMatching(/decimal mark/) });
    expect(parseVnd('1.500.000,50')).toMatchObject({ ok: false, reason: expect.stringMatching(/decimal mark/) });
    expect(parseVnd('15.00.000')).toMatchObject({ ok: false, reason: expect.stringMatching(/whole number/) });
    expect(parseVnd('1.500 000')).toMatchObject({ ok: false });
    expect(parseVnd('một triệu')).toMatchObject({ ok: false });
    expect(parseVnd('')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(parseVnd('99999999999999999999')).toEqual({ ok: false, reason: 'is too large' });
  });

  it('reads dates as YYYY-MM-DD or the Vietnamese day-first DD/MM/YYYY', () => {
    expect(parseReviewDate('15/10/2025')).toEqual({ ok: true, value: '2025-10-15' });
    expect(parseReviewDate('5/3/2025')).toEqual({ ok: true, value: '2025-03-05' });
    expect(parseReviewDate('2025-10-15')).toEqual({ ok: true, value: '2025-10-15' });
    expect(parseReviewDate('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('refuses a date that does not exist or is written another way', () => {
    expect(parseReviewDate('29/02/2025')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a calendar date/) });
    expect(parseReviewDate('10/15/2025')).toMatchObject({ ok: false, reason: expect.stringMatching(/day\/month\/year/) });
    expect(parseReviewDate('2025-02-30')).toMatchObject({ ok: false });
    expect(parseReviewDate('2025/10/15')).toMatchObject({ ok: false, reason: expect.stringMatching(/DD\/MM\/YYYY/) });
    expect(parseReviewDate('')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
  });

  it('reads indicators as 1/0, x/blank or có/không, in either case and without diacritics', () => {
    for (const yes of ['1', 'x', 'X', 'có', 'Có', 'co']) expect(parseIndicator(yes)).toEqual({ ok: true, value: true });
    for (const no of ['0', 'không', 'KHÔNG', 'khong']) expect(parseIndicator(no)).toEqual({ ok: true, value: false });
    expect(parseIndicator('')).toEqual({ ok: true, value: null });
    expect(parseIndicator('2')).toMatchObject({ ok: false });
    expect(parseIndicator('yes')).toMatchObject({ ok: false });
  });

  it('reads commune codes, restoring the leading zeros Excel drops', () => {
    expect(parseCommuneCode('03160')).toEqual({ ok: true, value: '03160' });
    expect(parseCommuneCode('3160')).toEqual({ ok: true, value: '03160' });
    expect(parseCommuneCode('031600')).toMatchObject({ ok: false });
    expect(parseCommuneCode('Mường Phăng')).toMatchObject({ ok: false });
  });

  it('reads years 2000-2100 and the states an import may give', () => {
    expect(parseYear('2025')).toEqual({ ok: true, value: 2025 });
    expect(parseYear('1999')).toMatchObject({ ok: false });
    expect(parseYear('2101')).toMatchObject({ ok: false });
    expect(parseYear('25')).toMatchObject({ ok: false });
    expect(parseState('')).toEqual({ ok: true, value: 'SURVEYED' });
    expect(parseState('village agreed')).toEqual({ ok: true, value: 'VILLAGE_AGREED' });
    expect(parseState('posted')).toEqual({ ok: true, value: 'POSTED' });
    expect(parseState('CERTIFIED')).toMatchObject({ ok: false, reason: expect.stringMatching(/certifies in the application/) });
    expect(parseState('DRAFT')).toMatchObject({ ok: false });
  });
});

describe('validating a row against the registry', () => {
  it('classifies a valid row under the standard in force on its date', () => {
    const result = validateRow(record({ i1: '1', i4: 'x', i9: 'có' }), header(), lookup());
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        line: 2,
        householdId: RURAL_ID,
        communeCode: '03160',
        year: 2025,
        reviewDate: '2025-10-15',
        state: 'SURVEYED',
        incomePerPerson: 1_200_000,
        deprivedIndicators: [1, 4, 9],
        standardCode: 'ND07-2021',
        classification: 'POOR',
        fillsDraft: null,
      }),
    });
    if (result.ok) expect(result.row.reasons.join(' ')).toMatch(/1,200,000 ≤ rural poverty line 1,500,000/);
  });

  it('uses the area of the household: the same income is near-poor in a town, above the line in the country', () => {
    const urban = validateRow(
      record({ household_code: 'TDP-001', commune_code: '03169', income_per_person: '1800000' }),
      header(),
      lookup(),
    );
    const rural = validateRow(record({ income_per_person: '1800000' }), header(), lookup());
    expect(urban.ok && urban.row.classification).toBe('NEAR_POOR');
    expect(rural.ok && rural.row.classification).toBe('AVERAGE_LIVING_STANDARD');
    const rich = validateRow(record({ income_per_person: '5.000.000' }), header(), lookup());
    expect(rich.ok && rich.row.classification).toBe('ABOVE_AVERAGE');
  });

  it('treats blanks as unticked boxes in an x-marked row', () => {
    const blanks = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`i${i + 1}`, '']));
    const result = validateRow(record({ ...blanks, i2: 'x', i3: 'x', i11: 'x' }), header(), lookup());
    expect(result.ok && result.row).toMatchObject({ deprivedIndicators: [2, 3, 11], classification: 'POOR' });
  });

  it('matches NFD text to the NFC registry: a decomposed code and có', () => {
    const result = validateRow(
      record({ household_code: 'Bản Khá-7'.normalize('NFD'), i5: 'có'.normalize('NFD'), state: 'posted' }),
      header(),
      lookup(),
    );
    expect(result.ok && result.row).toMatchObject({ householdCode: 'Bản Khá-7', deprivedIndicators: [5], state: 'POSTED' });
  });

  it('fills a DRAFT review of the household and year', () => {
    const result = validateRow(record({ household_code: 'HN-003' }), header(), lookup());
    expect(result.ok && result.row.fillsDraft).toBe('r-draft');
  });

  it('refuses a household that is not in the commune, naming both', () => {
    expect(problemsOf({ household_code: 'HN-999' })).toEqual(['household_code: no household HN-999 in commune 03160']);
    expect(problemsOf({ household_code: '123' })).toEqual([expect.stringMatching(/no household 123 .*leading zeros/)]);
    expect(problemsOf({ household_code: 'TDP-001' })).toEqual(['household_code: no household TDP-001 in commune 03160']);
    expect(problemsOf({ household_code: '' })).toEqual(['household_code: is empty: write the household code']);
  });

  it('refuses a commune that is not in the registry, or not the one the import is for', () => {
    expect(problemsOf({ commune_code: '09999' })).toEqual(['commune_code: commune 09999 is not in the labor registry']);
    expect(problemsOf({ commune_code: '3160' })).toEqual([]);
    expect(problemsOf({}, lookup({ commune: '03169' }))).toEqual([
      'commune_code: the row is for commune 03160, but the import is for --commune 03169',
    ]);
  });

  it('refuses a year outside 2000-2100 and a date outside the year', () => {
    expect(problemsOf({ year: '1999', review_date: '15/10/1999' })).toEqual([
      'year: must be a year between 2000 and 2100',
      expect.stringMatching(/^review_date: cannot be classified: No poverty standard is in force on 1999-10-15/),
    ]);
    expect(problemsOf({ review_date: '15/01/2026' })).toEqual(['review_date: falls outside the review year 2025']);
    expect(problemsOf({ review_date: '31/09/2025' })).toEqual(['review_date: is not a calendar date (read as day/month/year)']);
  });

  it('refuses a date on which no poverty standard is in force', () => {
    expect(problemsOf({ year: '2021', review_date: '2021-10-15' })).toEqual([
      'review_date: cannot be classified: No poverty standard is in force on 2021-10-15',
    ]);
  });

  it('refuses an income that is not a non-negative whole number of đồng', () => {
    expect(problemsOf({ income_per_person: '-1' })).toEqual(['income_per_person: must not be negative']);
    expect(problemsOf({ income_per_person: '1,2' })).toEqual([expect.stringMatching(/^income_per_person: holds a comma/)]);
  });

  it('refuses an indicator answer it cannot read, and a blank among 0 answers (a missed question)', () => {
    expect(problemsOf({ i3: '2' })).toEqual(['i3: must be 1, x or có (deprived) or 0, blank or không (not deprived)']);
    expect(problemsOf({ i12: '' })).toEqual([
      'i12: is blank, but the row answers other indicators with 0 or không: answer all twelve (1 or 0)',
    ]);
  });

  it('refuses a household whose review of the year is already past DRAFT, and a CERTIFIED state', () => {
    expect(problemsOf({ household_code: 'HN-002' })).toEqual([
      expect.stringMatching(/^household_code: household HN-002 already has its 2025 review \(SURVEYED\)/),
    ]);
    expect(problemsOf({ household_code: 'HN-002', year: '2024', review_date: '2024-10-01' })).toEqual([]);
    expect(problemsOf({ state: 'CERTIFIED' })).toEqual([expect.stringMatching(/^state: the commune certifies/)]);
  });

  it('refuses a row with more or fewer fields than the header, without guessing which moved', () => {
    const short = { line: 9, fields: record().fields.slice(0, -1) };
    expect(validateRow(short, header(), lookup())).toEqual({
      ok: false,
      problems: [{ line: 9, column: '', value: '', reason: expect.stringMatching(/has 17 fields where the header has 18/) }],
    });
  });

  it('lists every problem of a row, with its line, column and value', () => {
    const result = validateRow(record({ year: '20x5', income_per_person: 'abc', i2: 'maybe' }, 7), header(), lookup());
    expect(result.ok ? [] : result.problems).toEqual([
      { line: 7, column: 'year', value: '20x5', reason: 'must be a year written with 4 digits' },
      { line: 7, column: 'income_per_person', value: 'abc', reason: expect.stringMatching(/whole number/) },
      { line: 7, column: 'i2', value: 'maybe', reason: expect.stringMatching(/^must be 1, x or có/) },
    ]);
  });
});

describe('validating the rows of a file', () => {
  it('refuses a second row for the same household and year, naming the first line, even when the first is invalid', () => {
    const records = [
      record({ income_per_person: 'bad' }, 2),
      record({}, 3),
      record({ year: '2024', review_date: '2024-10-15' }, 4),
      record({ commune_code: '3160' }, 5),
    ];
    const { rows, problems } = validateRows(records, header(), lookup());
    expect(rows.map((r) => r.line)).toEqual([4]);
    expect(problems.map((p) => `${p.line} ${p.column}: ${p.reason}`)).toEqual([
      expect.stringMatching(/^2 income_per_person/),
      '3 household_code: repeats household HN-001 and its year, already on line 2',
      '5 household_code: repeats household HN-001 and its year, already on line 2',
    ]);
  });

  it('reports progress every 1,000 rows and at the end', () => {
    const calls: number[] = [];
    const records = Array.from({ length: 2_500 }, (_, i) => record({ year: String(2000 + (i % 100)) }, i + 2));
    validateRows(records, header(), lookup(), (done) => calls.push(done));
    expect(calls).toEqual([1_000, 2_000, 2_500]);
  });
});

describe('the report of rejected rows', () => {
  it('is UTF-8 CSV with a byte-order mark for Excel, in the separator of the input, quoting where needed', () => {
    const csv = rejectedCsv(
      [
        { line: 3, column: 'income_per_person', value: '1,5', reason: 'holds a comma; write "1.500.000"' },
        { line: 4, column: '', value: '', reason: 'has 17 fields where the header has 18' },
      ],
      ';',
    );
    expect(csv).toBe(
      '\uFEFFline;column;value;reason\r\n3;income_per_person;1,5;"holds a comma; write ""1.500.000"""\r\n4;;;has 17 fields where the header has 18\r\n',
    );
    expect(parseCsv(csv.slice(1), ';').records[1]!.fields).toEqual([
      '3',
      'income_per_person',
      '1,5',
      'holds a comma; write "1.500.000"',
    ]);
  });

  it('prints as a table, the first problems only when there are many', () => {
    const problems = Array.from({ length: 5 }, (_, i) => ({ line: i + 2, column: 'year', value: '1999', reason: 'too early' }));
    const text = formatProblems(problems, 2);
    expect(text.split('\n')).toEqual([
      '  line  column  value  reason',
      '     2  year    1999   too early',
      '     3  year    1999   too early',
      '  … and 3 more',
    ]);
  });
});
