import { laborDataSource } from '@gnbv/labor';
import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { REQUIRED_COLUMNS, decodeReviewFile } from './review-csv';
import { importReviews, ImportError } from './review-import';

const H = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const DRAFT_REVIEW = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
let db: TestDatabase;

const count = async (sql: string, params: unknown[] = []) =>
  Number(((await db.dataSource.query(sql, params)) as [{ n: string }])[0].n);
const reviewCount = () => count('SELECT count(*) AS n FROM poverty_review');
const auditCount = () => count('SELECT count(*) AS n FROM audit_record');

/** A file as a commune's Excel saves it in a Vietnamese locale: BOM, semicolons, CRLF. */
function excelFile(rows: string[][], extraHeader: string[] = []): Buffer {
  const lines = [[...REQUIRED_COLUMNS, 'state', ...extraHeader], ...rows].map((r) => r.join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
const NONE = Array(12).fill('0');
const deprived = (...numbers: number[]) => NONE.map((_, i) => (numbers.includes(i + 1) ? '1' : '0'));

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  await db.dataSource.query(`INSERT INTO admin_unit (code, name, level, parent_code) VALUES
    ('11', 'Tỉnh Điện Biên', 'PROVINCE', NULL),
    ('03160', 'Xã Mường Phăng', 'COMMUNE', '11'),
    ('03169', 'Phường Điện Biên Phủ', 'COMMUNE', '11')`);
  await db.dataSource.query(
    `INSERT INTO household (id, code, commune_code, village, address, area, category) VALUES
      ($1, 'MP-001', '03160', 'Bản Khá', 'Bản Khá', 'RURAL', 'NOT_POOR'),
      ($2, 'MP-002', '03160', 'Bản Khá', 'Bản Khá', 'RURAL', 'NOT_POOR'),
      ($3, 'MP-003', '03160', 'Bản Cang', 'Bản Cang', 'RURAL', 'NOT_POOR'),
      ($4, 'TDP-001', '03169', 'Tổ dân phố 1', 'Tổ dân phố 1', 'URBAN', 'NOT_POOR'),
      ($5, 'MP-004', '03160', 'Bản Cang', 'Bản Cang', 'RURAL', 'NOT_POOR')`,
    [H(1), H(2), H(3), H(4), H(5)],
  );
  // MP-003 was listed for 2025 in the application: the import fills its draft in.
  await db.dataSource.query(
    `INSERT INTO poverty_review (id, household_id, year, review_date, state) VALUES ($1, $2, 2025, '2025-09-01', 'DRAFT')`,
    [DRAFT_REVIEW, H(3)],
  );
});
afterAll(() => db?.stop());

describe('importing a commune review file into the labor database', () => {
  it('writes nothing and reports the line when one row is bad', async () => {
    const file = excelFile([
      ['MP-001', '03160', '2025', '15/10/2025', '1.200.000', ...deprived(1, 4, 9), ''],
      ['MP-002', '03160', '2025', '31/02/2025', '1.400.000', ...NONE, ''],
      ['MP-003', '03160', '2025', '16/10/2025', '2.000.000', ...NONE, ''],
    ]);
    const [reviews, audits] = [await reviewCount(), await auditCount()];
    const result = await importReviews(db.dataSource, decodeReviewFile(file), { operator: 'nguyen.van.a', batchSize: 2 });
    expect(result.status).toBe('rejected');
    expect(result.status === 'rejected' && result.problems).toEqual([
      { line: 3, column: 'review_date', value: '31/02/2025', reason: 'is not a calendar date (read as day/month/year)' },
    ]);
    expect(await reviewCount()).toBe(reviews);
    expect(await auditCount()).toBe(audits);
    const draft = await db.dataSource.query('SELECT state FROM poverty_review WHERE id = $1', [DRAFT_REVIEW]);
    expect(draft).toEqual([{ state: 'DRAFT' }]);
  });

  it('checks every row on a dry run and writes nothing', async () => {
    const file = excelFile([['MP-001', '03160', '2025', '15/10/2025', '1.200.000', ...deprived(1, 4, 9), '']]);
    const result = await importReviews(db.dataSource, decodeReviewFile(file), { operator: 'nguyen.van.a', dryRun: true });
    expect(result).toMatchObject({ status: 'checked', rows: 1, inserted: 1, byClass: { POOR: 1 }, audit: null });
    expect(await count('SELECT count(*) AS n FROM poverty_review WHERE household_id = $1', [H(1)])).toBe(0);
  });

  it('imports every row of a valid file in one go: classified reviews, the draft filled in, one audit record', async () => {
    const audits = await auditCount();
    const file = excelFile(
      [
        ['MP-001', '03160', '2025', '15/10/2025', '1.200.000', ...deprived(1, 4, 9), '', '"Lò Văn Dũng; chủ hộ"'],
        ['MP-002', '03160', '2025', '2025-10-15', '1400000', ...deprived(12), 'VILLAGE_AGREED', ''],
        ['MP-003', '3160', '2025', '16/10/2025', '2.000.000', ...NONE, '', ''],
        ['TDP-001', '03169', '2025', '17/10/2025', '1.800.000', ...NONE, 'posted', ''],
        ['MP-004', '03160', '2024', '01/12/2024', '4.000.000', ...NONE, '', ''],
      ],
      ['ghi_chu'],
    );
    const result = await importReviews(db.dataSource, decodeReviewFile(file), { operator: 'nguyen.van.a', batchSize: 2 });
    expect(result).toMatchObject({
      status: 'imported',
      delimiter: ';',
      rows: 5,
      inserted: 4,
      filledDrafts: 1,
      ignoredColumns: ['ghi_chu'],
      communes: ['03160', '03169'],
      years: [2024, 2025],
    });

    const reviews = await db.dataSource.query(
      `SELECT h.code, r.id, r.year, r.review_date, r.state, r.income_per_person::int AS income, r.deprived_indicators,
              r.standard_code, r.classification, r.reasons
         FROM poverty_review r JOIN household h ON h.id = r.household_id ORDER BY h.code`,
    );
    expect(reviews).toEqual([
      expect.objectContaining({
        code: 'MP-001',
        year: 2025,
        review_date: '2025-10-15',
        state: 'SURVEYED',
        income: 1_200_000,
        deprived_indicators: [1, 4, 9],
        standard_code: 'ND07-2021',
        classification: 'POOR',
      }),
      expect.objectContaining({
        code: 'MP-002',
        state: 'VILLAGE_AGREED',
        deprived_indicators: [12],
        classification: 'NEAR_POOR',
      }),
      expect.objectContaining({
        code: 'MP-003',
        id: DRAFT_REVIEW,
        review_date: '2025-10-16',
        state: 'SURVEYED',
        classification: 'AVERAGE_LIVING_STANDARD',
      }),
      expect.objectContaining({ code: 'MP-004', year: 2024, classification: 'ABOVE_AVERAGE' }),
      expect.objectContaining({ code: 'TDP-001', state: 'POSTED', classification: 'NEAR_POOR' }),
    ]);
    expect(reviews[0].reasons.join(' ')).toMatch(/income 1,200,000 ≤ rural poverty line 1,500,000.*deprived in 3 indicators/);

    expect(await auditCount()).toBe(audits + 1);
    const [audit] = await db.dataSource.query('SELECT * FROM audit_record ORDER BY seq DESC LIMIT 1');
    expect(audit).toMatchObject({
      subject: 'nguyen.van.a',
      agency: 'labor',
      roles: ['officer'],
      purpose: 'review',
      operation: 'import:review',
      entity_type: 'Household',
      entity_ids: [H(1), H(2), H(3), H(4), H(5)],
      decision: 'allowed',
    });
    expect(result.status === 'imported' && result.audit?.seq).toBe(Number(audit.seq));
  });

  it('refuses to import a household and year again once reviewed', async () => {
    const file = excelFile([['MP-001', '03160', '2025', '20/10/2025', '900.000', ...NONE, '']]);
    const result = await importReviews(db.dataSource, decodeReviewFile(file), { operator: 'nguyen.van.a' });
    expect(result.status === 'rejected' && result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'household_code',
        reason: expect.stringMatching(/already has its 2025 review \(SURVEYED\)/),
      }),
    ]);
  });

  it('refuses a --commune the registry does not know, and a missing operator', async () => {
    const text = decodeReviewFile(excelFile([['MP-001', '03160', '2026', '20/10/2026', '900.000', ...NONE, '']]));
    await expect(importReviews(db.dataSource, text, { operator: 'a', commune: '99999' })).rejects.toThrow(
      new ImportError('--commune 99999 is not a commune in the labor registry'),
    );
    await expect(importReviews(db.dataSource, text, { operator: ' ' })).rejects.toThrow(ImportError);
  });

  it('rejects a file without the required columns before reading the database', async () => {
    const result = await importReviews(db.dataSource, 'household_code,year\nMP-001,2025\n', { operator: 'a' });
    expect(result.status === 'rejected' && result.problems.map((p) => p.column)).toEqual(
      REQUIRED_COLUMNS.filter((c) => c !== 'household_code' && c !== 'year'),
    );
  });
});
