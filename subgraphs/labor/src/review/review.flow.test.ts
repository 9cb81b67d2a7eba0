import { randomUUID } from 'node:crypto';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { Household } from '../household/household.entity';
import { buildLaborSchema } from '../schema';
import { todayInVietnam } from './review.service';

const RURAL = '44444444-4444-4444-8444-444444444444';
const URBAN = '55555555-5555-4555-8555-555555555555';
let db: TestDatabase;
let run: SchemaRunner;

// The commune's own labor officer certifies; the default test principal is a national officer.
const COMMUNE_OFFICER = { principal: testPrincipal({ subject: 'can-bo-xa', scope: ['03160'] }), purpose: 'review' as const };
const PROVINCE_OFFICER = { principal: testPrincipal({ subject: 'can-bo-tinh', scope: ['11'] }), purpose: 'review' as const };

const START = `mutation($h: ID!, $y: Int!, $d: Date!, $k: String!) {
  startReview(householdId: $h, year: $y, reviewDate: $d, idempotencyKey: $k) { id state year } }`;
const SURVEY = `mutation($r: ID!, $i: VND!, $d: [Int!]!, $k: String!) {
  recordSurvey(reviewId: $r, incomePerPerson: $i, deprivedIndicators: $d, idempotencyKey: $k) {
    state classification deprivedIndicators reasons standard { code } } }`;
const ADVANCE = `mutation($r: ID!, $s: ReviewStep!, $k: String!) {
  advanceReview(reviewId: $r, step: $s, idempotencyKey: $k) { state certifiedBy certifiedOn } }`;

const key = () => randomUUID();
async function start(household: string, year: number, date = `${year}-10-15`) {
  const res = await run(START, { h: household, y: year, d: date, k: key() });
  expect(res.errors).toBeUndefined();
  return (res.data?.startReview as { id: string }).id;
}
async function certify(review: string) {
  for (const s of ['AGREE_IN_VILLAGE', 'POST']) expect((await run(ADVANCE, { r: review, s, k: key() })).errors).toBeUndefined();
  return run(ADVANCE, { r: review, s: 'CERTIFY', k: key() }, COMMUNE_OFFICER);
}

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  await db.dataSource.getRepository(AdminUnit).insert([
    { code: '11', name: 'Tỉnh Điện Biên', level: 'PROVINCE' as never, parentCode: null },
    { code: '03160', name: 'Xã Mường Phăng', level: 'COMMUNE' as never, parentCode: '11' },
  ]);
  const base = { communeCode: '03160', village: 'Bản Khá', address: 'Bản Khá', category: 'NOT_POOR' as never };
  await db.dataSource.getRepository(Household).insert([
    { ...base, id: RURAL, code: 'R-1', area: 'RURAL' as never },
    { ...base, id: URBAN, code: 'U-1', area: 'URBAN' as never },
  ]);
});
afterAll(() => db?.stop());

describe('the yearly review through the graph', () => {
  it('runs draft → surveyed → agreed → posted → certified, classifies under the standard in force, and updates the household', async () => {
    const review = await start(RURAL, 2024);
    const surveyed = await run(SURVEY, { r: review, i: 1_500_000, d: [12, 4, 9], k: key() });
    expect(surveyed.errors).toBeUndefined();
    expect(surveyed.data?.recordSurvey).toMatchObject({
      state: 'SURVEYED',
      classification: 'POOR',
      deprivedIndicators: [4, 9, 12],
      standard: { code: 'ND07-2021' },
    });
    expect((surveyed.data?.recordSurvey as { reasons: string[] }).reasons.join(' ')).toMatch(/1,500,000.*1,500,000/);
    const done = await certify(review);
    expect(done.errors).toBeUndefined();
    expect(done.data?.advanceReview).toEqual({ state: 'CERTIFIED', certifiedBy: 'can-bo-xa', certifiedOn: todayInVietnam() });
    const household = await run(`{ household(id: "${RURAL}") { category monthlyIncomePerPerson
      certifiedCategoryOn(date: "${todayInVietnam()}") before: certifiedCategoryOn(date: "2000-01-01")
      reviews { year state classification } } }`);
    expect(household.data?.household).toEqual({
      category: 'POOR',
      monthlyIncomePerPerson: 1_500_000,
      certifiedCategoryOn: 'POOR',
      before: null,
      reviews: [{ year: 2024, state: 'CERTIFIED', classification: 'POOR' }],
    });
  });

  it('classifies 2027 reviews under Decree 351 (higher lines)', async () => {
    const review = await start(URBAN, 2027);
    const res = await run(SURVEY, { r: review, i: 2_500_000, d: [1], k: key() });
    // 2,500,000 is above the 2022-2026 urban line (2,000,000) but under Decree 351's (2,800,000).
    expect(res.data?.recordSurvey).toMatchObject({ classification: 'NEAR_POOR', standard: { code: 'ND351-2025' } });
    const standard = await run(`{ povertyStandardOn(date: "2027-03-01") { code lines { area povertyLine } } }`);
    expect(standard.data?.povertyStandardOn).toMatchObject({ code: 'ND351-2025' });
  });

  it('answers a re-sent mutation with its first result, and refuses a key reused for something else', async () => {
    const k = key();
    const first = await run(START, { h: URBAN, y: 2025, d: '2025-10-01', k });
    const again = await run(START, { h: URBAN, y: 2025, d: '2025-10-01', k });
    expect(again).toEqual(first);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM poverty_review WHERE household_id = $1 AND year = 2025`,
      [URBAN],
    );
    expect(n).toBe(1);
    const reused = await run(START, { h: URBAN, y: 2026, d: '2026-10-01', k });
    expect(codes(reused)).toEqual(['CONFLICT']);
    const second = await run(START, { h: URBAN, y: 2025, d: '2025-10-02', k: key() });
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(second.errors?.[0]?.message).toMatch(/already has its 2025 review \(DRAFT/);
  });

  it('refuses illegal moves with CONFLICT and a reason, and only the commune may certify', async () => {
    const review = await start(RURAL, 2025);
    const early = await run(ADVANCE, { r: review, s: 'CERTIFY', k: key() }, COMMUNE_OFFICER);
    expect(codes(early)).toEqual(['CONFLICT']);
    expect(early.errors?.[0]?.message).toMatch(/a DRAFT review cannot be certified/);
    await run(SURVEY, { r: review, i: 3_000_000, d: [], k: key() });
    for (const s of ['AGREE_IN_VILLAGE', 'POST']) await run(ADVANCE, { r: review, s, k: key() });
    const province = await run(ADVANCE, { r: review, s: 'CERTIFY', k: key() }, PROVINCE_OFFICER);
    expect(province.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'action' });
    expect((await run(ADVANCE, { r: review, s: 'CERTIFY', k: key() }, COMMUNE_OFFICER)).errors).toBeUndefined();
    const edit = await run(SURVEY, { r: review, i: 1, d: [], k: key() });
    expect(codes(edit)).toEqual(['CONFLICT']);
    expect(edit.errors?.[0]?.message).toMatch(/certified review never changes/);
    // The database refuses it too.
    await expect(db.dataSource.query(`UPDATE poverty_review SET income_per_person = 1 WHERE id = $1`, [review])).rejects.toThrow(
      /never changes/,
    );
  });

  it('corrects a certified review with a new linked review; the original stays as it was', async () => {
    const original = await start(RURAL, 2023);
    await run(SURVEY, { r: original, i: 1_000_000, d: [1, 2], k: key() });
    await certify(original);
    const res = await run(
      `mutation($r: ID!, $k: String!) { correctReview(reviewId: $r, reviewDate: "2023-12-01", idempotencyKey: $k) {
         state year correctionOf { id state classification } } }`,
      { r: original, k: key() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.correctReview).toEqual({
      state: 'DRAFT',
      year: 2023,
      correctionOf: { id: original, state: 'CERTIFIED', classification: 'NEAR_POOR' },
    });
    const draft = await run(`{ review(id: "${original}") { state } }`);
    expect(draft.data?.review).toEqual({ state: 'CERTIFIED' });
    const twice = await run(
      `mutation($r: ID!, $k: String!) { correctReview(reviewId: $r, reviewDate: "2023-12-01", idempotencyKey: $k) { id } }`,
      {
        r: original,
        k: key(),
      },
    );
    expect(codes(twice)).toEqual(['CONFLICT']);
  });

  it('validates at the edge, naming the argument', async () => {
    const review = await start(URBAN, 2024);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [SURVEY, { r: review, i: 1, d: [0, 13], k: key() }, 'deprivedIndicators'],
      [SURVEY, { r: review, i: 1, d: [3, 3], k: key() }, 'deprivedIndicators'],
      [SURVEY, { r: review, i: 1, d: [], k: 'short' }, 'idempotencyKey'],
      [START, { h: URBAN, y: 2024, d: '2023-10-01', k: key() }, 'reviewDate'],
      [START, { h: URBAN, y: 1999, d: '1999-10-01', k: key() }, 'year'],
      [START, { h: 'not-a-uuid', y: 2024, d: '2024-10-01', k: key() }, 'householdId'],
    ];
    for (const [source, variables, field] of cases) {
      const res = await run(source, variables);
      expect([field, res.errors?.[0]?.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
  });

  it('writes an audit record with every write, in the same transaction', async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_record`))[0].n;
    await start(URBAN, 2022);
    const rows = await db.dataSource.query(
      `SELECT subject, purpose, fields, entity_ids FROM audit_record ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ subject: 'test-officer', purpose: 'review', fields: ['write PovertyReview'], entity_ids: [URBAN] });
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_record`))[0].n).toBe(before + 1);
  });

  it('shows other agencies the certified category only, and refuses them writes', async () => {
    const bank = await run(
      `{ household(id: "${RURAL}") { certifiedCategoryOn(date: "${todayInVietnam()}") } }`,
      undefined,
      TEST_BANK_SERVICE,
    );
    expect(bank.errors).toBeUndefined();
    // Poor in 2024, above the line in 2025 (both certified today): escaped, so newly escaped.
    expect(bank.data?.household).toEqual({ certifiedCategoryOn: 'NEWLY_ESCAPED' });
    const agriculture = { principal: testPrincipal({ agency: 'agriculture' }), purpose: 'review' as const };
    const reviews = await run(`{ household(id: "${RURAL}") { reviews { year } } }`, undefined, agriculture);
    expect(codes(reviews)).toEqual(['FORBIDDEN']);
    const write = await run(START, { h: RURAL, y: 2030, d: '2030-10-01', k: key() }, agriculture);
    expect(codes(write)).toEqual(['FORBIDDEN']);
    const noPurpose = await run(
      START,
      { h: RURAL, y: 2030, d: '2030-10-01', k: key() },
      { principal: testPrincipal(), purpose: undefined },
    );
    expect(codes(noPurpose)).toEqual(['PURPOSE_REQUIRED']);
  });
});
