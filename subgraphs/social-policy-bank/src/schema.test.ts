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
import { Loan } from './loan/loan.entity';
import { SavingsGroup } from './savings-group/savings-group.entity';
import { buildSocialPolicyBankSchema } from './schema';

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const H3 = '33333333-3333-4333-8333-333333333333';
const NO_LOAN = '99999999-9999-4999-8999-999999999999';
const G1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const G2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const G3 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
let db: TestDatabase;
let run: SchemaRunner;
let sdl: string;

/** The kit's default test principal is a national labor officer: it sees that loans exist, not their amounts. */
const LABOR_OFFICER = { principal: TEST_PRINCIPAL };
const BANK_OFFICER = { principal: testPrincipal({ subject: 'vbsp-officer', agency: 'social-policy-bank' }) };
const COMMUNE_BANK_OFFICER = {
  principal: testPrincipal({ subject: 'vbsp-commune-officer', agency: 'social-policy-bank', scope: ['03160'] }),
};
const DPO = {
  principal: testPrincipal({ subject: 'vbsp-dpo', agency: 'social-policy-bank', roles: ['data-protection-officer'] }),
};
/** The same DPO, of commune 03163 only. */
const DPO_03163 = { principal: { ...DPO.principal, scope: ['03163'] } };
const LOANS_OF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id loans { status outstanding } } } }`;
const household = (id: string) => ({ r: [{ __typename: 'Household', id }] });

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
  await db.dataSource.getRepository(SavingsGroup).insert([
    {
      id: G1,
      code: 'TK-03160-02',
      name: 'Tổ TK&VV Bản Khá',
      communeCode: '03160',
      provinceCode: '11',
      entrustedTo: 'WOMENS_UNION' as never,
    },
    {
      id: G2,
      code: 'TK-03160-01',
      name: 'Tổ TK&VV Bản Phăng',
      communeCode: '03160',
      provinceCode: '11',
      entrustedTo: 'FARMERS_UNION' as never,
    },
    {
      id: G3,
      code: 'TK-03163-01',
      name: 'Tổ TK&VV Bản Nà',
      communeCode: '03163',
      provinceCode: '11',
      entrustedTo: 'VETERANS_ASSOCIATION' as never,
    },
  ]);
  const base = { provinceCode: '11', annualRatePercent: 6.6, purpose: 'Chăn nuôi bò sinh sản' };
  await db.dataSource.getRepository(Loan).insert([
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      savingsGroupId: G1,
      program: 'POOR_HOUSEHOLD' as never,
      principal: 100_000_000,
      outstanding: 80_000_000,
      disbursedOn: '2024-03-01',
      maturesOn: '2029-03-01',
      status: 'CURRENT' as never,
    },
    {
      ...base,
      householdId: H1,
      communeCode: '03160',
      savingsGroupId: G2,
      program: 'CLEAN_WATER_SANITATION' as never,
      principal: 25_000_000,
      outstanding: 0,
      annualRatePercent: 9,
      purpose: 'Bể nước sạch',
      disbursedOn: '2020-06-15',
      maturesOn: '2023-06-15',
      status: 'REPAID' as never,
    },
    {
      ...base,
      householdId: H2,
      communeCode: '03160',
      savingsGroupId: G1,
      program: 'NEAR_POOR_HOUSEHOLD' as never,
      principal: 50_000_000,
      outstanding: 30_000_000,
      disbursedOn: '2022-01-10',
      maturesOn: '2025-01-10',
      status: 'OVERDUE' as never,
    },
    {
      // A group loan book over the 32-bit Int maximum: amounts must stay exact.
      ...base,
      householdId: H3,
      communeCode: '03163',
      savingsGroupId: G3,
      program: 'NEWLY_ESCAPED_HOUSEHOLD' as never,
      principal: 3_000_000_000,
      outstanding: 2_147_483_649,
      disbursedOn: '2023-09-01',
      maturesOn: '2026-09-01',
      status: 'OVERDUE' as never,
    },
  ]);
});
afterAll(() => db?.stop());

describe('social-policy-bank schema', () => {
  it("declares Household and AdminUnit as federation entities carrying only the bank's fields", () => {
    expect(sdl).toContain('type Household @key(fields: "id")');
    expect(sdl).toContain('type AdminUnit @key(fields: "code")');
    expect(sdl).toMatch(/type Household @key\(fields: "id"\) \{[^}]*loans: \[Loan!\]\n/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*lendingSummary: LendingSummary\n/);
    expect(sdl).toMatch(/type AdminUnit @key\(fields: "code"\) \{[^}]*savingsGroups: \[SavingsGroup!\]\n/);
    expect(sdl).toMatch(
      /type Household @key\(fields: "id"\) \{[^}]*lendingAudit\(before: ID, first: Int! = 20\): \[AuditRecord!\]\n/,
    );
    for (const foreign of ['productionSupports', 'productionSupportSummary', 'informationSupports', 'communicationProducts']) {
      expect(sdl).not.toContain(foreign);
    }
  });

  it("resolves a Household representation to the household's loans with their savings group, oldest first (bank officer)", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id loans { communeCode program principal outstanding annualRatePercent purpose
                                      disbursedOn maturesOn status savingsGroup { name } household { id } } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: NO_LOAN },
          { __typename: 'Household', id: H3 },
        ],
      },
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
            principal: 25_000_000,
            outstanding: 0,
            annualRatePercent: 9,
            purpose: 'Bể nước sạch',
            disbursedOn: '2020-06-15',
            maturesOn: '2023-06-15',
            status: 'REPAID',
            savingsGroup: { name: 'Tổ TK&VV Bản Phăng' },
            household: { id: H1 },
          },
          {
            communeCode: '03160',
            program: 'POOR_HOUSEHOLD',
            principal: 100_000_000,
            outstanding: 80_000_000,
            annualRatePercent: 6.6,
            purpose: 'Chăn nuôi bò sinh sản',
            disbursedOn: '2024-03-01',
            maturesOn: '2029-03-01',
            status: 'CURRENT',
            savingsGroup: { name: 'Tổ TK&VV Bản Khá' },
            household: { id: H1 },
          },
        ],
      },
      { id: NO_LOAN, loans: [] },
      {
        id: H3,
        loans: [
          {
            communeCode: '03163',
            program: 'NEWLY_ESCAPED_HOUSEHOLD',
            principal: 3_000_000_000,
            outstanding: 2_147_483_649,
            annualRatePercent: 6.6,
            purpose: 'Chăn nuôi bò sinh sản',
            disbursedOn: '2023-09-01',
            maturesOn: '2026-09-01',
            status: 'OVERDUE',
            savingsGroup: { name: 'Tổ TK&VV Bản Nà' },
            household: { id: H3 },
          },
        ],
      },
    ]);
  });

  it('summarises lending of a commune and a province: unrepaid loans counted, only overdue loans in overdue', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on AdminUnit { code lendingSummary { loanCount outstanding overdue } savingsGroups { code name entrustedTo } } } }`,
      {
        r: [
          { __typename: 'AdminUnit', code: '03160' },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'AdminUnit', code: '03199' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        code: '03160',
        // The repaid water loan is not counted; only the near-poor loan is overdue.
        lendingSummary: { loanCount: 2, outstanding: 110_000_000, overdue: 30_000_000 },
        savingsGroups: [
          { code: 'TK-03160-01', name: 'Tổ TK&VV Bản Phăng', entrustedTo: 'FARMERS_UNION' },
          { code: 'TK-03160-02', name: 'Tổ TK&VV Bản Khá', entrustedTo: 'WOMENS_UNION' },
        ],
      },
      {
        code: '11',
        // Province sums above 2,147,483,647 come back exact.
        lendingSummary: { loanCount: 3, outstanding: 2_257_483_649, overdue: 2_177_483_649 },
        savingsGroups: [],
      },
      { code: '03199', lendingSummary: { loanCount: 0, outstanding: 0, overdue: 0 }, savingsGroups: [] },
    ]);
  });

  it('finds a savings group by id, whatever the case of the id', async () => {
    const result = await run(`query($id: ID!) { savingsGroup(id: $id) { id code name communeCode entrustedTo } }`, {
      id: G3.toUpperCase(),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.savingsGroup).toEqual({
      id: G3,
      code: 'TK-03163-01',
      name: 'Tổ TK&VV Bản Nà',
      communeCode: '03163',
      entrustedTo: 'VETERANS_ASSOCIATION',
    });
  });

  it('answers a savings group id that does not exist with FORBIDDEN naming the argument, as one outside the scope', async () => {
    const missing = await run(`{ savingsGroup(id: "${NO_LOAN}") { id } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(missing.data?.savingsGroup).toBeNull();
  });

  it('refuses a malformed savings group id naming the argument, before any SQL', async () => {
    const result = await run(`{ savingsGroup(id: "' OR 1=1 --") { name } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(result.data?.savingsGroup).toBeNull();
  });
});

describe('social-policy-bank permissions and row scope', () => {
  it("a commune officer sees only their commune's loans, groups and totals, in nested fields and _entities", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { id loans { communeCode outstanding savingsGroup { code } } }
         ... on AdminUnit { code lendingSummary { loanCount outstanding overdue } savingsGroups { code } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'Household', id: H3 },
          { __typename: 'AdminUnit', code: '11' },
          { __typename: 'AdminUnit', code: '03160' },
        ],
      },
      COMMUNE_BANK_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: H1,
        loans: [
          { communeCode: '03160', outstanding: 0, savingsGroup: { code: 'TK-03160-01' } },
          { communeCode: '03160', outstanding: 80_000_000, savingsGroup: { code: 'TK-03160-02' } },
        ],
      },
      // H3 borrowed in 03163: outside the scope, as if it had no loan.
      { id: H3, loans: [] },
      // The province total counts only the scoped commune (nationally: 3 loans, 2,257,483,649).
      { code: '11', lendingSummary: { loanCount: 2, outstanding: 110_000_000, overdue: 30_000_000 }, savingsGroups: [] },
      {
        code: '03160',
        lendingSummary: { loanCount: 2, outstanding: 110_000_000, overdue: 30_000_000 },
        savingsGroups: [{ code: 'TK-03160-01' }, { code: 'TK-03160-02' }],
      },
    ]);
  });

  it('a savings group outside the scope answers exactly like one that does not exist', async () => {
    const outside = await run(`query($id: ID!) { savingsGroup(id: $id) { name } }`, { id: G3 }, COMMUNE_BANK_OFFICER);
    const missing = await run(`query($id: ID!) { savingsGroup(id: $id) { name } }`, { id: NO_LOAN }, COMMUNE_BANK_OFFICER);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(JSON.parse(JSON.stringify(outside))).toEqual(JSON.parse(JSON.stringify(missing)));
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
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminUnit { lendingSummary { loanCount } } } }`,
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

  it("another agency's officer sees that a household borrows, but is refused Loan.outstanding, and the refusal is noted", async () => {
    const exists = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { loans { id communeCode program status disbursedOn maturesOn savingsGroup { code } household { id } } } } }`,
      household(H2),
      LABOR_OFFICER,
    );
    expect(exists.errors).toBeUndefined();
    expect(exists.data?._entities).toEqual([
      {
        loans: [
          {
            id: expect.any(String),
            communeCode: '03160',
            program: 'NEAR_POOR_HOUSEHOLD',
            status: 'OVERDUE',
            disbursedOn: '2022-01-10',
            maturesOn: '2025-01-10',
            savingsGroup: { code: 'TK-03160-02' },
            household: { id: H2 },
          },
        ],
      },
    ]);
    const { result: amounts, context } = await run.withContext(LOANS_OF, household(H2), LABOR_OFFICER);
    expect(amounts.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Loan.outstanding' });
    expect(amounts.data?._entities).toEqual([{ id: H2, loans: [{ status: 'OVERDUE', outstanding: null }] }]);
    expect(context.audit.drain()).toEqual([
      { entityType: 'Household', entityIds: [H2], fields: ['Loan.outstanding'], decision: 'denied' },
    ]);
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
            annualRatePercent: 6.6,
            status: 'OVERDUE',
            savingsGroup: { code: 'TK-03160-02' },
          },
        ],
      },
    ]);
    expect(context.audit.isEmpty).toBe(false);
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
    expect(status.data?._entities).toEqual([{ loans: [{ status: 'OVERDUE' }] }]);
  });
});

describe('social-policy-bank audit trail', () => {
  it('the migration makes an append-only, hash-chained audit_record table', async () => {
    // TypeORM knows a migration as run by this name: a new name would run it again on a live database.
    const recorded: { name: string }[] = await db.dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(recorded.map((m) => m.name)).toEqual(['Lending1763780300000', 'LendingAuditTrail1763790300000']);
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
