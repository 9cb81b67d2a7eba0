import { BOOKS_AS_OF, certifiedCategoryOn, dayOfIso, Random, SEED_RECORDER, type ReviewOnList } from '@gnbv/kit';
import { LoanProgrammeCode } from '../programme/programme.entity';
import type { DemoLending } from './demo';
import {
  generateLending,
  MIGRATION_PROGRAMMES,
  ORGANISATIONS,
  owedOn,
  programmeOn,
  repay,
  type EntrustingOrganisationName,
  type LendingCommune,
  type LendingRows,
  type LoanRow,
  type PurposeCheckRow,
  type Repaying,
  type SavingsGroupRow,
  type TransactionPointRow,
} from './lending';
import { lendingBook } from './lending-check';

/*
 * The Social Policy Bank in the demo province, in the bank's shape: a transaction point per
 * commune, two or three savings groups each (the first two entrusted to the Women's and the
 * Farmers' Union, a third to the Veterans' Association or the Youth Union), memberships, and
 * loans with their schedules, repayments and purpose checks, drawn by the seed's generator
 * (the bank's data/lending.ts) under its own rules. On top of them, fixed cases in the first
 * commune that tests and the explorer can rely on (DEMO_LENDING), all as of the books' day.
 *
 * The books stop on DEMO_LENDING.asOf (2025-12-31): nothing is repaid after it. Asked about a
 * later day, a loan's balance is the same, but the instalments due since are unpaid: overdue
 * figures and eligibility are only fixed for `asOf`, so tests pass it (`on:`, `asOf:`).
 */

/** What the bank's demo needs of a registry household (the demo's labor rows have it). */
export interface DemoHousehold {
  id: string;
  code: string;
  communeCode: string;
  /** Its category now (HouseholdCategory). */
  category: string;
  area: string;
  village: string;
}

/** What the bank's demo needs of a certified review. */
export interface DemoReview {
  householdId: string;
  year: number;
  classification: string | null;
  certifiedOn: string | null;
  deprivedIndicators: readonly number[];
}

/** The demo province as the bank meets it: its communes in order, and households another agency's showcase holds. */
export interface DemoPlace {
  provinceCode: string;
  communes: readonly { code: string; name: string; villages: readonly string[] }[];
  /** Households no fixed lending case may be (the programme's showcase households). */
  reservedHouseholdCodes: readonly string[];
}

/** What the demo's lending contains, for tests and the explorer. Checked against the built data set by lending.test.ts. */
export const DEMO_LENDING = {
  /** The books' day: every figure below is as of this day (nothing is repaid later). */
  asOf: BOOKS_AS_OF,
  /** The commune of the fixed cases: the first demo commune. */
  communeCode: '03160',
  /** Its savings group the fixed cases belong to (the first by code), and its transaction point's meeting day. */
  groupCode: '03160-TK1',
  meetingDay: 10,
  /** The POOR_HOUSEHOLD programme in force: the ceiling per household and the rate. */
  poorCeiling: 100_000_000,
  poorRatePercent: 6.6,
  /** A poor household (poor on both lists), a group member since 2023, no loan: eligible, the whole ceiling as headroom. */
  poorMemberWithoutLoan: {
    householdCode: '03160-0022',
    joinedOn: '2023-03-10',
    eligible: true,
    category: 'POOR',
    outstanding: 0,
    headroom: 100_000_000,
    reasons: [],
  },
  /**
   * A poor member that borrowed 60,000,000 (2025-01-10, 36 months, 10,000,000 repaid on
   * 2025-07-10), then 50,000,000 more on 2025-09-10, exactly the headroom left: it owes the
   * ceiling exactly, headroom 0, nothing overdue.
   */
  atCeiling: {
    householdCode: '03160-0023',
    loans: [
      { principal: 60_000_000, disbursedOn: '2025-01-10', termMonths: 36, outstanding: 50_000_000 },
      { principal: 50_000_000, disbursedOn: '2025-09-10', termMonths: 36, outstanding: 50_000_000 },
    ],
    eligible: false,
    outstanding: 100_000_000,
    headroom: 0,
    reasons: ['CEILING_REACHED'],
  },
  /**
   * A poor member whose 30,000,000 loan (2025-01-10, 36 months) missed its first instalment
   * (5,000,000 due 2025-07-10): it paid the interest until June and nothing since. The commune's
   * inspection found the money used for a motorbike.
   */
  overdue: {
    householdCode: '03160-0034',
    principal: 30_000_000,
    disbursedOn: '2025-01-10',
    outstanding: 30_000_000,
    overdueAmount: 5_000_000,
    oldestUnpaidDueOn: '2025-07-10',
    daysOverdue: 174,
    interestArrears: 990_000,
    headroom: 70_000_000,
    eligible: false,
    reasons: ['OVERDUE_LOAN'],
    inspection: { checkedOn: '2025-09-18', finding: 'WRONG_PURPOSE', note: 'Dùng vốn mua xe máy' },
  },
  /** A poor household in no savings group: not eligible (no group to approve it), headroom the whole ceiling. */
  notMember: {
    householdCode: '03160-0036',
    eligible: false,
    outstanding: 0,
    headroom: 100_000_000,
    reasons: ['NOT_IN_SAVINGS_GROUP'],
  },
  /** A near-poor member whose 40,000,000 NEAR_POOR_HOUSEHOLD loan was disbursed on 2025-12-10: DISBURSED, nothing repaid yet. */
  justDisbursed: { householdCode: '03160-0001', principal: 40_000_000, disbursedOn: '2025-12-10', status: 'DISBURSED' },
  /** A poor member's 50,000,000 loan approved on 2025-12-22, to be disbursed at the next meeting: APPROVED. */
  approved: { householdCode: '03160-0037', principal: 50_000_000, approvedOn: '2025-12-22', status: 'APPROVED' },
  /**
   * A clean-water loan of 20,000,000 (2021-04-10, 60 months) repaid on time until July 2024,
   * nothing after a landslide; written off on 2025-06-20 with 8,000,000 unpaid.
   */
  writtenOff: {
    householdCode: '03160-0042',
    principal: 20_000_000,
    disbursedOn: '2021-04-10',
    writtenOffOn: '2025-06-20',
    unpaid: 8_000_000,
    reason: 'Thiệt hại do lũ quét, sạt lở đất: mất toàn bộ tài sản hình thành từ vốn vay',
  },
  /** The day the commune's loans were inspected. */
  inspectedOn: '2025-09-18',
  /** The whole demo's loans by status. */
  loansByStatus: { APPLIED: 7, APPROVED: 3, REJECTED: 2, DISBURSED: 1, REPAYING: 91, SETTLED: 5, WRITTEN_OFF: 1 },
  /** The first commune's lending on the books' day (the bank's lendingSummary there, asOf). */
  commune: {
    loanCount: 32,
    outstanding: 1_314_800_001,
    overdue: 17_083_332,
    overdueLoanCount: 4,
    wrongPurposeLoanCount: 1,
  },
  /** The province's (every demo loan): loans owed on the books' day, their balance (beyond 32 bits), what is overdue. */
  province: {
    loanCount: 92,
    outstanding: 4_025_541_668,
    overdue: 91_833_332,
    overdueLoanCount: 9,
    wrongPurposeLoanCount: 2,
  },
} as const;

/** The fixed cases, by role, in the order of their selection. */
const CASES = ['poorMemberWithoutLoan', 'atCeiling', 'overdue', 'notMember', 'approved', 'writtenOff'] as const;

/**
 * Where a demo loan stands as the bank computes it (`Loan.outstanding`, `Loan.standing`): the
 * principal less what was repaid by `asOf`; null before disbursement.
 */
/** A demo loan's standing on `asOf` (outstanding, overdue...), by the bank's own rule; null before disbursement. */
export function demoLoanStanding(bank: DemoLending, loan: LoanRow, asOf: string = DEMO_LENDING.asOf) {
  return lendingBook(bank).standing(loan, asOf);
}

export function demoLoanOutstanding(bank: DemoLending, loan: LoanRow, asOf: string = DEMO_LENDING.asOf): number | null {
  return lendingBook(bank).standing(loan, asOf)?.outstanding ?? null;
}

/** The demo loans owed on `asOf` (disbursed by then, not settled or written off): the ones the bank's lendingSummary counts. */
export const demoLoansOwed = (bank: DemoLending, asOf: string = DEMO_LENDING.asOf): LoanRow[] =>
  bank.loans.filter((l) => owedOn(l, asOf));

/** Draws a loan's day-to-day fields the way the bank's mutations set them, for the fixed cases. */
function fixedLoan(
  rnd: Random,
  household: DemoHousehold,
  lists: readonly ReviewOnList[],
  group: SavingsGroupRow,
  spec: {
    code: LoanProgrammeCode;
    principal: number;
    term: number;
    purpose: string;
    appliedOn: string;
    approvedOn: string;
    disbursedOn: string;
    how: Repaying;
  },
  meetingDay: number,
  out: DemoLending,
): LoanRow {
  const v = programmeOn(MIGRATION_PROGRAMMES, spec.code, spec.disbursedOn);
  if (!v) throw new Error(`demo: no ${spec.code} version on ${spec.disbursedOn}`);
  const id = rnd.uuid();
  const outcome = repay(
    {
      id,
      principal: spec.principal,
      termMonths: spec.term,
      annualRatePercent: v.annualRatePercent,
      disbursedOn: spec.disbursedOn,
    },
    spec.how,
    meetingDay,
    DEMO_LENDING.asOf,
    () => rnd.uuid(),
  );
  const loan: LoanRow = {
    id,
    householdId: household.id,
    communeCode: group.communeCode,
    provinceCode: group.provinceCode,
    savingsGroupId: group.id,
    program: spec.code,
    programmeId: v.id,
    status: outcome.status,
    amountRequested: spec.principal,
    termMonths: spec.term,
    principal: spec.principal,
    annualRatePercent: v.annualRatePercent,
    overdueRatePercent: v.overdueRatePercent,
    purpose: spec.purpose,
    appliedOn: spec.appliedOn,
    approvedOn: spec.approvedOn,
    disbursedOn: spec.disbursedOn,
    maturesOn: outcome.maturesOn,
    settledOn: outcome.settledOn,
    rejectedOn: null,
    rejectionReason: null,
    writtenOffOn: outcome.writtenOffOn,
    writeOffReason: outcome.writeOffReason,
    categoryAtDisbursement: certifiedCategoryOn(lists, spec.disbursedOn),
    recordedBy: SEED_RECORDER,
  };
  out.loans.push(loan);
  out.instalments.push(...outcome.instalments);
  out.repayments.push(...outcome.repayments);
  return loan;
}

/**
 * The bank's rows of the demo: `groups` are the savings groups the demo's main stream drew
 * (ids), two per commune in `place.communes` order; everything else comes from `seed`, a stream of
 * its own, so the registry's rows do not depend on it.
 */
export function buildDemoLending(
  registry: { households: readonly DemoHousehold[]; reviews: readonly DemoReview[] },
  groups: readonly { id: string; communeCode: string; entrustedTo: EntrustingOrganisationName }[],
  seed: number,
  place: DemoPlace,
): DemoLending {
  const rnd = new Random(seed);
  const out: DemoLending = {
    transactionPoints: [],
    savingsGroups: [],
    memberships: [],
    loans: [],
    instalments: [],
    repayments: [],
    purposeChecks: [],
  };
  const rows: LendingRows = out;
  const listsOf = new Map<string, ReviewOnList[]>();
  const deprivedNow = new Map<string, readonly number[]>();
  for (const r of registry.reviews) {
    if (r.certifiedOn === null || r.classification === null) continue;
    listsOf.set(r.householdId, [
      ...(listsOf.get(r.householdId) ?? []),
      { year: r.year, classification: r.classification, certifiedOn: r.certifiedOn },
    ]);
    if (r.year === 2025) deprivedNow.set(r.householdId, r.deprivedIndicators);
  }
  const lists = (h: DemoHousehold) => listsOf.get(h.id) ?? [];

  place.communes.forEach((commune, c) => {
    const households = registry.households.filter((h) => h.communeCode === commune.code);
    const first = commune.code === DEMO_LENDING.communeCode;
    const where = commune.name.charAt(0).toLowerCase() + commune.name.slice(1);
    const point: TransactionPointRow = {
      id: rnd.uuid(),
      communeCode: commune.code,
      provinceCode: place.provinceCode,
      name: `Điểm giao dịch ${where}`,
      place: `Hội trường UBND ${where}`,
      meetingDay: first ? DEMO_LENDING.meetingDay : rnd.int(5, 25),
    };
    out.transactionPoints.push(point);

    // The fixed cases: poor households on both lists, not in the programme's showcase, by code;
    // the near-poor one on the near-poor list since 2024.
    const fixed = new Map<string, DemoHousehold>();
    if (first) {
      const poor = households
        .filter((h) => h.category === ('POOR' as never) && !place.reservedHouseholdCodes.includes(h.code))
        .sort((a, b) => a.code.localeCompare(b.code));
      CASES.forEach((role, i) => fixed.set(role, poor[i] as DemoHousehold));
      const nearPoor = households
        .filter((h) => certifiedCategoryOn(lists(h), '2025-01-01') === 'NEAR_POOR' && h.category === ('NEAR_POOR' as never))
        .sort((a, b) => a.code.localeCompare(b.code))[0];
      fixed.set('justDisbursed', nearPoor as DemoHousehold);
      if ([...fixed.values()].some((h) => h === undefined)) throw new Error('demo: not enough households for the lending cases');
    }
    const isFixed = new Set([...fixed.values()]);

    // Two groups from the main stream; a third in the second and third communes.
    const own = groups.filter((g) => g.communeCode === commune.code).map((g) => ({ ...g }));
    if (c === 1 || c === 2)
      own.push({ id: rnd.uuid(), communeCode: commune.code, entrustedTo: c === 1 ? 'VETERANS_ASSOCIATION' : 'YOUTH_UNION' });
    const leaders = new Map<string, number>();
    const savingsGroups = own.map((g, i): SavingsGroupRow => {
      const village = commune.villages[i % commune.villages.length] as string;
      const candidates = households.filter((h) => h.village === village && !isFixed.has(h) && !leaders.has(h.id));
      const leader = rnd.pick(candidates.length ? candidates : households.filter((h) => !isFixed.has(h) && !leaders.has(h.id)));
      leaders.set(leader.id, i);
      const orgName = (ORGANISATIONS.find(([o]) => o === g.entrustedTo) as [string, string])[1];
      return {
        id: g.id,
        code: `${commune.code}-TK${i + 1}`,
        name: `Tổ TK&VV ${village} (${orgName})`,
        communeCode: commune.code,
        provinceCode: place.provinceCode,
        entrustedTo: g.entrustedTo,
        village,
        leaderHouseholdId: leader.id,
        foundedOn: rnd.date('2005-01-01', '2015-12-31'),
        transactionPointId: point.id,
      };
    });
    out.savingsGroups.push(...savingsGroups);
    const lending: LendingCommune = {
      groups: savingsGroups,
      meetingDay: point.meetingDay,
      inspectedOn: first ? DEMO_LENDING.inspectedOn : rnd.chance(0.5) ? rnd.date('2025-03-01', '2025-11-30') : null,
    };

    for (const h of households) {
      if (isFixed.has(h)) continue;
      const deprived = deprivedNow.get(h.id) ?? [];
      generateLending(
        rnd,
        {
          id: h.id,
          lists: lists(h),
          villageIndex: (commune.villages as readonly string[]).indexOf(h.village),
          waterNeed: h.area === ('RURAL' as never) && (deprived.includes(9) || deprived.includes(10)),
          leads: leaders.get(h.id) ?? null,
        },
        lending,
        MIGRATION_PROGRAMMES,
        { membership: () => rnd.uuid(), loan: () => rnd.uuid(), repayment: () => rnd.uuid(), check: () => rnd.uuid() },
        rows,
        DEMO_LENDING.asOf,
      );
    }
    if (first) addFixedCases(rnd, fixed, savingsGroups[0] as SavingsGroupRow, point.meetingDay, lists, out);
  });
  return out;
}

/** The fixed cases of DEMO_LENDING, in its group. */
function addFixedCases(
  rnd: Random,
  fixed: ReadonlyMap<string, DemoHousehold>,
  group: SavingsGroupRow,
  meetingDay: number,
  lists: (h: DemoHousehold) => readonly ReviewOnList[],
  out: DemoLending,
): void {
  const join = (h: DemoHousehold, joinedOn: string) =>
    out.memberships.push({
      id: rnd.uuid(),
      savingsGroupId: group.id,
      householdId: h.id,
      joinedOn,
      leftOn: null,
      recordedBy: SEED_RECORDER,
    });
  const loan = (h: DemoHousehold, spec: Parameters<typeof fixedLoan>[4]) =>
    fixedLoan(rnd, h, lists(h), group, spec, meetingDay, out);
  const poor = LoanProgrammeCode.POOR_HOUSEHOLD;

  join(fixed.get('poorMemberWithoutLoan') as DemoHousehold, DEMO_LENDING.poorMemberWithoutLoan.joinedOn);

  const atCeiling = fixed.get('atCeiling') as DemoHousehold;
  join(atCeiling, '2022-05-10');
  loan(atCeiling, {
    code: poor,
    principal: 60_000_000,
    term: 36,
    purpose: 'Mua 2 con bò sinh sản',
    appliedOn: '2024-12-20',
    approvedOn: '2024-12-30',
    disbursedOn: '2025-01-10',
    how: { kind: 'ON_TIME' },
  });
  loan(atCeiling, {
    code: poor,
    principal: 50_000_000,
    term: 36,
    purpose: 'Trồng cà phê',
    appliedOn: '2025-08-15',
    approvedOn: '2025-08-28',
    disbursedOn: '2025-09-10',
    how: { kind: 'ON_TIME' },
  });

  const overdue = fixed.get('overdue') as DemoHousehold;
  join(overdue, '2021-08-10');
  const late = loan(overdue, {
    code: poor,
    principal: 30_000_000,
    term: 36,
    purpose: 'Nuôi lợn nái sinh sản',
    appliedOn: '2024-12-18',
    approvedOn: '2024-12-27',
    disbursedOn: '2025-01-10',
    how: { kind: 'MISSED', from: 6, interestOnly: false },
  });
  const check = (checkedOn: string, checkedBy: PurposeCheckRow['checkedBy'], note: string | null) =>
    out.purposeChecks.push({
      id: rnd.uuid(),
      loanId: late.id,
      checkedOn,
      checkedBy,
      finding: note === null ? 'AS_DECLARED' : 'WRONG_PURPOSE',
      note,
      recordedBy: SEED_RECORDER,
    });
  check('2025-02-20', 'SAVINGS_GROUP', null);
  check(DEMO_LENDING.overdue.inspection.checkedOn, 'INSPECTION', DEMO_LENDING.overdue.inspection.note);

  const nearPoor = fixed.get('justDisbursed') as DemoHousehold;
  join(nearPoor, '2024-03-10');
  loan(nearPoor, {
    code: LoanProgrammeCode.NEAR_POOR_HOUSEHOLD,
    principal: DEMO_LENDING.justDisbursed.principal,
    term: 24,
    purpose: 'Nuôi gà thả vườn',
    appliedOn: '2025-11-20',
    approvedOn: '2025-11-28',
    disbursedOn: DEMO_LENDING.justDisbursed.disbursedOn,
    how: { kind: 'ON_TIME' },
  });
  // notMember: no membership, no loan.

  const approved = fixed.get('approved') as DemoHousehold;
  join(approved, '2020-11-10');
  out.loans.push({
    id: rnd.uuid(),
    householdId: approved.id,
    communeCode: group.communeCode,
    provinceCode: group.provinceCode,
    savingsGroupId: group.id,
    program: poor,
    programmeId: null,
    status: 'APPROVED',
    amountRequested: 60_000_000,
    termMonths: 48,
    principal: DEMO_LENDING.approved.principal,
    annualRatePercent: null,
    overdueRatePercent: null,
    purpose: 'Mua 1 con trâu cái sinh sản',
    appliedOn: '2025-12-05',
    approvedOn: DEMO_LENDING.approved.approvedOn,
    disbursedOn: null,
    maturesOn: null,
    settledOn: null,
    rejectedOn: null,
    rejectionReason: null,
    writtenOffOn: null,
    writeOffReason: null,
    categoryAtDisbursement: null,
    recordedBy: SEED_RECORDER,
  });

  const writtenOff = fixed.get('writtenOff') as DemoHousehold;
  join(writtenOff, '2019-05-10');
  loan(writtenOff, {
    code: LoanProgrammeCode.CLEAN_WATER_SANITATION,
    principal: DEMO_LENDING.writtenOff.principal,
    term: 60,
    purpose: 'Nước sạch và nhà vệ sinh',
    appliedOn: '2021-03-15',
    approvedOn: '2021-03-25',
    disbursedOn: DEMO_LENDING.writtenOff.disbursedOn,
    how: {
      kind: 'WRITTEN_OFF',
      from: 40,
      on: dayOfIso(DEMO_LENDING.writtenOff.writtenOffOn),
      reason: DEMO_LENDING.writtenOff.reason,
    },
  });
}
