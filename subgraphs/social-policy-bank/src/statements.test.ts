import {
  captureStatements,
  schemaRunner,
  startTestDatabase,
  TEST_BANK_SERVICE as BANK_SERVICE,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { socialPolicyBankDataSource } from './data-source';
import { buildSocialPolicyBankSchema } from './schema';
import { insertGroup, insertLoan, insertMember, insertPurposeCheck, withRegistry } from './test-support';

/*
 * One SQL statement per relation per request level: the bank's part of an eligibility check for
 * 50 households costs the same statements as for 5 (what the gateway sends in one `_entities`
 * call when a savings group meets, or for loanEligibilityBatch).
 */

const households = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const G = '00000000-0000-4000-8000-000000000900';
let db: TestDatabase;
let run: SchemaRunner;

const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household {
  id borrowsFromBank hasOverdueLoan
  loans { status principal outstanding overdue daysOverdue standing(asOf: "2025-06-01") { overdueAmount interestDue }
          schedule { dueOn } repayments { paidOn } purposeChecks { finding } programme { code } savingsGroup { code } }
  savingsGroupMemberships { joinedOn savingsGroup { code } }
  poor: loanEligibility(programme: POOR_HOUSEHOLD, on: "2025-06-01", amount: 10000000) { eligible headroom reasons { code } }
  water: loanEligibility(programme: CLEAN_WATER_SANITATION, on: "2025-06-01") { eligible headroom } } } }`;

beforeAll(async () => {
  db = await startTestDatabase(socialPolicyBankDataSource);
  run = schemaRunner((await buildSocialPolicyBankSchema()).schema, db.dataSource, createLoaders);
  const group = { id: G, communeCode: '03160', provinceCode: '11' };
  await insertGroup(db.dataSource, { ...group, code: 'TK-03160-01', name: 'Tổ TK&VV Bản Khá', entrustedTo: 'WOMENS_UNION' });
  for (const [i, household] of households.entries()) {
    await insertMember(db.dataSource, G, household, '2020-01-01');
    const loanId = household.replace(/^0{8}/, '11111111');
    await insertLoan(db.dataSource, {
      id: loanId,
      householdId: household,
      group,
      program: 'POOR_HOUSEHOLD',
      amount: 30_000_000,
      termMonths: 36,
      appliedOn: '2023-12-20',
      disbursedOn: '2024-01-01',
      category: 'POOR',
      status: 'REPAYING',
      repayments: [['2024-07-01', i % 2 === 0 ? 5_000_000 : 10_000_000, 900_000]],
    });
    if (i % 5 === 0) await insertPurposeCheck(db.dataSource, loanId, '2024-09-01', 'SAVINGS_GROUP', 'AS_DECLARED', null);
  }
});
afterAll(() => db?.stop());

async function statementsFor(count: number): Promise<string[]> {
  const r = households
    .slice(0, count)
    .map((h) => withRegistry(h, [{ category: 'POOR', from: '2023-12-20', until: null }], '03160'));
  const { result, statements } = await captureStatements(db.dataSource, () => run(QUERY, { r }, BANK_SERVICE));
  expect(result.errors).toBeUndefined();
  const entities = result.data?._entities as Array<{
    loans: unknown[];
    poor: { eligible: boolean; reasons: Array<{ code: string }> };
  }>;
  expect(entities).toHaveLength(count);
  expect(entities.every((e) => e.loans.length === 1)).toBe(true);
  // Half of them paid only 5,000,000 by 2025-06-01 of the 10,000,000 due: overdue.
  expect(entities[0]!.poor).toEqual({ eligible: false, headroom: 75_000_000, reasons: [{ code: 'OVERDUE_LOAN' }] });
  expect(entities[1]!.poor).toEqual({ eligible: true, headroom: 80_000_000, reasons: [] });
  return statements;
}

it('an _entities call for 50 households with loans, flags and eligibility costs the statements of one for 5', async () => {
  const five = await statementsFor(5);
  const fifty = await statementsFor(50);
  expect(fifty).toHaveLength(five.length);
  // Programme versions, scoped loans, every loan (eligibility), memberships, schedules with
  // repayments, purpose checks, groups: one statement each.
  expect(five).toHaveLength(7);
});
