import { appendAudit, auditRecordsFor, verifyAuditChain, type FederatedSchema } from '@gnbv/kit';
import {
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST as ANALYST,
  TEST_BANK_SERVICE as BANK_SERVICE,
  TEST_PRINCIPAL,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { socialPolicyBankDataSource } from './data-source';
import { loanStanding } from './loan/loan-standing';
import { buildSocialPolicyBankSchema } from './schema';
import { insertGroup, insertLoan, insertMember, insertPurposeCheck, withRegistry } from './test-support';

const id = (digit: string) => `${digit.repeat(8)}-${digit.repeat(4)}-4${digit.repeat(3)}-8${digit.repeat(3)}-${digit.repeat(12)}`;
const H1 = id('1'); //  poor, 03160: a POOR loan paid well ahead, a settled clean-water loan
const H2 = id('2'); //  near-poor, 03160: a NEAR_POOR loan overdue since 2023, an application pending
const H3 = id('3'); //  03163: a NEWLY_ESCAPED loan over 2^31 đồng, overdue; a written-off loan
const H4 = id('4'); //  left group G1 in 2023
const H5 = id('5'); //  a G1 member with no loan
const H6 = id('6'); //  owes exactly the POOR ceiling since 2025-01-01
const NO_LOAN = id('9');
const G1 = id('a');
const G2 = id('b');
const G3 = id('c');
const L1 = id('d').replace(/^d/, '1');
const L2 = id('d').replace(/^d/, '2');
const L3 = id('d').replace(/^d/, '3');
const L4 = id('d').replace(/^d/, '4');
const L5 = id('d').replace(/^d/, '5');
const L6 = id('d').replace(/^d/, '6');
const L7 = id('d').replace(/^d/, '7');
const GROUP_1 = { id: G1, communeCode: '03160', provinceCode: '11' };
const GROUP_2 = { id: G2, communeCode: '03160', provinceCode: '11' };
const GROUP_3 = { id: G3, communeCode: '03163', provinceCode: '11' };
/** The day most reads here are as of: the figures below are worked out for it. */
const AS_OF = '2025-06-01';

let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;

/** The kit's default test principal is a national labor officer: it sees that loans exist, not their amounts. */
const LABOR_OFFICER = { principal: TEST_PRINCIPAL };
const BANK_OFFICER = { principal: testPrincipal({ subject: 'vbsp-officer', agency: 'social-policy-bank' }) };
const BANK_CHECKER = { ...BANK_OFFICER, purpose: 'loan-eligibility' as const };
const COMMUNE_BANK_OFFICER = {
  principal: testPrincipal({ subject: 'vbsp-commune-officer', agency: 'social-policy-bank', scope: ['03160'] }),
};
const DPO = {
  principal: testPrincipal({ subject: 'vbsp-dpo', agency: 'social-policy-bank', roles: ['data-protection-officer'] }),
};
/** The same DPO, of commune 03163 only. */
const DPO_03163 = { principal: { ...DPO.principal, scope: ['03163'] } };
const LOANS_OF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id loans { status outstanding } } } }`;
const household = (hid: string) => ({ r: [{ __typename: 'Household', id: hid }] });
const ELIGIBILITY = `query($r: [_Any!]!, $p: LoanProgrammeCode!, $on: Date, $amount: VND) { _entities(representations: $r) {
  ... on Household { id loanEligibility(programme: $p, on: $on, amount: $amount) {
    programme on eligible reasons { code message } category outstandingUnderProgramme headroom ceiling
    annualRatePercent overdueRatePercent maxTermMonths lendingCommuneCode savingsGroupId programmeVersion { validFrom } } } } }`;
const POOR_SINCE_2023 = [{ category: 'POOR', from: '2023-12-20', until: null }];

beforeAll(async () => {
  db = await startTestDatabase(socialPolicyBankDataSource);
  // Load and build the other agencies in this process first, as composition does: their
  // Household/AdminUnit field resolvers must not end up in the bank's schema.
  for (const [pkg, build] of [
    ['@gnbv/agriculture', 'buildAgricultureSchema'],
    ['@gnbv/culture-information', 'buildCultureInformationSchema'],
  ] as const) {
    await jest.requireActual<Record<string, () => Promise<FederatedSchema>>>(pkg)[build]!();
  }
  const built = await buildSocialPolicyBankSchema();
  sdl = built.sdl;
  run = schemaRunner(built.schema, db.dataSource, createLoaders);
  const ds = db.dataSource;
  await ds.query(
    `INSERT INTO transaction_point (commune_code, province_code, name, place, meeting_day)
     VALUES ('03160', '11', 'Điểm giao dịch xã Mường Phăng', 'Hội trường UBND xã Mường Phăng', 15)`,
  );
  await insertGroup(ds, {
    ...GROUP_1,
    code: 'TK-03160-02',
    name: 'Tổ TK&VV Bản Khá',
    entrustedTo: 'WOMENS_UNION',
    village: 'Bản Khá',
    leaderHouseholdId: H1,
    foundedOn: '2015-03-08',
  });
  await insertGroup(ds, { ...GROUP_2, code: 'TK-03160-01', name: 'Tổ TK&VV Bản Phăng', entrustedTo: 'FARMERS_UNION' });
  await insertGroup(ds, { ...GROUP_3, code: 'TK-03163-01', name: 'Tổ TK&VV Bản Nà', entrustedTo: 'VETERANS_ASSOCIATION' });
  await insertMember(ds, G1, H4, '2018-01-01', '2023-01-01');
  await insertMember(ds, G1, H1, '2019-01-01');
  await insertMember(ds, G2, H1, '2019-01-01');
  await insertMember(ds, G1, H2, '2020-01-01');
  await insertMember(ds, G1, H5, '2020-02-01');
  await insertMember(ds, G2, H6, '2020-01-01');
  await insertMember(ds, G3, H3, '2020-01-01');
  // 100,000,000 over 120 months: 5,000,000 every 6 months from 2024-09-01; 80,000,000 paid ahead
  // covers every instalment up to 2032-03-01, so it is not overdue for years.
  await insertLoan(ds, {
    id: L1,
    householdId: H1,
    group: GROUP_1,
    program: 'POOR_HOUSEHOLD',
    amount: 100_000_000,
    termMonths: 120,
    appliedOn: '2024-02-20',
    disbursedOn: '2024-03-01',
    category: 'POOR',
    status: 'REPAYING',
    repayments: [['2024-06-01', 80_000_000]],
  });
  await insertLoan(ds, {
    id: L2,
    householdId: H1,
    group: GROUP_2,
    program: 'CLEAN_WATER_SANITATION',
    amount: 25_000_000,
    termMonths: 36,
    purpose: 'Bể nước sạch',
    appliedOn: '2020-06-01',
    disbursedOn: '2020-06-15',
    category: null,
    status: 'SETTLED',
    settledOn: '2023-06-15',
    repayments: [['2023-06-15', 25_000_000]],
  });
  // 50,000,000 over 36 months, 20,000,000 repaid: matured 2025-01-10 with 30,000,000 overdue.
  await insertLoan(ds, {
    id: L3,
    householdId: H2,
    group: GROUP_1,
    program: 'NEAR_POOR_HOUSEHOLD',
    amount: 50_000_000,
    termMonths: 36,
    appliedOn: '2022-01-05',
    disbursedOn: '2022-01-10',
    category: 'NEAR_POOR',
    status: 'REPAYING',
    repayments: [['2023-01-10', 20_000_000, 1_000_000]],
  });
  // A loan book over the 32-bit Int maximum: amounts must stay exact. Matured 2026-09-01.
  await insertLoan(ds, {
    id: L4,
    householdId: H3,
    group: GROUP_3,
    program: 'NEWLY_ESCAPED_HOUSEHOLD',
    amount: 3_000_000_000,
    termMonths: 36,
    appliedOn: '2023-08-25',
    disbursedOn: '2023-09-01',
    category: 'NEWLY_ESCAPED',
    status: 'REPAYING',
    repayments: [['2024-01-01', 852_516_351]],
  });
  await insertLoan(ds, {
    id: L5,
    householdId: H2,
    group: GROUP_1,
    program: 'POOR_HOUSEHOLD',
    amount: 20_000_000,
    termMonths: 24,
    appliedOn: '2025-05-20',
    status: 'APPLIED',
  });
  await insertLoan(ds, {
    id: L6,
    householdId: H3,
    group: GROUP_3,
    program: 'POOR_HOUSEHOLD',
    amount: 10_000_000,
    termMonths: 24,
    appliedOn: '2022-12-20',
    disbursedOn: '2023-01-01',
    category: 'POOR',
    status: 'WRITTEN_OFF',
    writtenOffOn: '2024-12-01',
  });
  // Exactly the POOR ceiling, first instalment due 2025-07-01.
  await insertLoan(ds, {
    id: L7,
    householdId: H6,
    group: GROUP_2,
    program: 'POOR_HOUSEHOLD',
    amount: 100_000_000,
    termMonths: 60,
    appliedOn: '2024-12-20',
    disbursedOn: '2025-01-01',
    category: 'POOR',
    status: 'DISBURSED',
  });
  await insertPurposeCheck(ds, L3, '2023-03-01', 'INSPECTION', 'WRONG_PURPOSE', 'Dùng tiền vay mua xe máy');
  await insertPurposeCheck(ds, L1, '2024-09-15', 'SAVINGS_GROUP', 'AS_DECLARED', null);
});
afterAll(() => db?.stop());

describe('social-policy-bank schema', () => {
  it("declares Household and AdminUnit as entities with the bank's fields, and labor's category periods and commune as @external", () => {
    const block = (head: string) => {
      const start = sdl.indexOf(`${head} {\n`);
      expect(start).toBeGreaterThanOrEqual(0);
      return sdl.slice(start, sdl.indexOf('\n}\n', start) + 2);
    };
    const householdType = block('type Household @key(fields: "id")');
    const unitType = block('type AdminUnit @key(fields: "code")');
    expect(householdType).toContain('\n  loans: [Loan!]\n');
    expect(householdType).toContain('\n  borrowsFromBank: Boolean\n');
    expect(householdType).toContain('\n  certifiedCategoryPeriods: [CategoryPeriod!] @external\n');
    expect(householdType).toContain('\n  commune: AdminUnit @external\n');
    expect(householdType).toContain(
      '): LoanEligibility @requires(fields: "certifiedCategoryPeriods { category from until } commune { code parent { code } }")',
    );
    expect(householdType).toContain('\n  lendingAudit(before: ID, first: Int! = 20): [AuditRecord!]\n');
    expect(unitType).toContain('\n  parent: AdminUnit @external\n');
    expect(unitType).toContain('\n  lendingSummary(asOf: Date): LendingSummary\n');
    expect(unitType).not.toContain('householdCounts'); // see refs.ts: not @required, on purpose
    expect(sdl).toMatch(/type CategoryPeriod @shareable \{/);
    expect(sdl).toContain('loanEligibilityBatch(householdIds: [ID!]!): [Household!]!');
    for (const foreign of ['productionSupports', 'productionSupportSummary', 'informationSupports', 'communicationProducts']) {
      expect(sdl).not.toContain(foreign);
    }
  });

  it('lists the programme versions in force on a date: the rate, ceiling and term then', async () => {
    const q = `query($on: Date) { loanProgrammes(on: $on) { code validFrom validTo annualRatePercent overdueRatePercent
                 ceilingPerHousehold maxTermMonths qualifyingCategories } }`;
    const before = await run(q, { on: '2022-06-30' }, ANALYST);
    expect(before.errors).toBeUndefined();
    const programmes = before.data?.loanProgrammes as Array<Record<string, unknown>>;
    expect(programmes.map((p) => p.code)).toEqual([
      'CLEAN_WATER_SANITATION',
      'JOB_CREATION',
      'NEAR_POOR_HOUSEHOLD',
      'NEWLY_ESCAPED_HOUSEHOLD',
      'POOR_HOUSEHOLD',
    ]);
    expect(programmes.find((p) => p.code === 'POOR_HOUSEHOLD')).toEqual({
      code: 'POOR_HOUSEHOLD',
      validFrom: '2010-01-01',
      validTo: '2022-07-01',
      annualRatePercent: 6.6,
      overdueRatePercent: 8.58,
      ceilingPerHousehold: 50_000_000,
      maxTermMonths: 120,
      qualifyingCategories: ['POOR'],
    });
    const after = await run(q, { on: '2022-07-01' }, ANALYST);
    const poor = (after.data?.loanProgrammes as Array<Record<string, unknown>>).find((p) => p.code === 'POOR_HOUSEHOLD');
    expect(poor).toMatchObject({ validFrom: '2022-07-01', validTo: null, ceilingPerHousehold: 100_000_000 });
    expect(programmes.find((p) => p.code === 'NEWLY_ESCAPED_HOUSEHOLD')).toMatchObject({
      annualRatePercent: 8.25,
      overdueRatePercent: 10.725,
      maxTermMonths: 60,
    });
    expect(programmes.find((p) => p.code === 'CLEAN_WATER_SANITATION')).toMatchObject({
      annualRatePercent: 9,
      ceilingPerHousehold: 25_000_000,
      qualifyingCategories: [],
    });
  });

  it('never holds two versions of a programme in force on the same day', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO loan_programme (code, name, valid_from, valid_to, annual_rate_percent, overdue_rate_percent,
                                     ceiling_per_household, max_term_months)
         VALUES ('POOR_HOUSEHOLD', 'overlap', '2022-01-01', '2023-01-01', 6.6, 8.58, 1, 1)`,
      ),
    ).rejects.toThrow(/already has a version in force/);
  });

  it('resolves a Household representation to its loans, amounts and terms included, oldest application first (bank officer)', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id loans { communeCode program status principal amountRequested termMonths annualRatePercent
                                      overdueRatePercent purpose appliedOn disbursedOn maturesOn settledOn outstanding overdue
                                      categoryAtDisbursement programme { validFrom ceilingPerHousehold }
                                      savingsGroup { name } household { id } } } } }`,
      { r: [household(H1).r[0], household(NO_LOAN).r[0]] },
      BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        loans: [
          {
            communeCode: '03160',
            program: 'CLEAN_WATER_SANITATION',
            status: 'SETTLED',
            principal: 25_000_000,
            amountRequested: 25_000_000,
            termMonths: 36,
            annualRatePercent: 9,
            overdueRatePercent: 11.7,
            purpose: 'Bể nước sạch',
            appliedOn: '2020-06-01',
            disbursedOn: '2020-06-15',
            maturesOn: '2023-06-15',
            settledOn: '2023-06-15',
            outstanding: 0,
            overdue: false,
            categoryAtDisbursement: null,
            programme: { validFrom: '2010-01-01', ceilingPerHousehold: 25_000_000 },
            savingsGroup: { name: 'Tổ TK&VV Bản Phăng' },
            household: { id: H1 },
          },
          {
            communeCode: '03160',
            program: 'POOR_HOUSEHOLD',
            status: 'REPAYING',
            principal: 100_000_000,
            amountRequested: 100_000_000,
            termMonths: 120,
            annualRatePercent: 6.6,
            overdueRatePercent: 8.58,
            purpose: 'Chăn nuôi bò sinh sản',
            appliedOn: '2024-02-20',
            disbursedOn: '2024-03-01',
            maturesOn: '2034-03-01',
            settledOn: null,
            outstanding: 20_000_000,
            overdue: false,
            categoryAtDisbursement: 'POOR',
            programme: { validFrom: '2022-07-01', ceilingPerHousehold: 100_000_000 },
            savingsGroup: { name: 'Tổ TK&VV Bản Khá' },
            household: { id: H1 },
          },
        ],
      },
      { id: NO_LOAN, loans: [] },
    ]);
  });

  it("computes a loan's standing on a day from its schedule and repayments: overdue amount and days, interest", async () => {
    const result = await run(
      `query($id: ID!, $asOf: Date) { loan(id: $id) { status overdue schedule { number dueOn principal }
         repayments { paidOn principal interest } purposeChecks { checkedOn checkedBy finding note }
         standing(asOf: $asOf) { asOf principal principalRepaid outstanding overdueAmount daysOverdue oldestUnpaidDueOn
                                 nextDueOn nextDueAmount interestDue interestPaid interestArrears } } }`,
      { id: L3, asOf: AS_OF },
      BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    const loan = result.data?.loan as Record<string, unknown>;
    expect(loan.schedule).toEqual([
      { number: 1, dueOn: '2022-07-10', principal: 8_333_333 },
      { number: 2, dueOn: '2023-01-10', principal: 8_333_333 },
      { number: 3, dueOn: '2023-07-10', principal: 8_333_333 },
      { number: 4, dueOn: '2024-01-10', principal: 8_333_333 },
      { number: 5, dueOn: '2024-07-10', principal: 8_333_333 },
      { number: 6, dueOn: '2025-01-10', principal: 8_333_335 },
    ]);
    expect(loan.repayments).toEqual([{ paidOn: '2023-01-10', principal: 20_000_000, interest: 1_000_000 }]);
    expect(loan.purposeChecks).toEqual([
      { checkedOn: '2023-03-01', checkedBy: 'INSPECTION', finding: 'WRONG_PURPOSE', note: 'Dùng tiền vay mua xe máy' },
    ]);
    expect(loan.standing).toEqual({
      asOf: AS_OF,
      principal: 50_000_000,
      principalRepaid: 20_000_000,
      outstanding: 30_000_000,
      overdueAmount: 30_000_000,
      daysOverdue: 692, // since 2023-07-10, the instalment the 20,000,000 did not cover in full
      oldestUnpaidDueOn: '2023-07-10',
      nextDueOn: null,
      nextDueAmount: 0,
      // 12 months on 50,000,000 and 28 on 30,000,000 at 7.92 %/yr.
      interestDue: 12 * 330_000 + 28 * 198_000,
      interestPaid: 1_000_000,
      interestArrears: 12 * 330_000 + 28 * 198_000 - 1_000_000,
    });
    expect(loan).toMatchObject({ status: 'REPAYING', overdue: true });
  });

  it('summarises lending of communes and a province on a day: owed loans, overdue amount and rate, borrowers by category, statuses', async () => {
    const result = await run(
      `query($r: [_Any!]!, $asOf: Date) { _entities(representations: $r) { ... on AdminUnit { code
         lendingSummary(asOf: $asOf) { asOf loanCount outstanding overdue overdueRate overdueLoanCount borrowingHouseholds
           borrowingHouseholdsByCategory { category households } loansByStatus { status loans } wrongPurposeLoanCount } } } }`,
      {
        r: ['03160', '03163', '11', '03199'].map((code) => ({ __typename: 'AdminUnit', code })),
        asOf: AS_OF,
      },
      BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        code: '03160',
        lendingSummary: {
          asOf: AS_OF,
          loanCount: 3,
          outstanding: 150_000_000,
          overdue: 30_000_000,
          overdueRate: 0.2,
          overdueLoanCount: 1,
          borrowingHouseholds: 3,
          borrowingHouseholdsByCategory: [
            { category: 'POOR', households: 2 },
            { category: 'NEAR_POOR', households: 1 },
          ],
          loansByStatus: [
            { status: 'APPLIED', loans: 1 },
            { status: 'DISBURSED', loans: 1 },
            { status: 'REPAYING', loans: 2 },
            { status: 'SETTLED', loans: 1 },
          ],
          wrongPurposeLoanCount: 1,
        },
      },
      {
        code: '03163',
        lendingSummary: {
          asOf: AS_OF,
          loanCount: 1,
          outstanding: 2_147_483_649,
          overdue: 647_483_649,
          overdueRate: 647_483_649 / 2_147_483_649,
          overdueLoanCount: 1,
          borrowingHouseholds: 1,
          borrowingHouseholdsByCategory: [{ category: 'NEWLY_ESCAPED', households: 1 }],
          loansByStatus: [
            { status: 'REPAYING', loans: 1 },
            { status: 'WRITTEN_OFF', loans: 1 },
          ],
          wrongPurposeLoanCount: 0,
        },
      },
      {
        code: '11',
        lendingSummary: {
          asOf: AS_OF,
          loanCount: 4,
          outstanding: 2_297_483_649,
          overdue: 677_483_649,
          overdueRate: 677_483_649 / 2_297_483_649,
          overdueLoanCount: 2,
          borrowingHouseholds: 4,
          borrowingHouseholdsByCategory: [
            { category: 'POOR', households: 2 },
            { category: 'NEAR_POOR', households: 1 },
            { category: 'NEWLY_ESCAPED', households: 1 },
          ],
          loansByStatus: [
            { status: 'APPLIED', loans: 1 },
            { status: 'DISBURSED', loans: 1 },
            { status: 'REPAYING', loans: 3 },
            { status: 'SETTLED', loans: 1 },
            { status: 'WRITTEN_OFF', loans: 1 },
          ],
          wrongPurposeLoanCount: 1,
        },
      },
      {
        code: '03199',
        lendingSummary: {
          asOf: AS_OF,
          loanCount: 0,
          outstanding: 0,
          overdue: 0,
          overdueRate: 0,
          overdueLoanCount: 0,
          borrowingHouseholds: 0,
          borrowingHouseholdsByCategory: [],
          loansByStatus: [],
          wrongPurposeLoanCount: 0,
        },
      },
    ]);
  });

  it("the province's SQL totals agree with loanStanding over its loans, on any day", async () => {
    const loans: Array<{ id: string; principal: string; disbursed_on: string; rate: string; closed: string | null }> =
      await db.dataSource.query(
        `SELECT id, principal::text, disbursed_on, annual_rate_percent::text AS rate, coalesce(settled_on, written_off_on) AS closed
           FROM loan WHERE disbursed_on IS NOT NULL`,
      );
    for (const asOf of ['2022-12-31', '2024-06-01', AS_OF, '2026-10-01']) {
      let outstanding = 0;
      let overdue = 0;
      for (const l of loans) {
        if (l.disbursed_on > asOf || (l.closed && l.closed <= asOf)) continue;
        const instalments = await db.dataSource.query(
          `SELECT number, due_on AS "dueOn", principal::int AS principal FROM loan_instalment WHERE loan_id = $1`,
          [l.id],
        );
        const repayments = await db.dataSource.query(
          `SELECT paid_on AS "paidOn", principal::bigint::float AS principal, interest::float AS interest FROM loan_repayment WHERE loan_id = $1`,
          [l.id],
        );
        const s = loanStanding({ disbursedOn: l.disbursed_on, annualRatePercent: Number(l.rate), instalments }, repayments, asOf);
        outstanding += s.outstanding;
        overdue += s.overdueAmount;
      }
      const result = await run(
        `query($asOf: Date) { _entities(representations: [{ __typename: "AdminUnit", code: "11" }]) {
           ... on AdminUnit { lendingSummary(asOf: $asOf) { outstanding overdue } } } }`,
        { asOf },
        ANALYST,
      );
      expect(result.data?._entities).toEqual([{ lendingSummary: { outstanding, overdue } }]);
    }
  });

  it("pages through a unit's loans, newest application first, filtered by status; totals per filter", async () => {
    const q = `query($r: [_Any!]!, $first: Int, $after: String, $status: LoanStatus) { _entities(representations: $r) {
      ... on AdminUnit { code loans(first: $first, after: $after, status: $status) { totalCount nodes { id status }
                         pageInfo { hasNextPage endCursor } } } } }`;
    const page = async (code: string, vars: Record<string, unknown> = {}, as: Parameters<SchemaRunner>[2] = LABOR_OFFICER) => {
      const result = await run(q, { r: [{ __typename: 'AdminUnit', code }], ...vars }, as);
      expect(result.errors).toBeUndefined();
      return (
        result.data?._entities as Array<{
          loans: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }>
      )[0]!.loans;
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page('03160', { first: 2, after });
      expect(p.totalCount).toBe(5);
      seen.push(...p.nodes.map((n) => n.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual([L5, L7, L1, L3, L2]);
    const repaying = await page('03160', { status: 'REPAYING' });
    expect(repaying).toMatchObject({
      totalCount: 2,
      nodes: [
        { id: L1, status: 'REPAYING' },
        { id: L3, status: 'REPAYING' },
      ],
    });
    expect((await page('11')).totalCount).toBe(7);
    // A commune officer sees the province through their commune only.
    expect((await page('11', {}, COMMUNE_BANK_OFFICER)).totalCount).toBe(5);
    const forged = await run(q, { r: [{ __typename: 'AdminUnit', code: '03160' }], after: 'bm90LWEtY3Vyc29y' }, LABOR_OFFICER);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const other = await run(q, { r: [{ __typename: 'AdminUnit', code: '03163' }] }, COMMUNE_BANK_OFFICER);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
    const analyst = await run(q, { r: [{ __typename: 'AdminUnit', code: '03160' }] }, ANALYST);
    expect(analyst.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'AdminUnit.loans' });
  });

  it('finds a savings group by id, whatever the case of the id, with its village, leader and transaction point', async () => {
    const result = await run(
      `query($id: ID!) { savingsGroup(id: $id) { id code name communeCode entrustedTo village foundedOn leader { id }
         transactionPoint { name place meetingDay communeCode } } }`,
      { id: G1.toUpperCase() },
      BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.savingsGroup).toEqual({
      id: G1,
      code: 'TK-03160-02',
      name: 'Tổ TK&VV Bản Khá',
      communeCode: '03160',
      entrustedTo: 'WOMENS_UNION',
      village: 'Bản Khá',
      foundedOn: '2015-03-08',
      leader: { id: H1 },
      transactionPoint: {
        name: 'Điểm giao dịch xã Mường Phăng',
        place: 'Hội trường UBND xã Mường Phăng',
        meetingDay: 15,
        communeCode: '03160',
      },
    });
  });

  it("lists a group's members on a day (or all, with those who left), its loans, and its arrears", async () => {
    const result = await run(
      `query($id: ID!, $on: Date) { savingsGroup(id: $id) {
         members(on: $on) { household { id } joinedOn leftOn isLeader }
         all: members(includeLeft: true) { household { id } leftOn }
         loans { id status } applied: loans(status: APPLIED) { id }
         arrears(asOf: $on) { asOf outstanding overdueAmount overdueLoanCount overdueLoans { id daysOverdue } } } }`,
      { id: G1, on: AS_OF },
      BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.savingsGroup).toEqual({
      members: [
        { household: { id: H1 }, joinedOn: '2019-01-01', leftOn: null, isLeader: true },
        { household: { id: H2 }, joinedOn: '2020-01-01', leftOn: null, isLeader: false },
        { household: { id: H5 }, joinedOn: '2020-02-01', leftOn: null, isLeader: false },
      ],
      all: [
        { household: { id: H4 }, leftOn: '2023-01-01' },
        { household: { id: H1 }, leftOn: null },
        { household: { id: H2 }, leftOn: null },
        { household: { id: H5 }, leftOn: null },
      ],
      loans: [
        { id: L3, status: 'REPAYING' },
        { id: L1, status: 'REPAYING' },
        { id: L5, status: 'APPLIED' },
      ],
      applied: [{ id: L5 }],
      // daysOverdue is today's; the arrears are as of AS_OF.
      arrears: {
        asOf: AS_OF,
        outstanding: 50_000_000,
        overdueAmount: 30_000_000,
        overdueLoanCount: 1,
        overdueLoans: [{ id: L3, daysOverdue: expect.any(Number) }],
      },
    });
  });

  it("lists a household's memberships in groups of your scope, past ones too", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
      savingsGroupMemberships { joinedOn leftOn isLeader savingsGroup { code } } } } }`;
    const national = await run(q, { r: [household(H1).r[0], household(H4).r[0]] }, BANK_OFFICER);
    expect(national.errors).toBeUndefined();
    expect(national.data?._entities).toEqual([
      {
        savingsGroupMemberships: [
          { joinedOn: '2019-01-01', leftOn: null, isLeader: true, savingsGroup: { code: 'TK-03160-02' } },
          { joinedOn: '2019-01-01', leftOn: null, isLeader: false, savingsGroup: { code: 'TK-03160-01' } },
        ],
      },
      {
        savingsGroupMemberships: [
          { joinedOn: '2018-01-01', leftOn: '2023-01-01', isLeader: false, savingsGroup: { code: 'TK-03160-02' } },
        ],
      },
    ]);
    const elsewhere = await run(q, household(H1), { principal: { ...BANK_OFFICER.principal, scope: ['03163'] } });
    expect(elsewhere.data?._entities).toEqual([{ savingsGroupMemberships: [] }]);
  });

  it('answers a savings group or loan id that does not exist with FORBIDDEN naming the argument, as one outside the scope', async () => {
    const missing = await run(`{ savingsGroup(id: "${NO_LOAN}") { id } }`, {}, BANK_OFFICER);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(missing.data?.savingsGroup).toBeNull();
    const loan = await run(`{ loan(id: "${NO_LOAN}") { id } }`, {}, BANK_OFFICER);
    expect(loan.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
  });

  it('refuses a malformed savings group or loan id naming the argument, before any SQL', async () => {
    for (const field of ['savingsGroup', 'loan']) {
      const result = await run(`{ ${field}(id: "' OR 1=1 --") { id } }`, {}, BANK_OFFICER);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
  });

  it('tells other agencies whether a household borrows and is overdue today, not how much', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id borrowsFromBank hasOverdueLoan } } }`,
      { r: [H1, H2, H3, H5, H6, NO_LOAN].map((hid) => ({ __typename: 'Household', id: hid })) },
      LABOR_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: H1, borrowsFromBank: true, hasOverdueLoan: false }, //  paid ahead until 2032
      { id: H2, borrowsFromBank: true, hasOverdueLoan: true },
      { id: H3, borrowsFromBank: true, hasOverdueLoan: true }, //   matured 2026-09-01 unpaid
      { id: H5, borrowsFromBank: false, hasOverdueLoan: false },
      { id: H6, borrowsFromBank: true, hasOverdueLoan: true }, //   nothing paid since 2025-07-01
      { id: NO_LOAN, borrowsFromBank: false, hasOverdueLoan: false },
    ]);
    const analyst = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { borrowsFromBank } } }`,
      household(H1),
      ANALYST,
    );
    expect(analyst.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.borrowsFromBank' });
  });
});

describe('loan eligibility through _entities, with the category periods and commune labor gives (@requires)', () => {
  const check = async (
    representation: Record<string, unknown>,
    programme: string,
    extra: { on?: string; amount?: number } = {},
    as: Parameters<SchemaRunner>[2] = BANK_SERVICE,
  ) => {
    const result = await run(ELIGIBILITY, { r: [representation], p: programme, on: extra.on ?? AS_OF, amount: extra.amount }, as);
    expect(result.errors).toBeUndefined();
    return (result.data?._entities as Array<{ loanEligibility: Record<string, unknown> }>)[0]!.loanEligibility;
  };
  const reasonCodes = (e: Record<string, unknown>) => (e.reasons as Array<{ code: string }>).map((r) => r.code);

  it('a poor member owing 20,000,000 under POOR_HOUSEHOLD may borrow 80,000,000 more, not a đồng over', async () => {
    const fits = await check(withRegistry(H1, POOR_SINCE_2023, '03160'), 'POOR_HOUSEHOLD', { amount: 80_000_000 });
    expect(fits).toEqual({
      programme: 'POOR_HOUSEHOLD',
      on: AS_OF,
      eligible: true,
      reasons: [],
      category: 'POOR',
      outstandingUnderProgramme: 20_000_000,
      headroom: 80_000_000,
      ceiling: 100_000_000,
      annualRatePercent: 6.6,
      overdueRatePercent: 8.58,
      maxTermMonths: 120,
      lendingCommuneCode: '03160',
      savingsGroupId: G1,
      programmeVersion: { validFrom: '2022-07-01' },
    });
    const over = await check(withRegistry(H1, POOR_SINCE_2023, '03160'), 'POOR_HOUSEHOLD', { amount: 80_000_001 });
    expect(over.eligible).toBe(false);
    expect(reasonCodes(over)).toEqual(['AMOUNT_ABOVE_HEADROOM']);
  });

  it('owing exactly the ceiling leaves no headroom: CEILING_REACHED', async () => {
    const atCeiling = await check(withRegistry(H6, POOR_SINCE_2023, '03160'), 'POOR_HOUSEHOLD');
    expect(atCeiling).toMatchObject({ eligible: false, headroom: 0, outstandingUnderProgramme: 100_000_000 });
    expect(reasonCodes(atCeiling)).toEqual(['CEILING_REACHED']);
  });

  it('a household certified near-poor yesterday is refused the poor programme today', async () => {
    const periods = [
      { category: 'POOR', from: '2023-12-20', until: '2025-05-31' },
      { category: 'NEAR_POOR', from: '2025-05-31', until: null },
    ];
    const today = await check(withRegistry(H1, periods, '03160'), 'POOR_HOUSEHOLD', { on: '2025-06-01' });
    expect(reasonCodes(today)).toEqual(['CATEGORY_NOT_ELIGIBLE']);
    expect(today.category).toBe('NEAR_POOR');
    expect((await check(withRegistry(H1, periods, '03160'), 'POOR_HOUSEHOLD', { on: '2025-05-30' })).eligible).toBe(true);
  });

  it('newly escaped 35 months ago qualifies for NEWLY_ESCAPED_HOUSEHOLD; 37 months ago it does not', async () => {
    const periods = [
      { category: 'POOR', from: '2021-12-20', until: '2022-06-20' },
      { category: 'NEWLY_ESCAPED', from: '2022-06-20', until: '2025-06-20' },
      { category: 'NOT_POOR', from: '2025-06-20', until: null },
    ];
    const at35 = await check(withRegistry(H5, periods, '03160'), 'NEWLY_ESCAPED_HOUSEHOLD', { on: '2025-05-20' });
    expect(at35).toMatchObject({ eligible: true, category: 'NEWLY_ESCAPED', annualRatePercent: 8.25, maxTermMonths: 60 });
    const at37 = await check(withRegistry(H5, periods, '03160'), 'NEWLY_ESCAPED_HOUSEHOLD', { on: '2025-07-20' });
    expect(at37).toMatchObject({ eligible: false, category: 'NOT_POOR' });
    expect(reasonCodes(at37)).toEqual(['CATEGORY_NOT_ELIGIBLE']);
  });

  it('an overdue loan under any programme refuses, and the headroom still shows', async () => {
    const e = await check(
      withRegistry(H2, [{ category: 'NEAR_POOR', from: '2021-12-20', until: null }], '03160'),
      'NEAR_POOR_HOUSEHOLD',
    );
    expect(reasonCodes(e)).toEqual(['OVERDUE_LOAN']);
    expect(e).toMatchObject({ eligible: false, headroom: 70_000_000, outstandingUnderProgramme: 30_000_000 });
  });

  it('a household that moved away from its group’s commune, or belongs to no group, is refused with the reason', async () => {
    const moved = await check(withRegistry(H5, POOR_SINCE_2023, '03163'), 'POOR_HOUSEHOLD');
    expect(reasonCodes(moved)).toEqual(['NOT_RESIDENT_IN_LENDING_COMMUNE']);
    expect(moved.lendingCommuneCode).toBe('03160');
    const left = await check(withRegistry(H4, POOR_SINCE_2023, '03160'), 'POOR_HOUSEHOLD');
    expect(reasonCodes(left)).toEqual(['NOT_IN_SAVINGS_GROUP']);
  });

  it('answers nothing when labor gave no category periods or commune, rather than a wrong "not eligible"', async () => {
    for (const representation of [
      { __typename: 'Household', id: H1 },
      { __typename: 'Household', id: H1, certifiedCategoryPeriods: null, commune: { code: '03160' } },
    ]) {
      const result = await run(ELIGIBILITY, { r: [representation], p: 'POOR_HOUSEHOLD' }, BANK_SERVICE);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', field: 'Household.loanEligibility' });
      expect(result.data?._entities).toEqual([{ id: H1, loanEligibility: null }]);
    }
  });

  it('a bank officer checks households of their scope only, a province officer those of its communes', async () => {
    const commune03163 = { principal: { ...BANK_CHECKER.principal, scope: ['03163'] }, purpose: 'loan-eligibility' as const };
    const outside = await run(
      ELIGIBILITY,
      { r: [withRegistry(H1, POOR_SINCE_2023, '03160')], p: 'POOR_HOUSEHOLD' },
      commune03163,
    );
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    const province = { principal: { ...BANK_CHECKER.principal, scope: ['11'] }, purpose: 'loan-eligibility' as const };
    const inside = await run(ELIGIBILITY, { r: [withRegistry(H5, POOR_SINCE_2023, '03160')], p: 'POOR_HOUSEHOLD' }, province);
    expect(inside.errors).toBeUndefined();
  });

  it('needs purpose loan-eligibility and the bank: audited for the bank, refused to other agencies and analysts', async () => {
    const representation = { r: [withRegistry(H1, POOR_SINCE_2023, '03160')], p: 'POOR_HOUSEHOLD' };
    const { result, context } = await run.withContext(ELIGIBILITY, representation, BANK_CHECKER);
    expect(result.errors).toBeUndefined();
    expect(context.audit.drain()).toEqual([
      { entityType: 'Household', entityIds: [H1], fields: ['Household.loanEligibility'], decision: 'allowed' },
    ]);
    const review = await run(ELIGIBILITY, representation, BANK_OFFICER);
    expect(review.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Household.loanEligibility' });
    for (const who of [{ ...LABOR_OFFICER, purpose: 'loan-eligibility' as const }, ANALYST]) {
      const refused = await run(ELIGIBILITY, representation, who);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.loanEligibility' });
    }
  });

  it('the batch form returns the visible households, in the order given, each once; at most 200 well-formed ids', async () => {
    const batch = `query($ids: [ID!]!) { loanEligibilityBatch(householdIds: $ids) { id } }`;
    const national = await run(batch, { ids: [H2, H1, H2, NO_LOAN] }, BANK_SERVICE);
    expect(national.errors).toBeUndefined();
    expect(national.data?.loanEligibilityBatch).toEqual([{ id: H2 }, { id: H1 }, { id: NO_LOAN }]);
    const communeChecker = { principal: COMMUNE_BANK_OFFICER.principal, purpose: 'loan-eligibility' as const };
    const scoped = await run(batch, { ids: [H3, H1, H5, NO_LOAN, H4] }, communeChecker);
    // H3 borrows and belongs in 03163; NO_LOAN is unknown to the bank; H4 once was a member in 03160.
    expect(scoped.data?.loanEligibilityBatch).toEqual([{ id: H1 }, { id: H5 }, { id: H4 }]);
    const tooMany = await run(batch, { ids: Array.from({ length: 201 }, () => H1) }, BANK_SERVICE);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdIds' });
    const malformed = await run(batch, { ids: [H1, "' OR 1=1 --"] }, BANK_SERVICE);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdIds[1]' });
    const labor = await run(batch, { ids: [H1] }, { ...LABOR_OFFICER, purpose: 'loan-eligibility' });
    expect(labor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.loanEligibilityBatch' });
  });
});

describe('social-policy-bank permissions and row scope', () => {
  it("a commune officer sees only their commune's loans, groups and totals, in nested fields and _entities", async () => {
    const result = await run(
      `query($r: [_Any!]!, $asOf: Date) { _entities(representations: $r) {
         ... on Household { id loans { communeCode outstanding savingsGroup { code } } }
         ... on AdminUnit { code lendingSummary(asOf: $asOf) { loanCount outstanding overdue } savingsGroups { code } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: H3 },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'AdminUnit', code: '03160' },
        ],
        asOf: AS_OF,
      },
      COMMUNE_BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        loans: [
          { communeCode: '03160', outstanding: 0, savingsGroup: { code: 'TK-03160-01' } },
          { communeCode: '03160', outstanding: 20_000_000, savingsGroup: { code: 'TK-03160-02' } },
        ],
      },
      // H3 borrowed in 03163: outside the scope, as if it had no loan.
      { id: H3, loans: [] },
      // The province total counts only the scoped commune.
      { code: '11', lendingSummary: { loanCount: 3, outstanding: 150_000_000, overdue: 30_000_000 }, savingsGroups: [] },
      {
        code: '03160',
        lendingSummary: { loanCount: 3, outstanding: 150_000_000, overdue: 30_000_000 },
        savingsGroups: [{ code: 'TK-03160-01' }, { code: 'TK-03160-02' }],
      },
    ]);
  });

  it('a savings group or loan outside the scope answers exactly like one that does not exist', async () => {
    for (const [field, outsideId] of [
      ['savingsGroup', G3],
      ['loan', L4],
    ] as const) {
      const q = `query($id: ID!) { ${field}(id: $id) { id } }`;
      const outside = await run(q, { id: outsideId }, COMMUNE_BANK_OFFICER);
      const missing = await run(q, { id: NO_LOAN }, COMMUNE_BANK_OFFICER);
      expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
      expect(JSON.parse(JSON.stringify(outside))).toEqual(JSON.parse(JSON.stringify(missing)));
    }
    const inside = await run(`query($id: ID!) { savingsGroup(id: $id) { name } }`, { id: G1 }, COMMUNE_BANK_OFFICER);
    expect(inside.errors).toBeUndefined();
    expect(inside.data?.savingsGroup).toEqual({ name: 'Tổ TK&VV Bản Khá' });
  });

  it("a commune officer is refused another commune's lending summary and groups, naming the unit code", async () => {
    for (const field of ['lendingSummary { loanCount }', 'savingsGroups { code }']) {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { code ${field} } } }`,
        { r: [{ __typename: 'AdminUnit', code: '03163' }] },
        COMMUNE_BANK_OFFICER,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
      // Refused fields are nullable: the refusal nulls the field, not the unit.
      expect(result.data?._entities).toEqual([{ code: '03163', [field.split(' ')[0] as string]: null }]);
    }
  });

  it('an analyst reads lending summaries but nothing per household or per group', async () => {
    const summary = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { lendingSummary(asOf: "${AS_OF}") { loanCount } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03163' }] },
      ANALYST,
    );
    expect(summary.errors).toBeUndefined();
    expect(summary.data?._entities).toEqual([{ lendingSummary: { loanCount: 1 } }]);
    const loans = await run(LOANS_OF, household(H1), ANALYST);
    expect(loans.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.loans' });
    const group = await run(`query($id: ID!) { savingsGroup(id: $id) { name } }`, { id: G1 }, ANALYST);
    expect(group.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.savingsGroup' });
  });

  it("another agency's officer sees a loan's existence, status, dates and overdue flag, but is refused amounts, and the refusal is noted", async () => {
    const exists = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { loans { id communeCode program status appliedOn disbursedOn maturesOn overdue
                                    savingsGroup { code } household { id } } } } }`,
      household(H2),
      LABOR_OFFICER,
    );
    expect(exists.errors).toBeUndefined();
    expect(exists.data?._entities).toEqual([
      {
        loans: [
          {
            id: L3,
            communeCode: '03160',
            program: 'NEAR_POOR_HOUSEHOLD',
            status: 'REPAYING',
            appliedOn: '2022-01-05',
            disbursedOn: '2022-01-10',
            maturesOn: '2025-01-10',
            overdue: true,
            savingsGroup: { code: 'TK-03160-02' },
            household: { id: H2 },
          },
          {
            id: L5,
            communeCode: '03160',
            program: 'POOR_HOUSEHOLD',
            status: 'APPLIED',
            appliedOn: '2025-05-20',
            disbursedOn: null,
            maturesOn: null,
            overdue: false,
            savingsGroup: { code: 'TK-03160-02' },
            household: { id: H2 },
          },
        ],
      },
    ]);
    const { result: amounts, context } = await run.withContext(LOANS_OF, household(H2), LABOR_OFFICER);
    expect(amounts.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Loan.outstanding' });
    expect(amounts.data?._entities).toEqual([
      {
        id: H2,
        loans: [
          { status: 'REPAYING', outstanding: null },
          { status: 'APPLIED', outstanding: null },
        ],
      },
    ]);
    expect(context.audit.drain()).toEqual([
      { entityType: 'Household', entityIds: [H2], fields: ['Loan.outstanding'], decision: 'denied' },
    ]);
    // The programme version of a loan tells the rate it got: a term of the debt, like the rate itself.
    const version = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { loans { programme { annualRatePercent } } } } }`,
      household(H2),
      LABOR_OFFICER,
    );
    expect(version.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Loan.programme' });
    for (const field of ['members { joinedOn }', 'arrears { overdueAmount }']) {
      const group = await run(`query($id: ID!) { savingsGroup(id: $id) { ${field} } }`, { id: G1 }, LABOR_OFFICER);
      expect(group.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("the bank's eligibility service reads loan amounts, and the read is noted against the household", async () => {
    const { result, context } = await run.withContext(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { loans { principal outstanding annualRatePercent status savingsGroup { code } } } } }`,
      household(H2),
      BANK_SERVICE,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        loans: [
          {
            principal: 50_000_000,
            outstanding: 30_000_000,
            annualRatePercent: 7.92,
            status: 'REPAYING',
            savingsGroup: { code: 'TK-03160-02' },
          },
          {
            principal: null,
            outstanding: null,
            annualRatePercent: null,
            status: 'APPLIED',
            savingsGroup: { code: 'TK-03160-02' },
          },
        ],
      },
    ]);
    expect(context.audit.drain()).toEqual([
      {
        entityType: 'Household',
        entityIds: [H2],
        fields: ['Loan.annualRatePercent', 'Loan.outstanding', 'Loan.principal'],
        decision: 'allowed',
      },
    ]);
  });

  it('the eligibility service is refused loans under any other purpose, and reads no lending summary', async () => {
    const otherPurpose = await run(LOANS_OF, household(H2), { ...BANK_SERVICE, purpose: 'review' });
    expect(otherPurpose.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.loans' });
    const summary = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { lendingSummary { loanCount } } } }`,
      { r: [{ __typename: 'AdminUnit', code: '03160' }] },
      BANK_SERVICE,
    );
    expect(summary.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'AdminUnit.lendingSummary' });
  });

  it('a bank officer who declares no purpose gets PURPOSE_REQUIRED on loan amounts, not on the loan itself', async () => {
    const noPurpose = { ...BANK_OFFICER, purpose: undefined };
    const amounts = await run(LOANS_OF, household(H2), noPurpose);
    expect(amounts.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Loan.outstanding' });
    const statistics = await run(LOANS_OF, household(H2), { ...BANK_OFFICER, purpose: 'statistics' });
    expect(statistics.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Loan.outstanding' });
    const status = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { loans { status } } } }`,
      household(H2),
      noPurpose,
    );
    expect(status.errors).toBeUndefined();
    expect(status.data?._entities).toEqual([{ loans: [{ status: 'REPAYING' }, { status: 'APPLIED' }] }]);
  });
});

describe('social-policy-bank audit trail', () => {
  it('the migrations make an append-only, hash-chained audit_record table', async () => {
    // TypeORM knows a migration as run by this name: a new name would run it again on a live database.
    const recorded: { name: string }[] = await db.dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(recorded.map((m) => m.name)).toEqual([
      'Lending1763780300000',
      'LendingAuditTrail1763790300000',
      'LoanProgrammes1764300000000',
      'LendingNetwork1764300100000',
      'LoanLifecycle1764300200000',
      'BankIdempotency1764300300000',
    ]);
    const identity = { requestId: 'audit-table-test', principal: BANK_SERVICE.principal, purpose: BANK_SERVICE.purpose };
    const [first] = await appendAudit(db.dataSource, identity, [
      { entityType: 'Household', entityIds: [H3], fields: ['Loan.outstanding'], decision: 'allowed' },
    ]);
    await appendAudit(db.dataSource, identity, [
      { entityType: 'Household', entityIds: [H1, H3], fields: ['Loan.principal'], decision: 'denied' },
    ]);
    const ofH3 = await auditRecordsFor(db.dataSource, 'Household', H3, 10);
    expect(ofH3.map((r) => [r.requestId, r.fields, r.decision])).toEqual([
      ['audit-table-test', ['Loan.principal'], 'denied'],
      ['audit-table-test', ['Loan.outstanding'], 'allowed'],
    ]);
    expect(ofH3[0]!.prevHash).toBe(ofH3[1]!.hash);
    const whole = await verifyAuditChain(db.dataSource);
    expect(whole.broken).toBeUndefined();
    expect(whole.checked).toBeGreaterThanOrEqual(2);
    await expect(
      db.dataSource.query(`UPDATE audit_record SET subject = 'someone-else' WHERE seq = $1`, [first!.seq]),
    ).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM audit_record WHERE seq = $1`, [first!.seq])).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db.dataSource)).broken).toBeUndefined();
  });

  it("the data-protection officer reads a household's lending audit, newest first; nobody else may", async () => {
    // What the Apollo plugin does over HTTP: the reader's collected notes are written to the trail.
    const { context: reader } = await run.withContext(LOANS_OF, household(H2), BANK_SERVICE);
    await appendAudit(db.dataSource, { ...reader, requestId: 'eligibility-check' }, reader.audit.drain());
    const audit = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) {
                     ... on Household { lendingAudit(first: $first) { subject agency purpose fields decision subjectCount } } } }`;
    const result = await run(audit, { ...household(H2), first: 1 }, DPO);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        lendingAudit: [
          {
            subject: 'vbsp-eligibility',
            agency: 'social-policy-bank',
            purpose: 'loan-eligibility',
            fields: ['Loan.outstanding'],
            decision: 'allowed',
            subjectCount: 1,
          },
        ],
      },
    ]);
    const tooMany = await run(audit, { ...household(H2), first: 101 }, DPO);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const officer = await run(audit, household(H2), BANK_OFFICER);
    expect(officer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Household.lendingAudit' });
    // A DPO of commune 03163 does not see the trail of a household that borrowed only in 03160.
    const scoped = await run(audit, household(H2), DPO_03163);
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data?._entities).toEqual([{ lendingAudit: [] }]);
    // Arguments are checked before the scope: a bad one is refused even where the page would be empty.
    const scopedBad = await run(audit, { ...household(H2), first: 0 }, DPO_03163);
    expect(scopedBad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
