import { randomUUID } from 'node:crypto';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  testPrincipal,
  testRegistryKeys,
  TEST_PRINCIPAL,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { socialPolicyBankDataSource } from '../data-source';
import { buildSocialPolicyBankSchema } from '../schema';
import { insertGroup, insertLoan, insertMember } from '../test-support';

/*
 * A loan's life through the bank's mutations, end to end on a real database: membership with the
 * registry's statement, application, approval, disbursement (with the eligibility re-check in
 * the same transaction), repayments, rejection, write-off and purpose checks; idempotency, scope
 * and permissions.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A = uuid(1); //   poor, 03160
const B = uuid(2); //   poor at application, near-poor at disbursement
const C = uuid(3); //   near-poor with an overdue loan
const E = uuid(5); //   borrows under the earlier POOR version (ceiling 50m)
const NEWCOMER = uuid(6);
const G1 = uuid(101); // 03160
const G2 = uuid(102); // 03163

let db: TestDatabase;
let run: SchemaRunner;
const key = () => randomUUID();
const WRITER: TestIdentity = {
  principal: testPrincipal({ subject: 'vbsp-officer', agency: 'social-policy-bank' }),
  purpose: 'loan-eligibility',
};
const WRITER_03163: TestIdentity = { principal: { ...WRITER.principal!, scope: ['03163'] }, purpose: 'loan-eligibility' };

async function statement(householdId: string, on: string, category: string | null, communeCode = '03160') {
  const { token } = await testRegistryKeys()
    .signer()
    .sign({
      householdId,
      on,
      category: category as never,
      communeCode,
      provinceCode: '11',
      childrenUnder16: [],
      deprivedIndicators: [],
    });
  return token;
}

const LOAN_FIELDS = `id status program principal amountRequested termMonths appliedOn approvedOn disbursedOn maturesOn settledOn
  annualRatePercent overdueRatePercent categoryAtDisbursement outstanding rejectedOn rejectionReason writtenOffOn writeOffReason
  programme { validFrom ceilingPerHousehold } schedule { number dueOn principal } repayments { paidOn principal interest }
  purposeChecks { checkedOn checkedBy finding note }`;
type LoanResult = Record<string, unknown> & { id: string; status: string };

async function mutate(
  name: string,
  args: Record<string, unknown>,
  as: TestIdentity = WRITER,
  idempotencyKey = key(),
): Promise<{ loan: LoanResult | null; errors: ReturnType<typeof codes>; error?: Record<string, unknown>; message?: string }> {
  const types: Record<string, string> = {
    input: 'LoanApplicationInput!',
    loanId: 'ID!',
    on: 'Date!',
    paidOn: 'Date!',
    principal: name === 'approveLoan' ? 'VND' : 'VND',
    interest: 'VND',
    reason: 'String!',
    registryAttestation: 'String!',
    checkedBy: 'PurposeCheckBy!',
    finding: 'PurposeFinding!',
    note: 'String',
  };
  const names = Object.keys(args);
  const source = `mutation(${names.map((n) => `$${n}: ${types[n]}`).join(', ')}, $k: String!) {
    ${name}(${names.map((n) => `${n}: $${n}`).join(', ')}, idempotencyKey: $k) { ${LOAN_FIELDS} } }`;
  const result = await run(source, { ...args, k: idempotencyKey }, as);
  return {
    loan: (result.data?.[name] as LoanResult | undefined) ?? null,
    errors: codes(result),
    error: result.errors?.[0]?.extensions as Record<string, unknown> | undefined,
    message: result.errors?.[0]?.message,
  };
}

const apply = (householdId: string, overrides: Record<string, unknown> = {}, as: TestIdentity = WRITER) =>
  mutate(
    'applyForLoan',
    {
      input: {
        householdId,
        programme: 'POOR_HOUSEHOLD',
        amountRequested: 60_000_000,
        termMonths: 36,
        purpose: 'Mua 2 con bò sinh sản',
        savingsGroupId: G1,
        appliedOn: '2025-01-10',
        ...overrides,
      },
    },
    as,
  );

/** An approved loan of `householdId`, ready to disburse. */
async function approved(householdId: string, overrides: Record<string, unknown> = {}, approvedOn = '2025-01-15') {
  const applied = await apply(householdId, overrides);
  expect(applied.errors).toEqual([]);
  const result = await mutate('approveLoan', { loanId: applied.loan!.id, on: approvedOn });
  expect(result.errors).toEqual([]);
  return result.loan!;
}

const instalmentsOf = async (loanId: string) =>
  Number((await db.dataSource.query(`SELECT count(*) AS n FROM loan_instalment WHERE loan_id = $1`, [loanId]))[0].n);

beforeAll(async () => {
  db = await startTestDatabase(socialPolicyBankDataSource);
  run = schemaRunner((await buildSocialPolicyBankSchema()).schema, db.dataSource, createLoaders);
  const ds = db.dataSource;
  await insertGroup(ds, {
    id: G1,
    code: 'TK-03160-01',
    name: 'Tổ TK&VV Bản Khá',
    communeCode: '03160',
    provinceCode: '11',
    entrustedTo: 'WOMENS_UNION',
    foundedOn: '2015-01-01',
  });
  await insertGroup(ds, {
    id: G2,
    code: 'TK-03163-01',
    name: 'Tổ TK&VV Bản Nà',
    communeCode: '03163',
    provinceCode: '11',
    entrustedTo: 'FARMERS_UNION',
  });
  for (const h of [A, B, C, E]) await insertMember(ds, G1, h, '2020-01-01');
  // C owes 30,000,000 overdue since the loan matured on 2025-01-10.
  await insertLoan(ds, {
    id: uuid(901),
    householdId: C,
    group: { id: G1, communeCode: '03160', provinceCode: '11' },
    program: 'NEAR_POOR_HOUSEHOLD',
    amount: 30_000_000,
    termMonths: 36,
    appliedOn: '2022-01-01',
    disbursedOn: '2022-01-10',
    category: 'NEAR_POOR',
    status: 'DISBURSED',
  });
});
afterAll(() => db?.stop());

describe('savings-group membership', () => {
  const add = async (householdId: string, token: string, as: TestIdentity = WRITER, k = key()) => {
    const result = await run(
      `mutation($g: ID!, $h: ID!, $on: Date!, $t: String!, $k: String!) {
         addSavingsGroupMember(savingsGroupId: $g, householdId: $h, joinedOn: $on, registryAttestation: $t, idempotencyKey: $k) {
           household { id } joinedOn leftOn savingsGroup { code } } }`,
      { g: G1, h: householdId, on: '2024-05-01', t: token, k },
      as,
    );
    return result;
  };

  it("a household joins a group of its own commune with the registry's statement; a statement of another commune is refused", async () => {
    const elsewhere = await add(NEWCOMER, await statement(NEWCOMER, '2024-05-01', 'POOR', '03163'));
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
    expect(elsewhere.errors?.[0]?.message).toMatch(/lives in commune 03163; group TK-03160-01 lends in commune 03160/);
    const joined = await add(NEWCOMER, await statement(NEWCOMER, '2024-05-01', 'POOR'));
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.addSavingsGroupMember).toEqual({
      household: { id: NEWCOMER },
      joinedOn: '2024-05-01',
      leftOn: null,
      savingsGroup: { code: 'TK-03160-01' },
    });
    const twice = await add(NEWCOMER, await statement(NEWCOMER, '2024-05-01', 'POOR'));
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'householdId' });
  });

  it('a statement about another household or day is refused, naming registryAttestation', async () => {
    const wrongDay = await add(NEWCOMER, await statement(NEWCOMER, '2024-04-30', 'POOR'));
    expect(wrongDay.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
    const forged = await add(NEWCOMER, 'eyJhbGciOiJub25lIn0.e30.');
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
  });

  it('a member who leaves can no longer borrow through the group from that day', async () => {
    const left = await run(
      `mutation($k: String!) { recordSavingsGroupMemberLeft(savingsGroupId: "${G1}", householdId: "${NEWCOMER}", leftOn: "2025-01-01", idempotencyKey: $k) { leftOn } }`,
      { k: key() },
      WRITER,
    );
    expect(left.errors).toBeUndefined();
    expect(left.data?.recordSavingsGroupMemberLeft).toEqual({ leftOn: '2025-01-01' });
    const application = await apply(NEWCOMER, { appliedOn: '2025-01-10' });
    expect(application.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdId' });
    expect(application.message).toMatch(/is not a member of savings group TK-03160-01 on 2025-01-10/);
  });
});

describe('a loan from application to settlement', () => {
  let first: LoanResult;

  it('applies, approves and disburses: the rate of the version in force that day, the schedule, the category recorded', async () => {
    const applied = await apply(A);
    expect(applied.errors).toEqual([]);
    expect(applied.loan).toMatchObject({
      status: 'APPLIED',
      program: 'POOR_HOUSEHOLD',
      amountRequested: 60_000_000,
      principal: null,
      termMonths: 36,
      appliedOn: '2025-01-10',
      disbursedOn: null,
      outstanding: null,
      schedule: [],
    });
    const approvedLoan = await mutate('approveLoan', { loanId: applied.loan!.id, on: '2025-01-15' });
    expect(approvedLoan.loan).toMatchObject({ status: 'APPROVED', approvedOn: '2025-01-15', principal: 60_000_000 });
    const disbursed = await mutate('disburseLoan', {
      loanId: applied.loan!.id,
      on: '2025-02-01',
      registryAttestation: await statement(A, '2025-02-01', 'POOR'),
    });
    expect(disbursed.errors).toEqual([]);
    first = disbursed.loan!;
    expect(first).toMatchObject({
      status: 'DISBURSED',
      disbursedOn: '2025-02-01',
      maturesOn: '2028-02-01',
      annualRatePercent: 6.6,
      overdueRatePercent: 8.58,
      categoryAtDisbursement: 'POOR',
      programme: { validFrom: '2022-07-01', ceilingPerHousehold: 100_000_000 },
      repayments: [],
    });
    expect(first.schedule).toEqual(
      ['2025-08-01', '2026-02-01', '2026-08-01', '2027-02-01', '2027-08-01', '2028-02-01'].map((dueOn, i) => ({
        number: i + 1,
        dueOn,
        principal: 10_000_000,
      })),
    );
  });

  it('a re-sent disbursement with the same key returns the first result and writes nothing twice', async () => {
    const loan = await approved(A, { amountRequested: 10_000_000, appliedOn: '2025-02-10' }, '2025-02-11');
    const token = await statement(A, '2025-02-12', 'POOR');
    const k = key();
    const once = await mutate('disburseLoan', { loanId: loan.id, on: '2025-02-12', registryAttestation: token }, WRITER, k);
    const again = await mutate('disburseLoan', { loanId: loan.id, on: '2025-02-12', registryAttestation: token }, WRITER, k);
    expect(once.errors).toEqual([]);
    expect(again).toEqual(once);
    expect(await instalmentsOf(loan.id)).toBe(6);
    const writes = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_record WHERE 'write Loan.status DISBURSE' = ANY(fields) AND $1 = ANY(entity_ids)`,
      [A],
    );
    expect(writes[0].n).toBe(2); // this loan and the first one, each once
    const otherArgs = await mutate('disburseLoan', { loanId: loan.id, on: '2025-02-13', registryAttestation: token }, WRITER, k);
    expect(otherArgs.errors).toEqual(['CONFLICT']);
    // The same loan disbursed again under a new key is a move the loan's life does not allow.
    const twice = await mutate('disburseLoan', { loanId: loan.id, on: '2025-02-12', registryAttestation: token });
    expect(twice.error).toMatchObject({ code: 'CONFLICT', field: 'loanId' });
  });

  it('a loan that would exceed the ceiling is refused naming the reason; exactly the headroom is lent', async () => {
    // A owes 70,000,000 under POOR_HOUSEHOLD: 30,000,000 of headroom.
    const tooMuch = await approved(A, { amountRequested: 30_000_001, appliedOn: '2025-03-01' }, '2025-03-02');
    const refused = await mutate('disburseLoan', {
      loanId: tooMuch.id,
      on: '2025-03-03',
      registryAttestation: await statement(A, '2025-03-03', 'POOR'),
    });
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'loanId', reasons: ['AMOUNT_ABOVE_HEADROOM'] });
    expect(refused.message).toMatch(/30,000,001 VND would exceed the ceiling of 100,000,000 VND/);
    expect(await instalmentsOf(tooMuch.id)).toBe(0);
    const rejected = await mutate('rejectLoan', { loanId: tooMuch.id, on: '2025-03-03', reason: 'Vượt hạn mức' });
    expect(rejected.loan).toMatchObject({ status: 'REJECTED', rejectedOn: '2025-03-03', rejectionReason: 'Vượt hạn mức' });
    const exact = await approved(A, { amountRequested: 30_000_000, appliedOn: '2025-03-04' }, '2025-03-04');
    const lent = await mutate('disburseLoan', {
      loanId: exact.id,
      on: '2025-03-05',
      registryAttestation: await statement(A, '2025-03-05', 'POOR'),
    });
    expect(lent.errors).toEqual([]);
    expect(lent.loan).toMatchObject({ status: 'DISBURSED', principal: 30_000_000 });
  });

  it('a household certified near-poor since its application is refused the poor programme at disbursement', async () => {
    const loan = await approved(B);
    const refused = await mutate('disburseLoan', {
      loanId: loan.id,
      on: '2025-02-01',
      registryAttestation: await statement(B, '2025-02-01', 'NEAR_POOR'),
    });
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'loanId', reasons: ['CATEGORY_NOT_ELIGIBLE'] });
    const still = await run(`{ loan(id: "${loan.id}") { status disbursedOn } }`, {}, WRITER);
    expect(still.data?.loan).toEqual({ status: 'APPROVED', disbursedOn: null });
  });

  it('a household living outside the group’s commune, or with an overdue loan, is refused with every reason', async () => {
    const moved = await approved(B, { amountRequested: 5_000_000 });
    const notResident = await mutate('disburseLoan', {
      loanId: moved.id,
      on: '2025-02-01',
      registryAttestation: await statement(B, '2025-02-01', 'POOR', '03163'),
    });
    expect(notResident.error).toMatchObject({ reasons: ['NOT_RESIDENT_IN_LENDING_COMMUNE'] });
    const water = await approved(C, { programme: 'CLEAN_WATER_SANITATION', amountRequested: 20_000_000 });
    const overdue = await mutate('disburseLoan', {
      loanId: water.id,
      on: '2025-06-01',
      registryAttestation: await statement(C, '2025-06-01', null, '03163'),
    });
    expect(overdue.error).toMatchObject({ reasons: ['NOT_RESIDENT_IN_LENDING_COMMUNE', 'OVERDUE_LOAN'] });
    expect(overdue.message).toMatch(
      /OVERDUE_LOAN \(on 2025-06-01 the household has a loan with 30,000,000 VND of principal overdue\)/,
    );
  });

  it('a statement about another household or another day is refused naming registryAttestation', async () => {
    const loan = await approved(B, { amountRequested: 1_000_000 });
    for (const token of [await statement(A, '2025-02-01', 'POOR'), await statement(B, '2025-01-31', 'POOR')]) {
      const refused = await mutate('disburseLoan', { loanId: loan.id, on: '2025-02-01', registryAttestation: token });
      expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registryAttestation' });
    }
  });

  it('the version in force on the disbursement day gives the terms: 50,000,000 ceiling before 2022-07-01', async () => {
    const loan = await approved(E, { amountRequested: 50_000_000, appliedOn: '2022-06-01' }, '2022-06-10');
    const lent = await mutate('disburseLoan', {
      loanId: loan.id,
      on: '2022-06-30',
      registryAttestation: await statement(E, '2022-06-30', 'POOR'),
    });
    expect(lent.errors).toEqual([]);
    expect(lent.loan).toMatchObject({ programme: { validFrom: '2010-01-01', ceilingPerHousehold: 50_000_000 } });
    const more = await approved(E, { amountRequested: 1_000_000, appliedOn: '2022-06-30' }, '2022-06-30');
    const refused = await mutate('disburseLoan', {
      loanId: more.id,
      on: '2022-06-30',
      registryAttestation: await statement(E, '2022-06-30', 'POOR'),
    });
    expect(refused.error).toMatchObject({ reasons: ['CEILING_REACHED'] });
  });

  it('repayments make the loan REPAYING, then SETTLED; no more than is owed, and nothing after settlement', async () => {
    const loan = await approved(B, { amountRequested: 12_000_000, termMonths: 12 }, '2025-01-15');
    await mutate('disburseLoan', {
      loanId: loan.id,
      on: '2025-01-20',
      registryAttestation: await statement(B, '2025-01-20', 'POOR'),
    });
    const part = await mutate('recordLoanRepayment', {
      loanId: loan.id,
      paidOn: '2025-02-20',
      principal: 2_000_000,
      interest: 66_000,
    });
    expect(part.loan).toMatchObject({
      status: 'REPAYING',
      outstanding: 10_000_000,
      repayments: [{ paidOn: '2025-02-20', principal: 2_000_000, interest: 66_000 }],
    });
    const tooMuch = await mutate('recordLoanRepayment', { loanId: loan.id, paidOn: '2025-03-20', principal: 10_000_001 });
    expect(tooMuch.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'principal' });
    const interestOnly = await mutate('recordLoanRepayment', { loanId: loan.id, paidOn: '2025-03-20', interest: 55_000 });
    expect(interestOnly.loan).toMatchObject({ status: 'REPAYING', outstanding: 10_000_000 });
    const rest = await mutate('recordLoanRepayment', { loanId: loan.id, paidOn: '2025-04-20', principal: 10_000_000 });
    expect(rest.loan).toMatchObject({ status: 'SETTLED', settledOn: '2025-04-20', outstanding: 0 });
    const after = await mutate('recordLoanRepayment', { loanId: loan.id, paidOn: '2025-04-21', interest: 1_000 });
    expect(after.error).toMatchObject({ code: 'CONFLICT', field: 'loanId' });
    const nothing = await mutate('recordLoanRepayment', { loanId: loan.id, paidOn: '2025-04-21' });
    expect(nothing.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'principal' });
    const early = await mutate('recordLoanRepayment', { loanId: first.id, paidOn: '2025-01-31', principal: 1 });
    expect(early.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paidOn' });
  });

  it('purpose checks are recorded on disbursed loans; WRONG_PURPOSE needs a note', async () => {
    const noNote = await mutate('recordLoanPurposeCheck', {
      loanId: first.id,
      on: '2025-05-01',
      checkedBy: 'INSPECTION',
      finding: 'WRONG_PURPOSE',
    });
    expect(noNote.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const misuse = await mutate('recordLoanPurposeCheck', {
      loanId: first.id,
      on: '2025-05-01',
      checkedBy: 'INSPECTION',
      finding: 'WRONG_PURPOSE',
      note: 'Dùng tiền vay mua xe máy',
    });
    expect(misuse.loan?.purposeChecks).toEqual([
      { checkedOn: '2025-05-01', checkedBy: 'INSPECTION', finding: 'WRONG_PURPOSE', note: 'Dùng tiền vay mua xe máy' },
    ]);
    const application = await apply(B, { amountRequested: 1_000_000 });
    const notLent = await mutate('recordLoanPurposeCheck', {
      loanId: application.loan!.id,
      on: '2025-05-01',
      checkedBy: 'SAVINGS_GROUP',
      finding: 'AS_DECLARED',
    });
    expect(notLent.error).toMatchObject({ code: 'CONFLICT', field: 'loanId' });
    const summary = await run(
      `{ _entities(representations: [{ __typename: "AdminUnit", code: "03160" }]) { ... on AdminUnit { lendingSummary(asOf: "2025-06-01") { wrongPurposeLoanCount } } } }`,
      {},
      WRITER,
    );
    expect(summary.data?._entities).toEqual([{ lendingSummary: { wrongPurposeLoanCount: 1 } }]);
  });

  it('moves out of order are CONFLICT naming loanId: disbursing an application, rejecting or approving a disbursed loan', async () => {
    const application = await apply(B, { amountRequested: 2_000_000 });
    const token = await statement(B, '2025-02-01', 'POOR');
    expect(
      (await mutate('disburseLoan', { loanId: application.loan!.id, on: '2025-02-01', registryAttestation: token })).error,
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'loanId',
    });
    expect((await mutate('rejectLoan', { loanId: first.id, on: '2025-05-01', reason: 'x' })).error).toMatchObject({
      code: 'CONFLICT',
    });
    expect((await mutate('approveLoan', { loanId: first.id, on: '2025-05-01' })).error).toMatchObject({ code: 'CONFLICT' });
    const writtenOff = await mutate('writeOffLoan', {
      loanId: first.id,
      on: '2025-05-02',
      reason: 'Hộ di cư, không liên lạc được',
    });
    expect(writtenOff.loan).toMatchObject({
      status: 'WRITTEN_OFF',
      writtenOffOn: '2025-05-02',
      writeOffReason: 'Hộ di cư, không liên lạc được',
    });
    expect((await mutate('writeOffLoan', { loanId: first.id, on: '2025-05-03', reason: 'again' })).error).toMatchObject({
      code: 'CONFLICT',
    });
    const tooEarly = await mutate('approveLoan', { loanId: application.loan!.id, on: '2025-01-09' });
    expect(tooEarly.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const moreThanAsked = await mutate('approveLoan', { loanId: application.loan!.id, on: '2025-01-11', principal: 2_000_001 });
    expect(moreThanAsked.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'principal' });
  });
});

describe('applications are checked at the edge and in scope', () => {
  it('refuses an amount above the ceiling, a term above the maximum, a day with no programme version, a future day', async () => {
    expect((await apply(A, { amountRequested: 100_000_001 })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.amountRequested',
    });
    expect((await apply(A, { programme: 'NEWLY_ESCAPED_HOUSEHOLD', termMonths: 61 })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.termMonths',
    });
    expect((await apply(A, { appliedOn: '2009-12-31' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.programme',
    });
    expect((await apply(A, { appliedOn: '2999-01-01' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.appliedOn',
    });
    expect((await apply(A, { purpose: '  ' })).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
    expect((await apply(A, { householdId: "' OR 1=1 --" })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.householdId',
    });
  });

  it("a commune officer cannot apply through, or act on a loan of, another commune's group: answered like a missing one", async () => {
    const outside = await apply(A, {}, WRITER_03163);
    expect(outside.error).toMatchObject({ code: 'FORBIDDEN', field: 'input.savingsGroupId' });
    const loan = await apply(A, { amountRequested: 1_000_000 });
    const theirs = await mutate('approveLoan', { loanId: loan.loan!.id, on: '2025-01-15' }, WRITER_03163);
    const missing = await mutate('approveLoan', { loanId: uuid(999), on: '2025-01-15' }, WRITER_03163);
    expect(theirs.error).toMatchObject({ code: 'FORBIDDEN', field: 'loanId' });
    expect(theirs.message).toBe(missing.message);
  });

  it('only bank officers write, and only declaring purpose loan-eligibility', async () => {
    const labor = await apply(A, {}, { principal: TEST_PRINCIPAL, purpose: 'loan-eligibility' });
    expect(labor.error).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.applyForLoan' });
    const service = await apply(
      A,
      {},
      {
        principal: testPrincipal({ agency: 'social-policy-bank', roles: ['service'], kind: 'service' }),
        purpose: 'loan-eligibility',
      },
    );
    expect(service.error).toMatchObject({ code: 'FORBIDDEN' });
    const otherPurpose = await apply(A, {}, { ...WRITER, purpose: 'support-delivery' });
    expect(otherPurpose.error).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'Mutation.applyForLoan' });
  });

  it('every write is in the audit trail against the household', async () => {
    const rows: Array<{ fields: string[] }> = await db.dataSource.query(
      `SELECT fields FROM audit_record WHERE entity_ids && $1::text[] AND subject = 'vbsp-officer' ORDER BY seq`,
      [[A, B]],
    );
    const written = new Set(rows.flatMap((r) => r.fields));
    for (const field of [
      'write Loan',
      'write Loan.status APPROVE',
      'write Loan.status DISBURSE',
      'write Loan.status REJECT',
      'write Loan.repayments',
      'write Loan.status WRITE_OFF',
      'write Loan.purposeChecks',
    ])
      expect(written).toContain(field);
  });
});
