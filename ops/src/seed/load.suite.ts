import type { TestDatabase } from '@gnbv/kit/testing';
import { lendingStats } from '@gnbv/social-policy-bank';
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
  ['labor', 'support'],
  ['labor', 'budget_line'],
  ['labor', 'disbursement'],
  ['agriculture', 'production_project'],
  ['agriculture', 'production_project_participant'],
  ['agriculture', 'support'],
  ['agriculture', 'budget_line'],
  ['agriculture', 'disbursement'],
  ['culture-information', 'communication_product'],
  ['culture-information', 'support'],
  ['culture-information', 'budget_line'],
  ['culture-information', 'disbursement'],
  ['social-policy-bank', 'transaction_point'],
  ['social-policy-bank', 'savings_group'],
  ['social-policy-bank', 'savings_group_member'],
  ['social-policy-bank', 'loan'],
  ['social-policy-bank', 'loan_instalment'],
  ['social-policy-bank', 'loan_repayment'],
  ['social-policy-bank', 'loan_purpose_check'],
];

const PROGRAMME_AGENCIES = ['labor', 'agriculture', 'culture-information'] as const;

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
    const { budgets } = territory;
    expect(await counts()).toEqual([
      territory.adminUnits.length,
      rows.households.length,
      rows.members.length,
      rows.reviews.length,
      rows.laborSupports.length,
      budgets.labor.lines.length,
      budgets.labor.disbursements.length,
      territory.productionProjects.length,
      rows.participants.length,
      rows.agricultureSupports.length,
      budgets.agriculture.lines.length,
      budgets.agriculture.disbursements.length,
      territory.communicationProducts.length,
      rows.cultureSupports.length,
      budgets['culture-information'].lines.length,
      budgets['culture-information'].disbursements.length,
      territory.transactionPoints.length,
      territory.savingsGroups.length,
      rows.memberships.length,
      rows.loans.length,
      rows.instalments.length,
      rows.repayments.length,
      rows.purposeChecks.length,
    ]);
    for (const n of [
      rows.laborSupports,
      rows.agricultureSupports,
      rows.cultureSupports,
      rows.participants,
      rows.memberships,
      rows.loans,
      rows.instalments,
      rows.repayments,
    ])
      expect(n.length).toBeGreaterThan(0);
    expect(progress).toEqual(
      Array.from({ length: Math.ceil(plan.households / plan.batch) }, (_, i) => Math.min(plan.households, (i + 1) * plan.batch)),
    );
    expect(stats.rows.labor).toBe(
      territory.adminUnits.length +
        rows.households.length +
        rows.members.length +
        rows.reviews.length +
        rows.laborSupports.length +
        budgets.labor.lines.length +
        budgets.labor.disbursements.length,
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

  test("labor's report facts are filled as its triggers keep them: one row per household and reviewed year, and each newly-escaped year", async () => {
    const snapshot = async () =>
      (
        await query<{ n: number; reviewed: number; digest: string }>(
          'labor',
          `SELECT count(*)::int AS n, count(review_id)::int AS reviewed,
                  md5(string_agg(f::text, ',' ORDER BY household_id, year)) AS digest FROM report_fact f`,
        )
      )[0];
    const loaded = await snapshot();
    const [reviews] = await query<{ n: number }>(
      'labor',
      `SELECT count(DISTINCT (household_id, year))::int AS n FROM poverty_review WHERE state = 'CERTIFIED'`,
    );
    expect(loaded?.reviewed).toBe(reviews?.n);
    expect(loaded!.n).toBeGreaterThan(loaded!.reviewed);
    // The same rule run again from scratch, as the migration does, gives the same rows.
    await query('labor', 'SELECT report_fact_refresh(NULL)');
    expect(await snapshot()).toEqual(loaded);
  });

  test('in each database, a line has disbursed the sum of its disbursements; supports belong to households, members and projects', async () => {
    for (const agency of PROGRAMME_AGENCIES) {
      const lines = await query<{ n: number; mismatched: number; over: number }>(
        agency,
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE l.disbursed <> coalesce(d.paid, 0))::int AS mismatched,
                count(*) FILTER (WHERE l.disbursed > l.allocated)::int AS over
           FROM budget_line l LEFT JOIN (SELECT budget_line_id, sum(amount) AS paid FROM disbursement GROUP BY 1) d
             ON d.budget_line_id = l.id`,
      );
      expect(lines[0]).toMatchObject({ mismatched: 0, over: 0 });
      expect(lines[0]?.n).toBeGreaterThan(0);
      const late = await query<{ n: number }>(
        agency,
        `SELECT count(*)::int AS n FROM budget_line WHERE deadline < DATE '2025-12-31' AND disbursed < allocated`,
      );
      expect(late[0]?.n).toBeGreaterThan(0);
    }
    // Labor holds the registry: every labor support's household exists, and its member belongs to it.
    const orphans = await query<{ n: number }>(
      'labor',
      `SELECT count(*)::int AS n FROM support s LEFT JOIN household h ON h.id = s.household_id
         LEFT JOIN household_member m ON m.id = s.member_id
        WHERE h.id IS NULL OR (s.member_id IS NOT NULL AND m.household_id IS DISTINCT FROM s.household_id)`,
    );
    expect(orphans[0]?.n).toBe(0);
    // A support of a production project is for one of its participants, in its commune.
    const outside = await query<{ n: number }>(
      'agriculture',
      `SELECT count(*)::int AS n FROM support s
         LEFT JOIN production_project p ON p.id = s.initiative_id
         LEFT JOIN production_project_participant pp ON pp.project_id = s.initiative_id AND pp.household_id = s.household_id
        WHERE s.initiative_id IS NOT NULL AND (p.commune_code IS DISTINCT FROM s.commune_code OR pp.household_id IS NULL)`,
    );
    expect(outside[0]?.n).toBe(0);
    // A support row comes back as generated, nulls included.
    const geography = buildGeography(plan.households, plan.seed);
    const support = generateHouseholds(geography, 0, plan.households).agricultureSupports.find((s) => s.memberId !== null);
    expect(support).toBeDefined();
    const [stored] = await query<Record<string, unknown>>(
      'agriculture',
      `SELECT member_id, kind, quantity::float8 AS quantity, value::float8 AS value, status, to_char(planned_on, 'YYYY-MM-DD') AS planned_on,
              cancel_reason, category_on_delivery, delivering_office FROM support WHERE id = '${support?.id}'`,
    );
    expect(stored).toEqual({
      member_id: support?.memberId,
      kind: support?.kind,
      quantity: support?.quantity,
      value: support?.value,
      status: support?.status,
      planned_on: support?.plannedOn,
      cancel_reason: support?.cancelReason,
      category_on_delivery: support?.categoryOnDelivery,
      delivering_office: support?.deliveringOffice,
    });
  });

  test("the bank's rows are in its new shape, under its programme versions, and add up as its own rules say", async () => {
    const bank = <T>(sql: string) => query<T>('social-policy-bank', sql);
    // Written directly: nothing for the legacy intake (no balance carried in, no earlier statuses,
    // no rows of its own), and every loan's programme version the one in force on its disbursement
    // day, with its rates.
    const [shape] = await bank<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM loan WHERE outstanding IS NOT NULL OR status IN ('CURRENT', 'OVERDUE', 'REPAID')) AS legacy,
             (SELECT count(*)::int FROM loan_repayment WHERE recorded_by <> 'seed')
               + (SELECT count(*)::int FROM savings_group_member WHERE recorded_by <> 'seed') AS intake,
             (SELECT count(*)::int FROM loan l LEFT JOIN loan_programme p ON p.id = l.programme_id
               WHERE l.disbursed_on IS NOT NULL AND (p.id IS NULL OR p.code <> l.program
                  OR NOT daterange(p.valid_from, p.valid_to) @> l.disbursed_on
                  OR p.annual_rate_percent <> l.annual_rate_percent OR p.overdue_rate_percent <> l.overdue_rate_percent
                  OR l.principal > p.ceiling_per_household)) AS off_programme,
             (SELECT count(*)::int FROM loan WHERE disbursed_on IS NULL AND programme_id IS NOT NULL) AS early_programme`);
    expect(shape).toEqual({ legacy: 0, intake: 0, off_programme: 0, early_programme: 0 });
    // Schedules add up to the principal; repayments never exceed it, and repay all of a settled loan.
    const [sums] = await bank<Record<string, number>>(`
      SELECT count(*) FILTER (WHERE i.total IS DISTINCT FROM l.principal)::int AS schedules,
             count(*) FILTER (WHERE coalesce(r.total, 0) > l.principal)::int AS overpaid,
             count(*) FILTER (WHERE l.status = 'SETTLED' AND r.total IS DISTINCT FROM l.principal)::int AS settled_owing
        FROM loan l
        LEFT JOIN (SELECT loan_id, sum(principal) AS total FROM loan_instalment GROUP BY 1) i ON i.loan_id = l.id
        LEFT JOIN (SELECT loan_id, sum(principal) AS total FROM loan_repayment GROUP BY 1) r ON r.loan_id = l.id
       WHERE l.disbursed_on IS NOT NULL`);
    expect(sums).toEqual({ schedules: 0, overpaid: 0, settled_owing: 0 });
    // On the books' day the database's balances and arrears (the SQL of the bank's lending
    // summary) are the generated rows' under the bank's loanStanding.
    const geography = buildGeography(plan.households, plan.seed);
    const rows = generateHouseholds(geography, 0, plan.households);
    const stats = lendingStats({ ...rows, asOf: '2025-12-31' });
    const [book] = await bank<{ loans: number; outstanding: string; overdue_loans: number }>(`
      WITH owed AS (
        SELECT l.principal - coalesce((SELECT sum(principal) FROM loan_repayment r WHERE r.loan_id = l.id AND r.paid_on <= DATE '2025-12-31'), 0) AS outstanding,
               greatest(0, coalesce((SELECT sum(principal) FROM loan_instalment i WHERE i.loan_id = l.id AND i.due_on < DATE '2025-12-31'), 0)
                 - coalesce((SELECT sum(principal) FROM loan_repayment r WHERE r.loan_id = l.id AND r.paid_on <= DATE '2025-12-31'), 0)) AS overdue
          FROM loan l
         WHERE l.status IN ('DISBURSED', 'REPAYING', 'SETTLED', 'WRITTEN_OFF') AND l.disbursed_on <= DATE '2025-12-31'
           AND (coalesce(l.settled_on, l.written_off_on) IS NULL OR coalesce(l.settled_on, l.written_off_on) > DATE '2025-12-31'))
      SELECT count(*)::int AS loans, coalesce(sum(outstanding), 0)::text AS outstanding,
             (count(*) FILTER (WHERE overdue > 0))::int AS overdue_loans FROM owed`);
    expect(book).toEqual({ loans: stats.active, outstanding: String(stats.outstanding), overdue_loans: stats.overdue });
    expect(stats.active).toBeGreaterThan(0);
  });

  test('a second seed into the filled databases is refused and changes nothing', async () => {
    const before = await counts();
    await expect(seedDatabases(plan, fixture().targets)).rejects.toThrow(Refusal);
    await expect(seedDatabases(plan, fixture().targets)).rejects.toThrow(/tables not empty: labor\.admin_unit, labor\.household/);
    expect(await counts()).toEqual(before);
    expect(await catalogs()).toEqual(catalog);
  });
}
