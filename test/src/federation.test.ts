import {
  buildDemoDataset,
  DEMO_COMMUNES,
  DEMO_PROVINCE,
  demoLoanOutstanding,
  demoLoansOwed,
  demoLoanStanding,
  DEMO_LENDING,
} from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

// The demo data set is deterministic, so the expected figures are computed from it here,
// independently of the SQL and resolvers under test.
const demo = buildDemoDataset();
const COMMUNE = DEMO_COMMUNES[0].code;
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

interface HouseholdNode {
  id: string;
  code: string;
  members: { fullName: string }[];
  productionSupports: { kind: string; value: number }[];
  informationSupports: { kind: string }[];
  loans: { program: string; outstanding: number; savingsGroup: { name: string } }[];
}

describe('the federated graph through the gateway', () => {
  it("returns a commune, its households and each household's data from all four agencies in one query", async () => {
    const res = await platform.query(
      `query($code: String!) { adminUnit(code: $code) {
          name parent { code }
          productionSupports { totalCount }
          communicationProducts { totalCount }
          lendingSummary { loanCount }
          households(first: 100) { totalCount nodes { id code
            members { fullName }
            productionSupports { kind value }
            informationSupports { kind }
            loans { program outstanding savingsGroup { name } } } } } }`,
      { code: COMMUNE },
      // A bank officer: loan amounts are the bank's personal data; members' names need a purpose.
      { as: { agency: 'social-policy-bank', roles: ['officer'], scope: ['VN'] }, purpose: 'support-delivery' },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const unit = res.body.data?.adminUnit as {
      name: string;
      parent: { code: string };
      households: { totalCount: number; nodes: HouseholdNode[] };
      productionSupports: { totalCount: number };
      communicationProducts: { totalCount: number };
      lendingSummary: { loanCount: number };
    };
    const inCommune = demo.labor.households.filter((h) => h.communeCode === COMMUNE);
    expect(unit.name).toBe(DEMO_COMMUNES[0].name);
    expect(unit.parent.code).toBe(DEMO_PROVINCE.code);
    expect(unit.households.totalCount).toBe(inCommune.length);
    expect(unit.households.nodes).toHaveLength(inCommune.length);
    expect(unit.communicationProducts.totalCount).toBe(
      demo.cultureInformation.communicationProducts.filter((p) => p.communeCode === COMMUNE).length,
    );
    expect(unit.productionSupports.totalCount).toBe(
      demo.agriculture.productionSupports.filter((s) => s.communeCode === COMMUNE).length,
    );
    expect(unit.lendingSummary.loanCount).toBe(
      demoLoansOwed(demo.socialPolicyBank).filter((l) => l.communeCode === COMMUNE).length,
    );

    // Every household carries exactly its own rows from each agency's database.
    for (const node of unit.households.nodes) {
      expect(node.members).toHaveLength(demo.labor.members.filter((m) => m.householdId === node.id).length);
      expect(node.productionSupports).toHaveLength(
        demo.agriculture.productionSupports.filter((s) => s.householdId === node.id).length,
      );
      expect(node.informationSupports).toHaveLength(
        demo.cultureInformation.informationSupports.filter((s) => s.householdId === node.id).length,
      );
      expect(node.loans.map((l) => l.outstanding).sort()).toEqual(
        demo.socialPolicyBank.loans
          .filter((l) => l.householdId === node.id)
          .map((l) => demoLoanOutstanding(demo.socialPolicyBank, l))
          .sort(),
      );
    }
    // ...and the demo data gives every agency something to show.
    expect(unit.households.nodes.some((n) => n.productionSupports.length && n.informationSupports.length && n.loans.length)).toBe(
      true,
    );
  });

  it('carries VND sums beyond 32-bit Int exactly: province outstanding = sum of its loans', async () => {
    const res = await platform.query(`{ adminUnit(code: "${DEMO_PROVINCE.code}") { lendingSummary { outstanding } } }`);
    const expected = demoLoansOwed(demo.socialPolicyBank).reduce(
      (sum, l) => sum + (demoLoanOutstanding(demo.socialPolicyBank, l) ?? 0),
      0,
    );
    expect(expected).toBeGreaterThan(2_147_483_647);
    expect(res.body.data).toEqual({ adminUnit: { lendingSummary: { outstanding: expected } } });
  });

  it('breaks the province book down by programme: the same loans, outstanding and overdue as the demo book', async () => {
    const asOf = DEMO_LENDING.asOf;
    const res = await platform.query(
      `{ adminUnit(code: "${DEMO_PROVINCE.code}") { lendingSummary(asOf: "${asOf}") { outstanding overdue loanCount byProgramme { programme loanCount outstanding overdue overdueLoanCount } } } }`,
    );
    const expected = new Map<
      string,
      { programme: string; loanCount: number; outstanding: number; overdue: number; overdueLoanCount: number }
    >();
    for (const loan of demoLoansOwed(demo.socialPolicyBank, asOf)) {
      const standing = demoLoanStanding(demo.socialPolicyBank, loan, asOf)!;
      const row = expected.get(loan.program) ?? {
        programme: loan.program,
        loanCount: 0,
        outstanding: 0,
        overdue: 0,
        overdueLoanCount: 0,
      };
      row.loanCount += 1;
      row.outstanding += standing.outstanding;
      row.overdue += standing.overdueAmount;
      if (standing.overdueAmount > 0) row.overdueLoanCount += 1;
      expected.set(loan.program, row);
    }
    type Row = { programme: string; loanCount: number; outstanding: number; overdue: number; overdueLoanCount: number };
    const summary = (
      res.body.data as {
        adminUnit: { lendingSummary: { loanCount: number; outstanding: number; overdue: number; byProgramme: Row[] } };
      }
    ).adminUnit.lendingSummary;
    expect(expected.size).toBeGreaterThan(1);
    expect([...summary.byProgramme].sort((a, b) => a.programme.localeCompare(b.programme))).toEqual(
      [...expected.values()].sort((a, b) => a.programme.localeCompare(b.programme)),
    );
    const sum = (k: 'loanCount' | 'outstanding' | 'overdue') => summary.byProgramme.reduce((t, p) => t + p[k], 0);
    expect([sum('loanCount'), sum('outstanding'), sum('overdue')]).toEqual([
      summary.loanCount,
      summary.outstanding,
      summary.overdue,
    ]);
  });

  it('walks every page of a province once, in order, matching totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 50; guard++) {
      const res = await platform.query(
        `query($p: String!, $after: String) { households(provinceCode: $p, first: 100, after: $after) {
           totalCount nodes { code } pageInfo { hasNextPage endCursor } } }`,
        { p: DEMO_PROVINCE.code, after },
      );
      const page = res.body.data?.households as {
        totalCount: number;
        nodes: { code: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      total = page.totalCount;
      seen.push(...page.nodes.map((n) => n.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(demo.labor.households.length);
    expect(seen).toEqual(demo.labor.households.map((h) => h.code).sort());
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument, never a database error', async () => {
    const res = await platform.query(`{ households(communeCode: "' OR 1=1 --") { totalCount } }`);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeCode' });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|relation|syntax|postgres/i);
    const paging = await platform.query(`{ households(first: 1000) { totalCount } }`);
    expect(paging.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = await platform.query(`{ households(after: "forged") { totalCount } }`);
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('stamps every error with a request id a user can quote', async () => {
    const res = await platform.query(`{ household(id: "nope") { code } }`);
    expect(res.body.errors?.[0]?.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(res.body.errors?.[0]?.extensions?.requestId);
  });

  it("answers the bank's question from the certified reviews: each demo household's category on a date", async () => {
    const res = await platform.query(
      `{ households(provinceCode: "${DEMO_PROVINCE.code}", first: 100) { nodes { id category certifiedCategoryOn(date: "2026-01-01") } } }`,
      undefined,
      { as: { agency: 'social-policy-bank', roles: ['service'], scope: ['VN'], purpose: 'loan-eligibility' }, purpose: null },
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = (res.body.data?.households as { nodes: Array<{ id: string; category: string; certifiedCategoryOn: string }> })
      .nodes;
    expect(nodes).toHaveLength(100);
    // The demo's current categories were built to match its certified 2024-2025 reviews.
    for (const n of nodes) expect([n.id, n.certifiedCategoryOn]).toEqual([n.id, n.category]);
    expect(new Set(nodes.map((n) => n.category))).toEqual(new Set(['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR']));
    expect(demo.labor.reviews).toHaveLength(demo.labor.households.length * 2);
  });

  it('shows the demo province as merged on 1 July 2025: predecessors whole or in part, and each household recorded then and resolved now', async () => {
    const commune = DEMO_COMMUNES[0];
    const household = demo.labor.households[0] as (typeof demo.labor.households)[number];
    const recorded = demo.labor.adminUnits.find((u) => u.id === household.recordedCommuneId);
    const res = await platform.query(
      `query($code: String!, $id: ID!) {
        adminUnit(code: $code) { validFrom predecessors { kind unit { code name validTo } } }
        before: adminUnits(provinceCode: "${DEMO_PROVINCE.code}", asOf: "2025-06-30") { code }
        household(id: $id) { commune { code current } recordedCommune { code name current } }
      }`,
      { code: commune.code, id: household.id },
    );
    expect(res.body.errors).toBeUndefined();
    const expectedPredecessors = [...commune.formedFrom]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((f) => ({ kind: f.kind, unit: { code: f.code, name: f.name, validTo: '2025-07-01' } }));
    const formerCodes = [...new Set(DEMO_COMMUNES.flatMap((c) => c.formedFrom.map((f) => f.code)))].sort();
    expect(res.body.data).toEqual({
      adminUnit: { validFrom: '2025-07-01', predecessors: expectedPredecessors },
      before: formerCodes.map((code) => ({ code })),
      household: {
        commune: { code: household.communeCode, current: true },
        recordedCommune: { code: recorded?.code, name: recorded?.name, current: false },
      },
    });
  });
});
