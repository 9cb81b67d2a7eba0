import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addDays, addMonths, todayInVietnam } from '@gnbv/kit';
import { DEMO_PROGRAMME, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

/*
 * Issue 6's "done when": the bank's eligibility question answered through the gateway, the
 * category coming from labor through federation (@requires), for every category and edge:
 * exactly at the ceiling, category changed yesterday, newly escaped 35 vs 37 months ago, an
 * overdue loan. Households and their certified reviews are written into labor's database as a
 * commune would have certified them (dates relative to today); loans go through the bank's own
 * mutations over the gateway (apply, approve, disburse with the registry's statement).
 */

const COMMUNE = DEMO_PROGRAMME.communeCode;
const TODAY = todayInVietnam();
const BANK_OFFICER: DevTokenOptions = { agency: 'social-policy-bank', roles: ['officer'], scope: ['VN'] };
const BANK_SERVICE: DevTokenOptions = {
  agency: 'social-policy-bank',
  roles: ['service'],
  kind: 'service',
  scope: ['VN'],
  purpose: 'loan-eligibility',
};
const CEILING = 100_000_000;

let platform: Platform;
let group: string;
let serial = 0;

/** A household of the commune with certified lists: [classification, certified on] oldest first. */
async function household(lists: Array<[string, string]>): Promise<string> {
  const labor = new pg.Client({ connectionString: platform.databaseUrls.labor });
  await labor.connect();
  try {
    const id = randomUUID();
    const last = lists.at(-1)?.[0];
    const category = last === 'POOR' ? 'POOR' : last === 'NEAR_POOR' ? 'NEAR_POOR' : 'NOT_POOR';
    await labor.query(
      `INSERT INTO household (id, code, commune_code, village, address, area, category) VALUES ($1, $2, $3, 'Bản Kiểm Thử', 'Bản Kiểm Thử', 'RURAL', $4)`,
      [id, `${COMMUNE}-T${String(++serial).padStart(3, '0')}`, COMMUNE, category],
    );
    for (const [classification, certifiedOn] of lists) {
      await labor.query(
        `INSERT INTO poverty_review (household_id, year, review_date, state, income_per_person, standard_code, classification, certified_by, certified_on)
         VALUES ($1, $2, $3, 'CERTIFIED', 1000000, 'ND07-2021', $4, 'chu-tich-xa', $5)`,
        [id, Number(certifiedOn.slice(0, 4)), addDays(certifiedOn, -30), classification, certifiedOn],
      );
    }
    return id;
  } finally {
    await labor.end();
  }
}

async function gql<T>(
  source: string,
  variables: Record<string, unknown>,
  as: DevTokenOptions,
  purpose = 'loan-eligibility',
): Promise<T> {
  const res = await platform.query(source, variables, { as, purpose });
  expect(res.body.errors).toBeUndefined();
  return res.body.data as T;
}

const statement = async (householdId: string, on: string) =>
  (
    await gql<{ household: { registryAttestation: string } }>(
      `query($id: ID!, $on: Date!) { household(id: $id) { registryAttestation(on: $on) } }`,
      { id: householdId, on },
      BANK_OFFICER,
    )
  ).household.registryAttestation;

async function join(householdId: string, on: string): Promise<void> {
  await gql(
    `mutation($g: ID!, $h: ID!, $on: Date!, $s: String!, $k: String!) {
       addSavingsGroupMember(savingsGroupId: $g, householdId: $h, joinedOn: $on, registryAttestation: $s, idempotencyKey: $k) { joinedOn } }`,
    { g: group, h: householdId, on, s: await statement(householdId, on), k: randomUUID() },
    BANK_OFFICER,
  );
}

/** A POOR_HOUSEHOLD loan applied for, approved and disbursed on `on`. */
async function lend(householdId: string, amount: number, on: string, termMonths = 36): Promise<string> {
  const applied = await gql<{ applyForLoan: { id: string } }>(
    `mutation($input: LoanApplicationInput!, $k: String!) { applyForLoan(input: $input, idempotencyKey: $k) { id } }`,
    {
      input: {
        householdId,
        programme: 'POOR_HOUSEHOLD',
        amountRequested: amount,
        termMonths,
        purpose: 'Mua 2 con bò sinh sản',
        savingsGroupId: group,
        appliedOn: on,
      },
      k: randomUUID(),
    },
    BANK_OFFICER,
  );
  const id = applied.applyForLoan.id;
  await gql(
    `mutation($id: ID!, $on: Date!, $k: String!) { approveLoan(loanId: $id, on: $on, idempotencyKey: $k) { status } }`,
    { id, on, k: randomUUID() },
    BANK_OFFICER,
  );
  await gql(
    `mutation($id: ID!, $on: Date!, $s: String!, $k: String!) { disburseLoan(loanId: $id, on: $on, registryAttestation: $s, idempotencyKey: $k) { status } }`,
    { id, on, s: await statement(householdId, on), k: randomUUID() },
    BANK_OFFICER,
  );
  return id;
}

interface Eligibility {
  eligible: boolean;
  category: string | null;
  headroom: number | null;
  annualRatePercent: number | null;
  maxTermMonths: number | null;
  reasons: Array<{ code: string; message: string }>;
}

const check = async (householdId: string, programme: string, on: string = TODAY, amount?: number): Promise<Eligibility> =>
  (
    await gql<{ loanEligibilityBatch: Array<{ loanEligibility: Eligibility }> }>(
      `query($ids: [ID!]!, $p: LoanProgrammeCode!, $on: Date, $amount: VND) { loanEligibilityBatch(householdIds: $ids) {
         loanEligibility(programme: $p, on: $on, amount: $amount) { eligible category headroom annualRatePercent maxTermMonths reasons { code message } } } }`,
      { ids: [householdId], p: programme, on, amount },
      BANK_SERVICE,
    )
  ).loanEligibilityBatch[0]!.loanEligibility;
const codes = (e: Eligibility) => e.reasons.map((r) => r.code);

const monthsAgo = (n: number) => addMonths(TODAY, -n);
let poorMember: string;
let atCeiling: string;
let partly: string;
let overdue: string;
let changedYesterday: string;
let escaped35: string;
let escaped37: string;
let outsider: string;

beforeAll(async () => {
  platform = await startPlatform();
  const bank = new pg.Client({ connectionString: platform.databaseUrls['social-policy-bank'] });
  await bank.connect();
  try {
    [{ id: group }] = (await bank.query(`SELECT id FROM savings_group WHERE commune_code = $1 ORDER BY code LIMIT 1`, [COMMUNE]))
      .rows as [{ id: string }];
  } finally {
    await bank.end();
  }
  const poorSince = monthsAgo(30);
  poorMember = await household([['POOR', poorSince]]);
  atCeiling = await household([['POOR', poorSince]]);
  partly = await household([['POOR', poorSince]]);
  overdue = await household([['POOR', poorSince]]);
  outsider = await household([['POOR', poorSince]]);
  changedYesterday = await household([
    ['POOR', monthsAgo(14)],
    ['NEAR_POOR', addDays(TODAY, -1)],
  ]);
  escaped35 = await household([
    ['POOR', monthsAgo(47)],
    ['AVERAGE_LIVING_STANDARD', monthsAgo(35)],
  ]);
  escaped37 = await household([
    ['POOR', monthsAgo(49)],
    ['AVERAGE_LIVING_STANDARD', monthsAgo(37)],
  ]);
  for (const h of [poorMember, atCeiling, partly, overdue, changedYesterday, escaped35, escaped37]) await join(h, monthsAgo(24));
  await lend(atCeiling, CEILING, addDays(TODAY, -10));
  await lend(partly, 60_000_000, addDays(TODAY, -10));
  // Disbursed 13 months ago, nothing repaid: the instalments due at 6 and 12 months are overdue.
  await lend(overdue, 20_000_000, monthsAgo(13));
}, 180_000);
afterAll(() => platform?.stop());

describe('issue 6: loan eligibility through the gateway, the category from labor through federation', () => {
  it('says yes to a poor group member with no debt, with the headroom, rate and term that would apply', async () => {
    const e = await check(poorMember, 'POOR_HOUSEHOLD');
    expect(e).toMatchObject({ eligible: true, category: 'POOR', headroom: CEILING, annualRatePercent: 6.6, reasons: [] });
    expect(e.maxTermMonths).toBeGreaterThan(0);
  });

  it('refuses a household exactly at the ceiling (headroom 0), and accepts an amount exactly equal to the headroom', async () => {
    const full = await check(atCeiling, 'POOR_HOUSEHOLD');
    expect(full).toMatchObject({ eligible: false, headroom: 0 });
    expect(codes(full)).toEqual(['CEILING_REACHED']);
    expect(await check(partly, 'POOR_HOUSEHOLD', TODAY, 40_000_000)).toMatchObject({ eligible: true, headroom: 40_000_000 });
    const above = await check(partly, 'POOR_HOUSEHOLD', TODAY, 40_000_001);
    expect(above.eligible).toBe(false);
    expect(codes(above)).toEqual(['AMOUNT_ABOVE_HEADROOM']);
  });

  it('follows a category that changed yesterday: poor the day before, near-poor since', async () => {
    const dayBefore = await check(changedYesterday, 'POOR_HOUSEHOLD', addDays(TODAY, -2));
    expect(dayBefore).toMatchObject({ eligible: true, category: 'POOR' });
    const today = await check(changedYesterday, 'POOR_HOUSEHOLD');
    expect(today).toMatchObject({ eligible: false, category: 'NEAR_POOR' });
    expect(codes(today)).toEqual(['CATEGORY_NOT_ELIGIBLE']);
    expect(await check(changedYesterday, 'NEAR_POOR_HOUSEHOLD')).toMatchObject({ eligible: true, category: 'NEAR_POOR' });
  });

  it('counts a household newly escaped 35 months ago, and not one that escaped 37 months ago', async () => {
    expect(await check(escaped35, 'NEWLY_ESCAPED_HOUSEHOLD')).toMatchObject({
      eligible: true,
      category: 'NEWLY_ESCAPED',
      annualRatePercent: 8.25,
    });
    const late = await check(escaped37, 'NEWLY_ESCAPED_HOUSEHOLD');
    expect(late).toMatchObject({ eligible: false, category: 'NOT_POOR' });
    expect(codes(late)).toEqual(['CATEGORY_NOT_ELIGIBLE']);
  });

  it('refuses a household with an overdue loan, and one that belongs to no savings group, with every reason', async () => {
    const late = await check(overdue, 'POOR_HOUSEHOLD');
    expect(late.eligible).toBe(false);
    expect(codes(late)).toContain('OVERDUE_LOAN');
    const alone = await check(outsider, 'POOR_HOUSEHOLD');
    expect(alone.eligible).toBe(false);
    expect(codes(alone)).toContain('NOT_IN_SAVINGS_GROUP');
  });

  it('checks a whole savings-group meeting in one request, and gives the service no names', async () => {
    const ids = [poorMember, atCeiling, overdue, changedYesterday, escaped35];
    const res = await platform.query(
      `query($ids: [ID!]!) { loanEligibilityBatch(householdIds: $ids) { id loanEligibility(programme: POOR_HOUSEHOLD) { eligible } } }`,
      { ids },
      { as: BANK_SERVICE, purpose: 'loan-eligibility' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(
      (res.body.data?.loanEligibilityBatch as Array<{ id: string; loanEligibility: { eligible: boolean } }>).map((h) => [
        h.id,
        h.loanEligibility.eligible,
      ]),
    ).toEqual([
      [poorMember, true],
      [atCeiling, false],
      [overdue, false],
      [changedYesterday, false],
      [escaped35, false],
    ]);
    const names = await platform.query(
      `query($ids: [ID!]!) { loanEligibilityBatch(householdIds: $ids) { members { fullName nationalId } } }`,
      { ids: [poorMember] },
      { as: BANK_SERVICE, purpose: 'loan-eligibility' },
    );
    expect(names.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(names.body.data)).not.toMatch(/fullName":"/);
  });

  it('refuses to disburse beyond the ceiling in the same transaction, naming the reason', async () => {
    const applied = await gql<{ applyForLoan: { id: string } }>(
      `mutation($input: LoanApplicationInput!, $k: String!) { applyForLoan(input: $input, idempotencyKey: $k) { id } }`,
      {
        input: {
          householdId: partly,
          programme: 'POOR_HOUSEHOLD',
          amountRequested: 50_000_000,
          termMonths: 36,
          purpose: 'Trồng cà phê',
          savingsGroupId: group,
          appliedOn: TODAY,
        },
        k: randomUUID(),
      },
      BANK_OFFICER,
    );
    const id = applied.applyForLoan.id;
    await gql(
      `mutation($id: ID!, $on: Date!, $k: String!) { approveLoan(loanId: $id, on: $on, idempotencyKey: $k) { status } }`,
      { id, on: TODAY, k: randomUUID() },
      BANK_OFFICER,
    );
    const res = await platform.query(
      `mutation($id: ID!, $on: Date!, $s: String!, $k: String!) { disburseLoan(loanId: $id, on: $on, registryAttestation: $s, idempotencyKey: $k) { status } }`,
      { id, on: TODAY, s: await statement(partly, TODAY), k: randomUUID() },
      { as: BANK_OFFICER, purpose: 'loan-eligibility' },
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.body.errors?.[0]?.message).toMatch(/AMOUNT_ABOVE_HEADROOM|headroom|ceiling/i);
  });

  it("gives the share of a unit's poor and near-poor households that borrow, labor's counts coming through federation", async () => {
    const analyst: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };
    const data = await gql<{
      adminUnit: {
        householdCounts: { poor: number; nearPoor: number };
        before: { poor: number };
        lendingSummary: { borrowingHouseholdsByCategory: Array<{ category: string | null; households: number }> };
        lendingCoverage: {
          poorHouseholds: number;
          poorBorrowing: number;
          poorShare: number;
          nearPoorHouseholds: number;
          nearPoorBorrowing: number;
        };
      };
    }>(
      // The client also asks labor's counts itself, with and without a year: the gateway must not mix them up.
      `query($code: String!) { adminUnit(code: $code) {
         householdCounts { poor nearPoor } before: householdCounts(year: 2024) { poor }
         lendingSummary { borrowingHouseholdsByCategory { category households } }
         lendingCoverage { poorHouseholds poorBorrowing poorShare nearPoorHouseholds nearPoorBorrowing } } }`,
      { code: COMMUNE },
      analyst,
      'statistics',
    );
    const unit = data.adminUnit;
    const borrowing = (c: string) =>
      unit.lendingSummary.borrowingHouseholdsByCategory.find((b) => b.category === c)?.households ?? 0;
    expect(unit.lendingCoverage).toMatchObject({
      poorHouseholds: unit.householdCounts.poor,
      nearPoorHouseholds: unit.householdCounts.nearPoor,
      poorBorrowing: borrowing('POOR'),
      nearPoorBorrowing: borrowing('NEAR_POOR'),
    });
    expect(unit.lendingCoverage.poorBorrowing).toBeGreaterThan(0);
    expect(unit.lendingCoverage.poorShare).toBeCloseTo(borrowing('POOR') / unit.householdCounts.poor, 4);
    const alone = await gql<{ adminUnit: { householdCounts: { poor: number } } }>(
      `query($code: String!) { adminUnit(code: $code) { householdCounts(year: 2024) { poor } } }`,
      { code: COMMUNE },
      analyst,
      'statistics',
    );
    expect(unit.before.poor).toBe(alone.adminUnit.householdCounts.poor);
  });
});
