import type { TestDatabase } from '@gnbv/kit/testing';
import { generateHouseholds } from './generate';
import { buildGeography, geographyRows } from './geography';
import { Interrupted, Refusal, seedDatabases, type AgencyTarget, type SeedPlan } from './load';

/*
 * The loader's tests, run by load.test.ts on embedded PGlite databases (rows go in by the
 * INSERT fallback: PGlite has no COPY FROM STDIN) and by load.server.test.ts on a PostgreSQL
 * server (COPY), both through the same drop, load, rebuild and commit.
 */

export interface LoadFixture {
  databases: Record<string, TestDatabase>;
  targets: AgencyTarget[];
}

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

/** Every index, constraint and (user) trigger of an agency's schema, with its definition. */
const CATALOG = `
  SELECT c.conrelid::regclass::text || ' ' || c.conname || ': ' || pg_get_constraintdef(c.oid) AS d
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relnamespace = current_schema()::regnamespace
  UNION ALL
  SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
   WHERE t.relnamespace = current_schema()::regnamespace
  UNION ALL
  SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
   WHERE t.relnamespace = current_schema()::regnamespace AND NOT tg.tgisinternal
  ORDER BY 1`;

export function loadSuite(fixture: () => LoadFixture, transport: 'copy' | 'insert', plan: SeedPlan): void {
  const query = <T = Record<string, unknown>>(agency: string, sql: string) =>
    (fixture().databases[agency] as TestDatabase).dataSource.query(sql) as Promise<T[]>;
  const count = async (agency: string, table: string) =>
    Number((await query<{ n: string }>(agency, `SELECT count(*) AS n FROM ${table}`))[0]?.n);
  const counts = async () => Promise.all(TABLES.map(([agency, table]) => count(agency, table)));
  const catalogs = async () =>
    Promise.all(
      ['labor', 'agriculture', 'culture-information', 'social-policy-bank'].map((a) => query<{ d: string }>(a, CATALOG)),
    );
  let catalog: { d: string }[][];

  beforeAll(async () => {
    catalog = await catalogs();
    // The rebuild must have something to rebuild: a foreign key, a primary key (constraint and
    // index) and an index.
    expect(
      catalog[0]?.filter((r) => /household_member_household_id_fkey|household_pkey|household_code_idx/.test(r.d)),
    ).toHaveLength(4);
  });

  test('a failure in one agency rolls every agency back: rows, dropped indexes and foreign keys', async () => {
    await query('social-policy-bank', 'ALTER TABLE loan ADD CONSTRAINT seed_test_fails CHECK (principal < 0)');
    try {
      await expect(seedDatabases(plan, fixture().targets)).rejects.toThrow(/seed_test_fails/);
    } finally {
      await query('social-policy-bank', 'ALTER TABLE loan DROP CONSTRAINT seed_test_fails');
    }
    expect(await counts()).toEqual(TABLES.map(() => 0));
    expect(await catalogs()).toEqual(catalog);
  });

  test('Ctrl-C while loading, or while rebuilding, rolls back all of it', async () => {
    let chunks = 0;
    const afterFirstChunk = seedDatabases(
      plan,
      fixture().targets,
      () => chunks++,
      () => chunks > 0,
    );
    await expect(afterFirstChunk).rejects.toThrow(Interrupted);
    // Stopped before the last chunk (the one after the first may already have been sent).
    expect(chunks).toBeLessThan(Math.ceil(plan.households / plan.batch));
    let rebuilding = false;
    const inRebuild = seedDatabases(
      plan,
      fixture().targets,
      (_, phase) => (rebuilding ||= phase !== undefined),
      () => rebuilding,
    );
    await expect(inRebuild).rejects.toThrow(Interrupted);
    expect(await counts()).toEqual(TABLES.map(() => 0));
    expect(await catalogs()).toEqual(catalog);
  });

  test('the seed loads exactly the generated rows through the real constraints, and rebuilds what it dropped', async () => {
    const progress: number[] = [];
    const stats = await seedDatabases(plan, fixture().targets, (n, phase) => {
      if (!phase) progress.push(n);
    });
    expect(stats.transport).toBe(transport);
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
    expect(progress).toEqual(
      Array.from({ length: Math.ceil(plan.households / plan.batch) }, (_, i) => Math.min(plan.households, (i + 1) * plan.batch)),
    );
    expect(stats.rows.labor).toBe(
      territory.adminUnits.length + rows.households.length + rows.members.length + rows.reviews.length,
    );
    expect(await catalogs()).toEqual(catalog);

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
    expect(storedMember).toEqual({
      full_name: member.fullName,
      national_id: member.nationalId,
      date_of_birth: member.dateOfBirth,
    });
  });

  test('a second seed into the filled databases is refused and changes nothing', async () => {
    const before = await counts();
    await expect(seedDatabases(plan, fixture().targets)).rejects.toThrow(Refusal);
    await expect(seedDatabases(plan, fixture().targets)).rejects.toThrow(/tables not empty: labor\.admin_unit, labor\.household/);
    expect(await counts()).toEqual(before);
    expect(await catalogs()).toEqual(catalog);
  });
}
