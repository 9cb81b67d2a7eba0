import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { SUBGRAPHS } from '../subgraphs';
import { generateHouseholds } from './generate';
import { buildGeography, geographyRows } from './geography';
import { Refusal, seedDatabases, type AgencyTarget, type SeedPlan } from './load';

// Four migrated embedded databases (PGlite, one session each: one connection per agency).
let databases: Record<string, TestDatabase>;
let targets: AgencyTarget[];

beforeAll(async () => {
  databases = {};
  for (const s of SUBGRAPHS) databases[s.name] = await startTestDatabase(s.dataSource, { name: `seed-${s.name}` });
  targets = SUBGRAPHS.map((s) => ({ name: s.name, url: (databases[s.name] as TestDatabase).url, schema: 'public' }));
});

afterAll(async () => {
  for (const db of Object.values(databases ?? {})) await db.stop();
});

const plan: SeedPlan = { households: 400, seed: 11, batch: 150, connections: 1, workers: 0 };
const query = <T = Record<string, unknown>>(agency: string, sql: string) =>
  (databases[agency] as TestDatabase).dataSource.query(sql) as Promise<T[]>;
const count = async (agency: string, table: string) =>
  Number((await query<{ n: string }>(agency, `SELECT count(*) AS n FROM ${table}`))[0]?.n);

const TABLES: [string, string][] = [
  ['labor', 'admin_unit'],
  ['labor', 'household'],
  ['labor', 'household_member'],
  ['labor', 'poverty_review'],
  ['agriculture', 'production_support'],
  ['culture-information', 'information_support'],
  ['culture-information', 'communication_product'],
  ['social-policy-bank', 'savings_group'],
  ['social-policy-bank', 'loan'],
];
const counts = async () => Promise.all(TABLES.map(([agency, table]) => count(agency, table)));

test('a failure in one agency rolls every agency back, committed administrative units included', async () => {
  await query('social-policy-bank', 'ALTER TABLE loan ADD CONSTRAINT seed_test_fails CHECK (principal < 0)');
  try {
    await expect(seedDatabases(plan, targets)).rejects.toThrow(/seed_test_fails/);
  } finally {
    await query('social-policy-bank', 'ALTER TABLE loan DROP CONSTRAINT seed_test_fails');
  }
  expect(await counts()).toEqual(TABLES.map(() => 0));
});

test('the seed loads exactly the generated rows into the four databases, through the real constraints', async () => {
  const progress: number[] = [];
  const stats = await seedDatabases(plan, targets, (n) => progress.push(n));
  const geography = buildGeography(plan.households, plan.seed);
  const rows = generateHouseholds(geography, 0, plan.households);
  const territory = geographyRows(geography);
  expect(await counts()).toEqual([
    territory.adminUnits.length,
    rows.households.length,
    rows.members.length,
    rows.reviews.length,
    rows.productionSupports.length,
    rows.informationSupports.length,
    territory.communicationProducts.length,
    territory.savingsGroups.length,
    rows.loans.length,
  ]);
  expect(progress).toEqual([150, 300, 400]);
  expect(stats.rows.labor).toBe(territory.adminUnits.length + rows.households.length + rows.members.length + rows.reviews.length);

  // Arrays, free text and nulls come back as generated.
  const review = rows.reviews.find((r) => r.deprivedIndicators.length >= 3) as (typeof rows.reviews)[number];
  const [stored] = await query<{ deprived_indicators: number[]; reasons: string[]; classification: string }>(
    'labor',
    `SELECT deprived_indicators, reasons, classification FROM poverty_review WHERE id = '${review.id}'`,
  );
  expect(stored).toEqual({
    deprived_indicators: review.deprivedIndicators,
    reasons: review.reasons,
    classification: review.classification,
  });
  const member = rows.members[0] as (typeof rows.members)[number];
  const [storedMember] = await query<{ full_name: string; national_id: string | null; date_of_birth: string }>(
    'labor',
    `SELECT full_name, national_id, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM household_member WHERE id = '${member.id}'`,
  );
  expect(storedMember).toEqual({ full_name: member.fullName, national_id: member.nationalId, date_of_birth: member.dateOfBirth });
});

test('a second seed into the filled databases is refused and changes nothing', async () => {
  const before = await counts();
  await expect(seedDatabases(plan, targets)).rejects.toThrow(Refusal);
  await expect(seedDatabases(plan, targets)).rejects.toThrow(/tables not empty: labor\.admin_unit, labor\.household/);
  expect(await counts()).toEqual(before);
});
