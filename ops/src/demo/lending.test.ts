import { certifiedCategoryOn } from '@gnbv/kit';
import {
  lendingBook,
  lendingStats,
  lendingViolations,
  loanEligibility,
  LoanProgrammeCode,
  MIGRATION_PROGRAMMES,
  ORGANISATIONS,
  owedOn,
  programmeOn,
  type LendingData,
} from '@gnbv/social-policy-bank';
import { buildDemoDataset, DEMO_LENDING, demoLoanOutstanding, demoLoansOwed } from './dataset';

const demo = buildDemoDataset();
const bank = demo.socialPolicyBank;
const { asOf } = DEMO_LENDING;
const data: LendingData = {
  households: demo.labor.households,
  reviews: demo.labor.reviews,
  programmes: MIGRATION_PROGRAMMES,
  ...bank,
  asOf,
};
const book = lendingBook(bank);
const byCode = new Map(demo.labor.households.map((h) => [h.code, h]));
const household = (code: string) => {
  const h = byCode.get(code);
  if (!h) throw new Error(`no demo household ${code}`);
  return h;
};
const loansOf = (code: string) => bank.loans.filter((l) => l.householdId === household(code).id);
const groups = new Map(bank.savingsGroups.map((g) => [g.id, g]));

/** The bank's eligibility rule for a demo household on a day, from the demo's rows. */
function eligibility(code: string, on: string = asOf, programme = LoanProgrammeCode.POOR_HOUSEHOLD) {
  const h = household(code);
  const lists = demo.labor.reviews
    .filter((r) => r.householdId === h.id)
    .map((r) => ({ year: r.year, classification: r.classification as string, certifiedOn: r.certifiedOn as string }));
  const category = certifiedCategoryOn(lists, on);
  return loanEligibility({
    programme,
    on,
    version: programmeOn(MIGRATION_PROGRAMMES, programme, on),
    categoryPeriods: category ? [{ category, from: on, until: null }] : [],
    householdCommune: h.communeCode,
    memberships: bank.memberships
      .filter((m) => m.householdId === h.id)
      .map((m) => ({ ...m, communeCode: groups.get(m.savingsGroupId)?.communeCode as string })),
    loans: bank.loans
      .filter((l) => l.householdId === h.id && owedOn(l, on))
      .map((l) => {
        const s = book.standing(l, on);
        return { id: l.id, programme: l.program, outstanding: s?.outstanding ?? 0, overdueAmount: s?.overdueAmount ?? 0 };
      }),
  });
}

describe("the demo's lending", () => {
  test("breaks none of the bank's rules (lending-check.ts), in every state of a loan", () => {
    expect(lendingViolations(data)).toEqual([]);
    expect(lendingStats(data).byStatus).toEqual(DEMO_LENDING.loansByStatus);
    for (const n of Object.values(DEMO_LENDING.loansByStatus)) expect(n).toBeGreaterThan(0);
  });

  test('a transaction point per commune; two or three groups each, entrusted to all four organisations', () => {
    const communes = new Set(demo.labor.households.map((h) => h.communeCode));
    expect(bank.transactionPoints.map((p) => p.communeCode).sort()).toEqual([...communes].sort());
    for (const c of communes) expect([2, 3]).toContain(bank.savingsGroups.filter((g) => g.communeCode === c).length);
    expect(new Set(bank.savingsGroups.map((g) => g.entrustedTo))).toEqual(new Set(ORGANISATIONS.map(([o]) => o)));
    const first = bank.savingsGroups
      .filter((g) => g.communeCode === DEMO_LENDING.communeCode)
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(first[0]?.code).toBe(DEMO_LENDING.groupCode);
    expect(bank.transactionPoints.find((p) => p.communeCode === DEMO_LENDING.communeCode)?.meetingDay).toBe(
      DEMO_LENDING.meetingDay,
    );
  });

  test('the fixed cases are poor households of the first commune, as DEMO_LENDING says, on the books day', () => {
    const cases = [DEMO_LENDING.poorMemberWithoutLoan, DEMO_LENDING.atCeiling, DEMO_LENDING.overdue, DEMO_LENDING.notMember];
    for (const c of cases) {
      const h = household(c.householdCode);
      expect(h).toMatchObject({ communeCode: DEMO_LENDING.communeCode, category: 'POOR' });
      const e = eligibility(c.householdCode);
      expect({ eligible: e.eligible, headroom: e.headroom, reasons: e.reasons.map((r) => r.code) }).toEqual({
        eligible: c.eligible,
        headroom: c.headroom,
        reasons: c.reasons,
      });
      expect(e.outstandingUnderProgramme).toBe('outstanding' in c ? c.outstanding : 0);
      expect(e).toMatchObject({ category: 'POOR', annualRatePercent: DEMO_LENDING.poorRatePercent });
      expect(e.version?.ceilingPerHousehold).toBe(DEMO_LENDING.poorCeiling);
    }
    const member = bank.memberships.filter(
      (m) => m.householdId === household(DEMO_LENDING.poorMemberWithoutLoan.householdCode).id,
    );
    expect(member.map((m) => [groups.get(m.savingsGroupId)?.code, m.joinedOn, m.leftOn])).toEqual([
      [DEMO_LENDING.groupCode, DEMO_LENDING.poorMemberWithoutLoan.joinedOn, null],
    ]);
    expect(loansOf(DEMO_LENDING.poorMemberWithoutLoan.householdCode)).toEqual([]);
    expect(bank.memberships.filter((m) => m.householdId === household(DEMO_LENDING.notMember.householdCode).id)).toEqual([]);
    expect(loansOf(DEMO_LENDING.notMember.householdCode)).toEqual([]);
  });

  test('at the ceiling: two loans owing exactly 100,000,000, the second for exactly the headroom left', () => {
    const loans = loansOf(DEMO_LENDING.atCeiling.householdCode);
    expect(
      loans.map((l) => ({
        principal: l.principal,
        disbursedOn: l.disbursedOn,
        termMonths: l.termMonths,
        outstanding: demoLoanOutstanding(bank, l),
      })),
    ).toEqual(DEMO_LENDING.atCeiling.loans);
    expect(loans.every((l) => l.status === 'REPAYING' && book.standing(l, asOf)?.overdueAmount === 0)).toBe(true);
    const second = loans[1]?.disbursedOn as string;
    expect(eligibility(DEMO_LENDING.atCeiling.householdCode, `${second.slice(0, 8)}09`).headroom).toBe(50_000_000);
  });

  test('overdue: the first instalment missed, the arrears and days as the bank computes them; the misuse the inspection found', () => {
    const { overdue } = DEMO_LENDING;
    const [loan, ...others] = loansOf(overdue.householdCode);
    expect(others).toEqual([]);
    expect(loan).toMatchObject({ principal: overdue.principal, disbursedOn: overdue.disbursedOn, status: 'REPAYING' });
    expect(book.standing(loan!, asOf)).toMatchObject({
      outstanding: overdue.outstanding,
      overdueAmount: overdue.overdueAmount,
      oldestUnpaidDueOn: overdue.oldestUnpaidDueOn,
      daysOverdue: overdue.daysOverdue,
      interestArrears: overdue.interestArrears,
    });
    const checks = bank.purposeChecks.filter((c) => c.loanId === loan!.id);
    expect(checks.map((c) => [c.checkedBy, c.finding])).toEqual([
      ['SAVINGS_GROUP', 'AS_DECLARED'],
      ['INSPECTION', 'WRONG_PURPOSE'],
    ]);
    expect(checks[1]).toMatchObject(overdue.inspection);
  });

  test('just disbursed, approved, written off', () => {
    const [disbursed] = loansOf(DEMO_LENDING.justDisbursed.householdCode);
    expect(disbursed).toMatchObject({
      principal: DEMO_LENDING.justDisbursed.principal,
      disbursedOn: DEMO_LENDING.justDisbursed.disbursedOn,
      status: 'DISBURSED',
      program: 'NEAR_POOR_HOUSEHOLD',
      categoryAtDisbursement: 'NEAR_POOR',
    });
    expect(bank.repayments.filter((r) => r.loanId === disbursed?.id)).toEqual([]);
    expect(loansOf(DEMO_LENDING.approved.householdCode)).toMatchObject([
      {
        status: 'APPROVED',
        principal: DEMO_LENDING.approved.principal,
        approvedOn: DEMO_LENDING.approved.approvedOn,
        disbursedOn: null,
      },
    ]);
    const [off] = loansOf(DEMO_LENDING.writtenOff.householdCode);
    expect(off).toMatchObject({
      status: 'WRITTEN_OFF',
      program: 'CLEAN_WATER_SANITATION',
      principal: DEMO_LENDING.writtenOff.principal,
      disbursedOn: DEMO_LENDING.writtenOff.disbursedOn,
      writtenOffOn: DEMO_LENDING.writtenOff.writtenOffOn,
      writeOffReason: DEMO_LENDING.writtenOff.reason,
      categoryAtDisbursement: null,
    });
    expect(demoLoanOutstanding(bank, off!)).toBe(DEMO_LENDING.writtenOff.unpaid);
  });

  test("the first commune's and the province's figures on the books day, as the bank's lending summary computes them", () => {
    const summary = (inUnit: (l: (typeof bank.loans)[number]) => boolean) => {
      const owed = demoLoansOwed(bank).filter(inUnit);
      const standings = owed.map((l) => book.standing(l, asOf)!);
      const latest = new Map<string, string>();
      for (const c of [...bank.purposeChecks].sort((a, b) => a.checkedOn.localeCompare(b.checkedOn)))
        latest.set(c.loanId, c.finding);
      return {
        loanCount: owed.length,
        outstanding: standings.reduce((s, x) => s + x.outstanding, 0),
        overdue: standings.reduce((s, x) => s + x.overdueAmount, 0),
        overdueLoanCount: standings.filter((x) => x.overdueAmount > 0).length,
        wrongPurposeLoanCount: bank.loans.filter((l) => inUnit(l) && latest.get(l.id) === 'WRONG_PURPOSE').length,
      };
    };
    expect(summary((l) => l.communeCode === DEMO_LENDING.communeCode)).toEqual(DEMO_LENDING.commune);
    expect(summary(() => true)).toEqual(DEMO_LENDING.province);
    expect(DEMO_LENDING.province.outstanding).toBeGreaterThan(2_147_483_647);
    // Nothing is repaid after the books' day: a balance asked later is the same.
    expect(bank.repayments.every((r) => r.paidOn <= asOf)).toBe(true);
    expect(bank.loans.map((l) => demoLoanOutstanding(bank, l, '2026-12-01'))).toEqual(
      bank.loans.map((l) => demoLoanOutstanding(bank, l)),
    );
  });
});
