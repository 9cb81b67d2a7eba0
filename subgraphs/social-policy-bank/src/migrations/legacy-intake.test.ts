import { createDataSource } from '@gnbv/kit';
import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import { entities } from '../data-source';
import { loanStanding } from '../loan/loan-standing';
import { repaymentSchedule } from '../loan/loan.rules';
import { Lending1763780300000 } from './1763780300000-Lending';
import { LendingAuditTrail1763790300000 } from './1763790300000-LendingAuditTrail';
import { LoanProgrammes1764300000000 } from './1764300000000-LoanProgrammes';
import { LendingNetwork1764300100000 } from './1764300100000-LendingNetwork';
import { LoanLifecycle1764300200000 } from './1764300200000-LoanLifecycle';
import { BankIdempotency1764300300000 } from './1764300300000-BankIdempotency';

/*
 * Loans written in the earlier shape (one balance and a CURRENT / OVERDUE / REPAID label): those
 * in the database when the lifecycle migrations run, and those the seed and the demo still insert
 * afterwards, are taken into the new shape by the same rule (1764300200000-LoanLifecycle.ts).
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const G = uuid(100);
const G_OTHER = uuid(200);
let db: TestDatabase;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

/** The columns the seed's COPY and the demo fill, in the earlier shape. */
const legacyLoan = (
  id: string,
  household: string,
  program: string,
  principal: number,
  outstanding: number | null,
  rate: number,
  disbursedOn: string,
  maturesOn: string | null,
  status: string,
  group = G,
) =>
  q(
    `INSERT INTO loan (id, household_id, commune_code, province_code, savings_group_id, program, principal, outstanding,
                       annual_rate_percent, purpose, disbursed_on, matures_on, status)
     VALUES ($1, $2, '03160', '11', $3, $4, $5, $6, $7, 'Chăn nuôi lợn', $8, $9, $10)`,
    [id, household, group, program, principal, outstanding, rate, disbursedOn, maturesOn, status],
  );

const loanRow = async (id: string) =>
  (
    await q(
      `SELECT l.status, l.amount_requested::int AS amount, l.principal::int AS principal, l.term_months AS term,
              l.applied_on AS "appliedOn", l.approved_on AS "approvedOn", l.settled_on AS "settledOn",
              l.overdue_rate_percent::float AS "overdueRate", l.category_at_disbursement AS category,
              p.code AS programme, p.valid_from AS "versionFrom"
         FROM loan l LEFT JOIN loan_programme p ON p.id = l.programme_id WHERE l.id = $1`,
      [id],
    )
  )[0];
const instalments = (id: string) =>
  q(
    `SELECT number, due_on AS "dueOn", principal::bigint::float AS principal FROM loan_instalment WHERE loan_id = $1 ORDER BY number`,
    [id],
  );
const repayments = (id: string) =>
  q(
    `SELECT paid_on AS "paidOn", principal::bigint::float AS principal, interest::float AS interest, note FROM loan_repayment WHERE loan_id = $1`,
    [id],
  );
let today: string;

beforeAll(async () => {
  // The database as it was before the lifecycle: the first two migrations only.
  db = await startTestDatabase((config) =>
    createDataSource(config, entities, [Lending1763780300000, LendingAuditTrail1763790300000]),
  );
  for (const [id, commune] of [
    [G, '03160'],
    [G_OTHER, '03163'],
  ])
    await q(
      `INSERT INTO savings_group (id, code, name, commune_code, province_code, entrusted_to) VALUES ($1, $2, 'Tổ TK&VV', $3, '11', 'WOMENS_UNION')`,
      [id, `TK-${commune}`, commune],
    );
  await legacyLoan(uuid(1), uuid(11), 'POOR_HOUSEHOLD', 100_000_000, 80_000_000, 6.6, '2024-03-01', '2029-03-01', 'CURRENT');
  await legacyLoan(uuid(2), uuid(11), 'CLEAN_WATER_SANITATION', 25_000_000, 0, 9, '2020-06-15', '2023-06-15', 'REPAID');
  await legacyLoan(uuid(3), uuid(12), 'NEAR_POOR_HOUSEHOLD', 50_000_000, 50_000_000, 7.92, '2022-01-10', '2025-01-10', 'OVERDUE');
  // Then the new migrations, as `npm run migrate` would run them.
  const runner = db.dataSource.createQueryRunner();
  await runner.startTransaction();
  for (const M of [
    LoanProgrammes1764300000000,
    LendingNetwork1764300100000,
    LoanLifecycle1764300200000,
    BankIdempotency1764300300000,
  ])
    await new M().up(runner);
  await runner.commitTransaction();
  await runner.release();
  today = (await q(`SELECT current_date::text AS d`))[0].d;
});
afterAll(() => db?.stop());

describe('loans in the earlier shape, in the database when the migrations run', () => {
  it('a CURRENT loan becomes REPAYING: request, term and version from its dates, its category from the programme', async () => {
    expect(await loanRow(uuid(1))).toEqual({
      status: 'REPAYING',
      amount: 100_000_000,
      principal: 100_000_000,
      term: 60,
      appliedOn: '2024-03-01',
      approvedOn: '2024-03-01',
      settledOn: null,
      overdueRate: 8.58,
      category: 'POOR',
      programme: 'POOR_HOUSEHOLD',
      versionFrom: '2022-07-01',
    });
  });

  it('gets the schedule of loan.rules.ts and one repayment of what was repaid, carried over on the migration day', async () => {
    expect(await instalments(uuid(1))).toEqual(repaymentSchedule(100_000_000, 60, '2024-03-01'));
    expect(await repayments(uuid(1))).toEqual([
      {
        paidOn: today < '2029-03-01' ? today : '2029-03-01',
        principal: 20_000_000,
        interest: 0,
        note: 'carried over from the previous loan book',
      },
    ]);
  });

  it('a REPAID loan is SETTLED; an OVERDUE one with nothing repaid is DISBURSED, and overdue is computed', async () => {
    expect(await loanRow(uuid(2))).toMatchObject({ status: 'SETTLED', settledOn: '2023-06-15', category: null });
    expect(await repayments(uuid(2))).toEqual([
      { paidOn: '2023-06-15', principal: 25_000_000, interest: 0, note: 'carried over from the previous loan book' },
    ]);
    expect(await loanRow(uuid(3))).toMatchObject({ status: 'DISBURSED', category: 'NEAR_POOR', term: 36 });
    expect(await repayments(uuid(3))).toEqual([]);
    const standing = loanStanding(
      { disbursedOn: '2022-01-10', annualRatePercent: 7.92, instalments: await instalments(uuid(3)) },
      [],
      '2025-06-01',
    );
    expect(standing).toMatchObject({ outstanding: 50_000_000, overdueAmount: 50_000_000 });
  });

  it('borrowers become members of their group from their first disbursement', async () => {
    expect(
      await q(
        `SELECT household_id AS h, joined_on AS "joinedOn", left_on AS "leftOn" FROM savings_group_member ORDER BY household_id`,
      ),
    ).toEqual([
      { h: uuid(11), joinedOn: '2020-06-15', leftOn: null },
      { h: uuid(12), joinedOn: '2022-01-10', leftOn: null },
    ]);
  });
});

describe('rows the seed and the demo still insert in the earlier shape', () => {
  it('are taken in by the same rule, several in one statement, and their borrowers join the group', async () => {
    await q(
      `INSERT INTO loan (id, household_id, commune_code, province_code, savings_group_id, program, principal, outstanding,
                         annual_rate_percent, purpose, disbursed_on, matures_on, status)
       VALUES ($1, $3, '03163', '11', $4, 'NEWLY_ESCAPED_HOUSEHOLD', 40000000, 10000000, 8.25, 'Trồng cà phê', '2024-01-01', '2027-01-01', 'OVERDUE'),
              ($2, $3, '03163', '11', $4, 'JOB_CREATION', 30000000, NULL, 7.92, 'Mở xưởng may', '2023-05-10', '2026-05-10', 'CURRENT')`,
      [uuid(4), uuid(5), uuid(13), G_OTHER],
    );
    expect(await loanRow(uuid(4))).toMatchObject({
      status: 'REPAYING',
      term: 36,
      category: 'NEWLY_ESCAPED',
      versionFrom: '2010-01-01',
    });
    expect(await instalments(uuid(4))).toEqual(repaymentSchedule(40_000_000, 36, '2024-01-01'));
    expect(await repayments(uuid(4))).toEqual([
      {
        paidOn: today < '2027-01-01' ? today : '2027-01-01',
        principal: 30_000_000,
        interest: 0,
        note: 'carried over from the previous loan book',
      },
    ]);
    // No balance given: nothing repaid.
    expect(await loanRow(uuid(5))).toMatchObject({ status: 'DISBURSED', category: null, programme: 'JOB_CREATION' });
    expect(await repayments(uuid(5))).toEqual([]);
    const members = await q(`SELECT joined_on AS "joinedOn" FROM savings_group_member WHERE household_id = $1`, [uuid(13)]);
    expect(members).toEqual([{ joinedOn: '2023-05-10' }]);
    // And the savings groups, in their six columns.
    await q(
      `INSERT INTO savings_group (id, code, name, commune_code, province_code, entrusted_to) VALUES ($1, 'TK-NEW', 'Tổ mới', '03160', '11', 'YOUTH_UNION')`,
      [uuid(300)],
    );
  });

  it('refuses a legacy row without its dates, and a balance on a row in the new shape', async () => {
    await expect(
      legacyLoan(uuid(6), uuid(14), 'POOR_HOUSEHOLD', 10_000_000, 10_000_000, 6.6, '2024-01-01', null, 'CURRENT'),
    ).rejects.toThrow(/needs principal, annual_rate_percent, disbursed_on and matures_on/);
    await expect(
      q(
        `INSERT INTO loan (household_id, commune_code, province_code, savings_group_id, program, amount_requested, term_months,
                           purpose, applied_on, status, outstanding)
         VALUES ($1, '03160', '11', $2, 'POOR_HOUSEHOLD', 1000000, 12, 'x', '2025-01-01', 'APPLIED', 5)`,
        [uuid(15), G],
      ),
    ).rejects.toThrow(/loan.outstanding is for rows in the earlier shape only/);
  });

  it("a loan's state must be whole: a SETTLED loan without its day, a REJECTED one without a reason, are refused", async () => {
    const insert = (status: string, extra: string) =>
      q(
        `INSERT INTO loan (household_id, commune_code, province_code, savings_group_id, program, amount_requested, term_months,
                           purpose, applied_on, status ${extra ? `, ${extra.split('=')[0]}` : ''})
         VALUES ($1, '03160', '11', $2, 'POOR_HOUSEHOLD', 1000000, 12, 'x', '2025-01-01', $3 ${extra ? `, ${extra.split('=')[1]}` : ''})`,
        [uuid(16), G, status],
      );
    await expect(insert('REJECTED', "rejected_on='2025-01-02'")).rejects.toThrow(/loan_state_check/);
    await expect(insert('APPROVED', '')).rejects.toThrow(/loan_state_check/);
    await expect(insert('SETTLED', '')).rejects.toThrow(/loan_state_check/);
  });
});
