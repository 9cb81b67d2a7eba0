import { addMonths, certifiedCategoryOn, type ReviewOnList } from '@gnbv/kit';
import { loanEligibility } from '../eligibility/eligibility.rules';
import { loanStanding } from '../loan/loan-standing';
import { repaymentSchedule } from '../loan/loan.rules';
import {
  DISBURSED_STATUS_NAMES,
  ORGANISATIONS,
  owedOn,
  programmeOn,
  type InstalmentRow,
  type LoanRow,
  type LoanStatusName,
  type ProgrammeVersionRow,
  type PurposeCheckRow,
  type RepaymentRow,
  type SavingsGroupMemberRow,
  type SavingsGroupRow,
  type TransactionPointRow,
} from './lending';

/*
 * Everything generated lending rows must obey, as one function listing what does not: the bank's
 * own rules, run from its code (the schedule is its `repaymentSchedule`, a balance its
 * `loanStanding`, eligibility on the disbursement day its `loanEligibility`), its mutations'
 * checks (member of the group on the application day, the amount and term within the programme
 * version, repayments within what is owed, the status each step leaves), and the tables'
 * constraints. Run by the seed's and the demo's tests over what they generate; `lendingStats`
 * sums it up.
 */

export interface LendingData {
  households: readonly { id: string; communeCode: string; provinceCode: string }[];
  reviews: readonly { householdId: string; year: number; classification: string | null; certifiedOn: string | null }[];
  programmes: readonly ProgrammeVersionRow[];
  transactionPoints: readonly TransactionPointRow[];
  savingsGroups: readonly SavingsGroupRow[];
  memberships: readonly SavingsGroupMemberRow[];
  loans: readonly LoanRow[];
  instalments: readonly InstalmentRow[];
  repayments: readonly RepaymentRow[];
  purposeChecks: readonly PurposeCheckRow[];
  /** Nothing is dated after this day (the books' date). */
  asOf: string;
}

export { owedOn };

/** Where a loan stands on a day (the bank's LoanStanding, not exported by name). */
export type LoanStanding = ReturnType<typeof loanStanding>;

const STATUSES: readonly LoanStatusName[] = [
  'APPLIED',
  'APPROVED',
  'REJECTED',
  'DISBURSED',
  'REPAYING',
  'SETTLED',
  'WRITTEN_OFF',
];
const ENTRUSTED = new Set<string>(ORGANISATIONS.map(([o]) => o));

const group = <T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
};

const memberOn = (m: { joinedOn: string; leftOn: string | null }, date: string) =>
  m.joinedOn <= date && (m.leftOn === null || date < m.leftOn);

/** The loans' schedules and repayments, and where a disbursed loan stands on a day (the bank's `loanStanding`). */
export function lendingBook(data: Pick<LendingData, 'loans' | 'instalments' | 'repayments'>) {
  const instalments = group(data.instalments, (i) => i.loanId);
  const repayments = group(data.repayments, (r) => r.loanId);
  return {
    instalments: (loanId: string) => instalments.get(loanId) ?? [],
    repayments: (loanId: string) => repayments.get(loanId) ?? [],
    standing(loan: LoanRow, asOf: string): LoanStanding | null {
      if (loan.disbursedOn === null || loan.annualRatePercent === null) return null;
      return loanStanding(
        {
          disbursedOn: loan.disbursedOn,
          annualRatePercent: loan.annualRatePercent,
          instalments: instalments.get(loan.id) ?? [],
        },
        repayments.get(loan.id) ?? [],
        asOf,
      );
    },
  };
}

/** What breaks a rule, one line each (empty when all is well). */
export function lendingViolations(data: LendingData): string[] {
  const out: string[] = [];
  const { asOf } = data;
  const household = new Map(data.households.map((h) => [h.id, h]));
  const lists = new Map<string, ReviewOnList[]>();
  for (const r of data.reviews) {
    if (r.certifiedOn === null || r.classification === null) continue;
    const list = lists.get(r.householdId) ?? [];
    list.push({ year: r.year, classification: r.classification, certifiedOn: r.certifiedOn });
    lists.set(r.householdId, list);
  }
  const categoryOn = (householdId: string, date: string) => certifiedCategoryOn(lists.get(householdId) ?? [], date);
  const points = new Map(data.transactionPoints.map((p) => [p.id, p]));
  const groups = new Map(data.savingsGroups.map((g) => [g.id, g]));
  const membershipsOf = group(data.memberships, (m) => m.householdId);
  const loansOf = group(data.loans, (l) => l.householdId);
  const checksOf = group(data.purposeChecks, (c) => c.loanId);
  const book = lendingBook(data);
  const programmeIds = new Set(data.programmes.map((p) => p.id));

  const communes = new Set<string>();
  for (const p of data.transactionPoints) {
    if (communes.has(p.communeCode)) out.push(`transaction point ${p.id}: a second one in ${p.communeCode}`);
    communes.add(p.communeCode);
    if (!(Number.isInteger(p.meetingDay) && p.meetingDay >= 1 && p.meetingDay <= 31) || !p.name || !p.place)
      out.push(`transaction point ${p.id}: meeting day or texts`);
  }

  const codes = new Set<string>();
  for (const g of data.savingsGroups) {
    const what = `savings group ${g.code}`;
    if (codes.has(g.code)) out.push(`${what}: code twice`);
    codes.add(g.code);
    const point = points.get(g.transactionPointId);
    if (!point || point.communeCode !== g.communeCode) out.push(`${what}: transaction point of another commune`);
    if (!ENTRUSTED.has(g.entrustedTo)) out.push(`${what}: entrusted to ${g.entrustedTo}`);
    if (g.foundedOn > asOf || !g.village) out.push(`${what}: founded after ${asOf}, or no village`);
    const leader = (membershipsOf.get(g.leaderHouseholdId) ?? []).find((m) => m.savingsGroupId === g.id);
    if (!leader || leader.joinedOn !== g.foundedOn || leader.leftOn !== null)
      out.push(`${what}: its leader is not a member since the founding`);
  }

  for (const [householdId, memberships] of membershipsOf) {
    const h = household.get(householdId);
    const open = new Set<string>();
    for (const m of memberships) {
      const what = `membership ${m.id}`;
      const g = groups.get(m.savingsGroupId);
      if (!h || !g || h.communeCode !== g.communeCode) out.push(`${what}: household or group of another commune`);
      if (g && m.joinedOn < g.foundedOn) out.push(`${what}: joined before the group was founded`);
      if (m.joinedOn > asOf || (m.leftOn !== null && (m.leftOn <= m.joinedOn || m.leftOn > asOf)))
        out.push(`${what}: dates ${m.joinedOn} to ${m.leftOn}`);
      if (m.leftOn === null) {
        if (open.has(m.savingsGroupId)) out.push(`${what}: a second open membership of the group`);
        open.add(m.savingsGroupId);
      }
      for (const other of memberships)
        if (
          other !== m &&
          other.savingsGroupId === m.savingsGroupId &&
          other.joinedOn <= m.joinedOn &&
          (other.leftOn === null || other.leftOn > m.joinedOn) &&
          other.id < m.id
        )
          out.push(`${what}: overlaps another membership of the group`);
    }
  }

  const disbursedSet = new Set<string>();
  for (const loan of data.loans) {
    const what = `loan ${loan.id} (${loan.program}, ${loan.status})`;
    const h = household.get(loan.householdId);
    const g = groups.get(loan.savingsGroupId);
    const memberships = membershipsOf.get(loan.householdId) ?? [];
    if (!STATUSES.includes(loan.status)) out.push(`${what}: status`);
    if (
      !h ||
      !g ||
      g.communeCode !== loan.communeCode ||
      h.communeCode !== loan.communeCode ||
      g.provinceCode !== loan.provinceCode
    )
      out.push(`${what}: household, group and lending commune disagree`);
    if ('outstanding' in loan) out.push(`${what}: carries an outstanding balance (the legacy intake's column)`);
    // The application (applyForLoan).
    if (!memberships.some((m) => m.savingsGroupId === loan.savingsGroupId && memberOn(m, loan.appliedOn)))
      out.push(`${what}: not a member of its group on the application day ${loan.appliedOn}`);
    const applied = programmeOn(data.programmes, loan.program, loan.appliedOn);
    if (!applied) out.push(`${what}: no programme version on the application day`);
    else if (loan.amountRequested > applied.ceilingPerHousehold || loan.termMonths > applied.maxTermMonths)
      out.push(`${what}: asked ${loan.amountRequested} for ${loan.termMonths} months, above the programme's terms`);
    if (!(loan.amountRequested > 0) || !(loan.termMonths >= 1) || !loan.purpose) out.push(`${what}: amount, term or purpose`);
    // The steps and their dates (the table's loan_state_check and loan_dates_in_order).
    const dates = [loan.appliedOn, loan.approvedOn, loan.disbursedOn, loan.settledOn, loan.rejectedOn, loan.writtenOffOn];
    if (dates.some((d) => d !== null && d > asOf)) out.push(`${what}: dated after ${asOf}`);
    if (
      (loan.approvedOn !== null && loan.approvedOn < loan.appliedOn) ||
      (loan.disbursedOn !== null && (loan.approvedOn === null || loan.disbursedOn < loan.approvedOn)) ||
      (loan.rejectedOn !== null &&
        (loan.rejectedOn < loan.appliedOn || (loan.approvedOn !== null && loan.rejectedOn < loan.approvedOn)))
    )
      out.push(`${what}: dates out of order`);
    if (loan.principal !== null && (loan.principal > loan.amountRequested || loan.principal <= 0))
      out.push(`${what}: principal ${loan.principal} of ${loan.amountRequested} asked`);
    const disbursed = DISBURSED_STATUS_NAMES.includes(loan.status);
    const state =
      loan.status === 'APPLIED'
        ? loan.approvedOn === null && loan.disbursedOn === null && loan.principal === null && loan.rejectedOn === null
        : loan.status === 'APPROVED'
          ? loan.approvedOn !== null && loan.principal !== null && loan.disbursedOn === null && loan.rejectedOn === null
          : loan.status === 'REJECTED'
            ? loan.rejectedOn !== null && !!loan.rejectionReason && loan.disbursedOn === null
            : loan.disbursedOn !== null &&
              loan.maturesOn !== null &&
              loan.principal !== null &&
              loan.annualRatePercent !== null &&
              loan.overdueRatePercent !== null &&
              loan.rejectedOn === null &&
              (loan.status === 'SETTLED') === (loan.settledOn !== null) &&
              (loan.status === 'WRITTEN_OFF') === (loan.writtenOffOn !== null && !!loan.writeOffReason);
    if (!state) out.push(`${what}: the status and its fields disagree`);
    if (!disbursed) {
      if (loan.programmeId !== null || loan.categoryAtDisbursement !== null || loan.annualRatePercent !== null)
        out.push(`${what}: disbursement terms before disbursement`);
      if (book.instalments(loan.id).length || book.repayments(loan.id).length || checksOf.has(loan.id))
        out.push(`${what}: a schedule, repayments or checks before disbursement`);
      continue;
    }
    disbursedSet.add(loan.id);
    const on = loan.disbursedOn as string;
    const principal = loan.principal as number;
    // The disbursement (disburseLoan): the version in force that day, its rates, the category
    // certified that day, and the bank's eligibility rule over everything else the household owed.
    const v = programmeOn(data.programmes, loan.program, on);
    if (!v || loan.programmeId !== v.id || !programmeIds.has(loan.programmeId))
      out.push(`${what}: programme version ${loan.programmeId}, in force on ${on}: ${v?.id}`);
    else if (loan.annualRatePercent !== v.annualRatePercent || loan.overdueRatePercent !== v.overdueRatePercent)
      out.push(
        `${what}: rates ${loan.annualRatePercent}/${loan.overdueRatePercent}, the version's ${v.annualRatePercent}/${v.overdueRatePercent}`,
      );
    const category = categoryOn(loan.householdId, on);
    if (loan.categoryAtDisbursement !== category)
      out.push(`${what}: category at disbursement ${loan.categoryAtDisbursement}, the registry's ${category}`);
    if (loan.maturesOn !== addMonths(on, loan.termMonths)) out.push(`${what}: matures ${loan.maturesOn}`);
    const others = (loansOf.get(loan.householdId) ?? []).filter((l) => l !== loan && owedOn(l, on) && l.disbursedOn! < on);
    const eligibility = loanEligibility({
      programme: loan.program,
      on,
      version: v,
      categoryPeriods: category === null ? [] : [{ category, from: on, until: null }],
      householdCommune: h?.communeCode ?? '',
      memberships: memberships.map((m) => ({
        savingsGroupId: m.savingsGroupId,
        communeCode: groups.get(m.savingsGroupId)?.communeCode ?? '',
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
      })),
      lendingGroupId: loan.savingsGroupId,
      loans: others.map((l) => {
        const s = book.standing(l, on) as LoanStanding;
        return { id: l.id, programme: l.program, outstanding: s.outstanding, overdueAmount: s.overdueAmount };
      }),
      amount: principal,
    });
    if (!eligibility.eligible) out.push(`${what}: not eligible on ${on}: ${eligibility.reasons.map((r) => r.code).join(', ')}`);
    // The schedule made at disbursement: the bank's, adding up to the principal.
    const schedule = book.instalments(loan.id).sort((a, b) => a.number - b.number);
    const expected = repaymentSchedule(principal, loan.termMonths, on);
    if (
      JSON.stringify(schedule.map((i) => [i.number, i.dueOn, i.principal])) !==
      JSON.stringify(expected.map((i) => [i.number, i.dueOn, i.principal]))
    )
      out.push(`${what}: its schedule is not the bank's`);
    if (schedule.reduce((s, i) => s + i.principal, 0) !== principal)
      out.push(`${what}: instalments do not add up to the principal`);
    // Repayments: after disbursement, within what is owed, none after the loan closed.
    const repayments = [...book.repayments(loan.id)].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
    let repaid = 0;
    for (const r of repayments) {
      repaid += r.principal;
      if (r.paidOn < on || r.paidOn > asOf) out.push(`${what}: repayment ${r.id} on ${r.paidOn}`);
      if (r.principal < 0 || r.interest < 0 || r.principal + r.interest <= 0) out.push(`${what}: repayment ${r.id} amounts`);
      if (repaid > principal) out.push(`${what}: repaid ${repaid} of a principal of ${principal} by ${r.paidOn}`);
      const closed = loan.settledOn ?? loan.writtenOffOn;
      if (closed !== null && r.paidOn > closed) out.push(`${what}: repayment ${r.id} after the loan closed`);
    }
    const standing = book.standing(loan, asOf) as LoanStanding;
    if (standing.interestPaid > standing.interestDue)
      out.push(`${what}: interest paid ${standing.interestPaid}, due ${standing.interestDue}`);
    const last = repayments.at(-1)?.paidOn ?? null;
    if (loan.status === 'SETTLED' && (standing.outstanding !== 0 || loan.settledOn !== last))
      out.push(`${what}: settled on ${loan.settledOn}, owing ${standing.outstanding}, last repaid ${last}`);
    if (loan.status !== 'SETTLED' && standing.outstanding === 0) out.push(`${what}: nothing owed, not settled`);
    if (loan.status === 'DISBURSED' && repayments.length) out.push(`${what}: repaid, still DISBURSED`);
    if (loan.status === 'REPAYING' && !repayments.length) out.push(`${what}: REPAYING without a repayment`);
    if (loan.status === 'WRITTEN_OFF' && (loan.writtenOffOn as string) < on) out.push(`${what}: written off before disbursement`);
  }

  const loans = new Map(data.loans.map((l) => [l.id, l]));
  for (const c of data.purposeChecks) {
    const loan = loans.get(c.loanId);
    const what = `purpose check ${c.id}`;
    if (!loan || !disbursedSet.has(loan.id)) out.push(`${what}: of a loan not disbursed`);
    else if (c.checkedOn < (loan.disbursedOn as string) || c.checkedOn > asOf) out.push(`${what}: checked on ${c.checkedOn}`);
    if (!['SAVINGS_GROUP', 'INSPECTION'].includes(c.checkedBy) || !['AS_DECLARED', 'WRONG_PURPOSE'].includes(c.finding))
      out.push(`${what}: who or what`);
    if (c.finding === 'WRONG_PURPOSE' && !c.note) out.push(`${what}: WRONG_PURPOSE without a note`);
  }
  return out;
}

/** What the bank's rows come to on the books' day. */
export interface LendingStats {
  loans: number;
  byStatus: Record<LoanStatusName, number>;
  /** Loans owed on the day (DISBURSED or REPAYING then), and those with principal overdue. */
  active: number;
  overdue: number;
  overdueShare: number;
  outstanding: number;
  purposeChecks: number;
  wrongPurposeChecks: number;
  /** Households with a membership, and memberships ended. */
  members: number;
  left: number;
}

export function lendingStats(
  data: Pick<LendingData, 'loans' | 'instalments' | 'repayments' | 'purposeChecks' | 'memberships' | 'asOf'>,
): LendingStats {
  const book = lendingBook(data);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<LoanStatusName, number>;
  let active = 0;
  let overdue = 0;
  let outstanding = 0;
  for (const loan of data.loans) {
    byStatus[loan.status]++;
    if (!owedOn(loan, data.asOf)) continue;
    const s = book.standing(loan, data.asOf) as LoanStanding;
    active++;
    outstanding += s.outstanding;
    if (s.overdueAmount > 0) overdue++;
  }
  return {
    loans: data.loans.length,
    byStatus,
    active,
    overdue,
    overdueShare: active ? overdue / active : 0,
    outstanding,
    purposeChecks: data.purposeChecks.length,
    wrongPurposeChecks: data.purposeChecks.filter((c) => c.finding === 'WRONG_PURPOSE').length,
    members: new Set(data.memberships.map((m) => m.householdId)).size,
    left: data.memberships.filter((m) => m.leftOn !== null).length,
  };
}
