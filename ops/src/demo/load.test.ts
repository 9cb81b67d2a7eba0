import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { AGENCIES } from '../agencies';
import { buildDemoDataset, DEMO_LENDING, DEMO_PROGRAMME } from './dataset';
import { demoTables, loadDemoData } from './load';

// The demo data set into four migrated embedded databases (PGlite), as `npm start` loads it:
// through every constraint of the migrations, and only into empty tables.
const databases: Record<string, TestDatabase> = {};
const demo = buildDemoDataset();

beforeAll(async () => {
  for (const s of AGENCIES) databases[s.name] = await startTestDatabase(s.dataSource, { name: `demo-${s.name}` });
});

afterAll(async () => {
  for (const db of Object.values(databases)) await db.stop();
});

const query = <T>(agency: string, sql: string, params: unknown[] = []) =>
  (databases[agency] as TestDatabase).dataSource.query(sql, params) as Promise<T[]>;

test('every agency loads its share once, through the constraints; a second load adds nothing', async () => {
  for (const s of AGENCIES) {
    const db = databases[s.name] as TestDatabase;
    const expected = demoTables(s.name, demo).reduce((n, t) => n + t.rows.length, 0);
    expect(await loadDemoData(db.dataSource, s.name, demo)).toBe(expected);
    expect(await loadDemoData(db.dataSource, s.name, demo)).toBe(0);
  }
  for (const [agency, table, rows] of [
    ['labor', 'support', demo.labor.supports.length],
    ['labor', 'budget_line', demo.labor.budgetLines.length],
    ['agriculture', 'support', demo.agriculture.productionSupports.length],
    ['agriculture', 'production_project_participant', demo.agriculture.participants.length],
    ['culture-information', 'communication_product', demo.cultureInformation.communicationProducts.length],
    ['culture-information', 'disbursement', demo.cultureInformation.disbursements.length],
    ['social-policy-bank', 'transaction_point', demo.socialPolicyBank.transactionPoints.length],
    ['social-policy-bank', 'savings_group_member', demo.socialPolicyBank.memberships.length],
    ['social-policy-bank', 'loan', demo.socialPolicyBank.loans.length],
    ['social-policy-bank', 'loan_instalment', demo.socialPolicyBank.instalments.length],
    ['social-policy-bank', 'loan_repayment', demo.socialPolicyBank.repayments.length],
    ['social-policy-bank', 'loan_purpose_check', demo.socialPolicyBank.purposeChecks.length],
  ] as const) {
    const [count] = await query<{ n: number }>(agency, `SELECT count(*)::int AS n FROM ${table}`);
    expect(count?.n).toBe(rows);
  }
});

test("the seed article's case reads back from the three agencies' budget tables", async () => {
  const { provinceLate: late } = DEMO_PROGRAMME;
  let allocated = 0;
  for (const agency of ['labor', 'agriculture', 'culture-information']) {
    const [row] = await query<{ allocated: string; disbursed: string; lines: number; deadlines: string[] }>(
      agency,
      `SELECT sum(allocated)::text AS allocated, sum(disbursed)::text AS disbursed, count(*)::int AS lines,
              array_agg(DISTINCT to_char(deadline, 'YYYY-MM-DD')) AS deadlines
         FROM budget_line WHERE unit_code = $1 AND year = $2 AND project = ANY($3::int[])`,
      [late.unitCode, late.year, late.projects],
    );
    expect(Number(row?.allocated)).toBe(late.byAgency[agency as keyof typeof late.byAgency]);
    expect(Number(row?.disbursed)).toBe(0);
    expect(row?.deadlines).toEqual([late.deadline]);
    allocated += Number(row?.allocated);
  }
  expect(allocated).toBe(late.allocated);
  const [paid] = await query<{ n: number }>(
    'labor',
    `SELECT count(*)::int AS n FROM budget_line l
       WHERE l.disbursed <> (SELECT coalesce(sum(amount), 0) FROM disbursement d WHERE d.budget_line_id = l.id)`,
  );
  expect(paid?.n).toBe(0);
});

test("the bank's loans go in in its new shape, under the database's own programme versions", async () => {
  const [row] = await query<Record<string, number>>(
    'social-policy-bank',
    `SELECT (SELECT count(*)::int FROM loan WHERE outstanding IS NOT NULL OR status IN ('CURRENT', 'OVERDUE', 'REPAID')) AS legacy,
            (SELECT count(*)::int FROM loan l JOIN loan_programme p ON p.id = l.programme_id
              WHERE p.code = l.program AND daterange(p.valid_from, p.valid_to) @> l.disbursed_on) AS under_version,
            (SELECT count(*)::int FROM loan WHERE disbursed_on IS NOT NULL) AS disbursed,
            (SELECT count(*)::int FROM loan_repayment WHERE recorded_by <> 'seed') AS intake`,
  );
  expect(row).toMatchObject({ legacy: 0, intake: 0 });
  expect(row?.under_version).toBe(row?.disbursed);
  expect(row?.disbursed).toBe(demo.socialPolicyBank.loans.filter((l) => l.disbursedOn !== null).length);
  // The overdue case reads back as DEMO_LENDING says, through the SQL of the bank's lending summary.
  const household = demo.labor.households.find((h) => h.code === DEMO_LENDING.overdue.householdCode);
  const loan = demo.socialPolicyBank.loans.find((l) => l.householdId === household?.id);
  const [overdue] = await query<{ overdue: string }>(
    'social-policy-bank',
    `SELECT greatest(0, (SELECT coalesce(sum(principal), 0) FROM loan_instalment WHERE loan_id = $1 AND due_on < $2::date)
              - (SELECT coalesce(sum(principal), 0) FROM loan_repayment WHERE loan_id = $1 AND paid_on <= $2::date))::text AS overdue`,
    [loan?.id, DEMO_LENDING.asOf],
  );
  expect(Number(overdue?.overdue)).toBe(DEMO_LENDING.overdue.overdueAmount);
});
