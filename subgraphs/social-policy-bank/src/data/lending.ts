import {
  BOOKS_AS_OF,
  certifiedCategoryOn,
  dayFromCivil,
  dayOfIso,
  isoOfDay,
  SEED_RECORDER,
  type CategoryName,
  type Random,
  type ReviewOnList,
} from '@gnbv/kit';
import { EligibilityReasonCode, loanEligibility } from '../eligibility/eligibility.rules';
import { loanStanding } from '../loan/loan-standing';
import { DISBURSED_STATUSES, type LoanStatus, type PurposeCheckBy, type PurposeFinding } from '../loan/loan.entity';
import { repaymentSchedule } from '../loan/loan.rules';
import { LoanProgrammeCode } from '../programme/programme.entity';
import { inForce, type ProgrammeVersion } from '../programme/programme.rules';
import type { EntrustingOrganisation } from '../savings-group/savings-group.entity';

/*
 * The bank's rows as the seed and the demo write them (table specs in tables.ts), in the shape of the bank's
 * migrations up to LoanLifecycle1764300200000 (transaction points, savings groups and their
 * members, loans through their whole life, repayment schedules, repayments, purpose checks), and
 * the generator of one household's lending, shared by both so they tell the same story. Rows are
 * written in the new shape directly: the legacy intake trigger of the bank lets them through
 * (status not CURRENT/OVERDUE/REPAID, `outstanding` null, as the migration requires).
 *
 * Every loan follows the bank's own rules, as its mutations would have recorded it:
 * - applied for through a savings group the household belongs to on the application day, for at
 *   most the programme's ceiling and maximum term (applyForLoan);
 * - approved for the amount asked or less (approveLoan), then disbursed on a meeting day of the
 *   commune's transaction point only if the bank's eligibility rule (`loanEligibility`) says yes
 *   that day: the category certified that day qualifies, the household is a member of the
 *   lending group, what it owes under the programme plus the loan is within the ceiling, and no
 *   loan of it is overdue. Otherwise it is rejected, with the reason. The programme version is
 *   the one in force on the disbursement day; rates are copied from it; the schedule is the
 *   bank's `repaymentSchedule`; `category_at_disbursement` is the certified category that day;
 * - repaid on meeting days: each month the interest the bank's `loanStanding` charges (the
 *   balance at the start of the month times the rate / 12) and the principal falling due. Some
 *   borrowers miss instalments (overdue on the books' day), a few repay early (settled), a few
 *   loans are written off after payments stopped; settledOn is the day of the last repayment;
 * - checked for their use by the group and by an inspection of the commune; the misuse found
 *   (WRONG_PURPOSE, with a note) is what inspections reported.
 */

export type LoanStatusName = `${LoanStatus}`;
export type EntrustingOrganisationName = `${EntrustingOrganisation}`;
export type PurposeCheckByName = `${PurposeCheckBy}`;
export type PurposeFindingName = `${PurposeFinding}`;

/** The statuses of a loan that was disbursed. */
export const DISBURSED_STATUS_NAMES: readonly LoanStatusName[] = DISBURSED_STATUSES;

/** A version of a lending programme (a row of `loan_programme`), as the rules read it. */
export type ProgrammeVersionRow = ProgrammeVersion;

/** A row of `transaction_point`. */
export interface TransactionPointRow {
  id: string;
  communeCode: string;
  provinceCode: string;
  name: string;
  place: string;
  /** Day of the month the bank meets borrowers there (1-28 here: every month has it). */
  meetingDay: number;
}

/** A row of `savings_group`. */
export interface SavingsGroupRow {
  id: string;
  code: string;
  name: string;
  communeCode: string;
  provinceCode: string;
  entrustedTo: EntrustingOrganisationName;
  village: string;
  /** A member household, from the founding day on. */
  leaderHouseholdId: string;
  foundedOn: string;
  transactionPointId: string;
}

/** A row of `savings_group_member`: a membership over [joinedOn, leftOn). */
export interface SavingsGroupMemberRow {
  id: string;
  savingsGroupId: string;
  householdId: string;
  joinedOn: string;
  leftOn: string | null;
  recordedBy: string;
}

/** A row of `loan` in the shape of LoanLifecycle1764300200000 (`outstanding` is left null: it is the legacy intake's). */
export interface LoanRow {
  id: string;
  householdId: string;
  /** The lending commune: the savings group's. */
  communeCode: string;
  provinceCode: string;
  savingsGroupId: string;
  program: LoanProgrammeCode;
  /** The programme version in force on the disbursement day; null before disbursement. */
  programmeId: string | null;
  status: LoanStatusName;
  amountRequested: number;
  termMonths: number;
  /** The amount approved and lent; null while only applied for. */
  principal: number | null;
  annualRatePercent: number | null;
  overdueRatePercent: number | null;
  purpose: string;
  appliedOn: string;
  approvedOn: string | null;
  disbursedOn: string | null;
  maturesOn: string | null;
  settledOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  writtenOffOn: string | null;
  writeOffReason: string | null;
  categoryAtDisbursement: CategoryName | null;
  recordedBy: string;
}

/** A row of `loan_instalment`. */
export interface InstalmentRow {
  loanId: string;
  number: number;
  dueOn: string;
  principal: number;
}

/** A row of `loan_repayment`. */
export interface RepaymentRow {
  id: string;
  loanId: string;
  paidOn: string;
  principal: number;
  interest: number;
  note: string | null;
  recordedBy: string;
}

/** A row of `loan_purpose_check`. */
export interface PurposeCheckRow {
  id: string;
  loanId: string;
  checkedOn: string;
  checkedBy: PurposeCheckByName;
  finding: PurposeFindingName;
  /** Required for WRONG_PURPOSE. */
  note: string | null;
  recordedBy: string;
}

const overdueRate = (rate: number) => Math.round(rate * 1.3 * 1000) / 1000;
const version = (
  n: number,
  code: LoanProgrammeCode,
  validFrom: string,
  validTo: string | null,
  rate: number,
  ceiling: number,
  term: number,
  qualifying: string[],
): ProgrammeVersionRow => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  code,
  validFrom,
  validTo,
  annualRatePercent: rate,
  overdueRatePercent: overdueRate(rate),
  ceilingPerHousehold: ceiling,
  maxTermMonths: term,
  qualifyingCategories: qualifying,
});

/**
 * The programme versions migration LoanProgrammes1764300000000 writes (lending.test.ts checks
 * this copy against the migration), with placeholder ids: the database gives each version an id
 * of its own. The seed generates with the versions it reads from the bank's database; the demo
 * with these, its loader putting the database's ids in their place (by code and validFrom).
 */
export const MIGRATION_PROGRAMMES: readonly ProgrammeVersionRow[] = [
  version(1, LoanProgrammeCode.POOR_HOUSEHOLD, '2010-01-01', '2022-07-01', 6.6, 50_000_000, 120, ['POOR']),
  version(2, LoanProgrammeCode.POOR_HOUSEHOLD, '2022-07-01', null, 6.6, 100_000_000, 120, ['POOR']),
  version(3, LoanProgrammeCode.NEAR_POOR_HOUSEHOLD, '2010-01-01', null, 7.92, 100_000_000, 120, ['NEAR_POOR']),
  version(4, LoanProgrammeCode.NEWLY_ESCAPED_HOUSEHOLD, '2010-01-01', null, 8.25, 100_000_000, 60, ['NEWLY_ESCAPED']),
  version(5, LoanProgrammeCode.CLEAN_WATER_SANITATION, '2010-01-01', null, 9, 25_000_000, 60, []),
  version(6, LoanProgrammeCode.JOB_CREATION, '2010-01-01', null, 7.92, 100_000_000, 120, []),
];

/** The version of `code` in force on `date` (the table never holds two), or null. */
export function programmeOn(
  programmes: readonly ProgrammeVersionRow[],
  code: LoanProgrammeCode,
  date: string,
): ProgrammeVersionRow | null {
  for (const v of programmes) if (v.code === code && inForce(v, date)) return v;
  return null;
}

/** The programme a household of a certified category borrows under (null: none lends to it by category). */
export const PROGRAMME_OF_CATEGORY: Readonly<Record<CategoryName, LoanProgrammeCode | null>> = {
  POOR: LoanProgrammeCode.POOR_HOUSEHOLD,
  NEAR_POOR: LoanProgrammeCode.NEAR_POOR_HOUSEHOLD,
  NEWLY_ESCAPED: LoanProgrammeCode.NEWLY_ESCAPED_HOUSEHOLD,
  NOT_POOR: null,
};

// ---------------------------------------------------------------------------------------------
// Words

export const ORGANISATIONS: readonly [EntrustingOrganisationName, string][] = [
  ['WOMENS_UNION', 'Hội Phụ nữ'],
  ['FARMERS_UNION', 'Hội Nông dân'],
  ['VETERANS_ASSOCIATION', 'Hội Cựu chiến binh'],
  ['YOUTH_UNION', 'Đoàn Thanh niên'],
];

/** Declared purposes of the programme loans: production, business, and a few allowed needs. */
export const PRODUCTION_PURPOSES = [
  'Mua 2 con bò sinh sản',
  'Mua 1 con trâu cái sinh sản',
  'Trồng cà phê',
  'Nuôi lợn nái sinh sản',
  'Nuôi gà thả vườn',
  'Nuôi cá ao',
  'Trồng cây ăn quả',
  'Trồng rừng sản xuất (keo)',
  'Nuôi dê sinh sản',
  'Mua máy cày mini phục vụ sản xuất',
  'Mở quán tạp hóa nhỏ',
  'Mua máy khâu, nhận may gia công',
  'Sửa chữa nhà ở',
  'Chi phí học tập cho con',
] as const;
export const WATER_PURPOSES = [
  'Nước sạch và nhà vệ sinh',
  'Xây bể chứa nước sinh hoạt',
  'Làm nhà tiêu hợp vệ sinh',
  'Lắp đặt thiết bị lọc nước sinh hoạt',
] as const;
/** What inspections found the money used for instead. */
export const MISUSES = [
  'Dùng vốn mua xe máy',
  'Dùng vốn mua điện thoại, ti vi',
  'Dùng vốn trả nợ vay bên ngoài',
  'Cho người khác vay lại',
  'Dùng vốn chi tiêu sinh hoạt, tổ chức đám cưới',
  'Dùng vốn xây nhà, không đầu tư sản xuất như phương án vay',
] as const;
const GROUP_REJECTIONS = [
  'Tổ TK&VV không bình xét: phương án sử dụng vốn chưa khả thi',
  'Hộ xin rút hồ sơ vay',
  'Tổ TK&VV không bình xét: hộ chưa tham gia gửi tiết kiệm theo quy định của tổ',
];
/** Why the bank refused to disburse, by the eligibility rule's first reason. */
const REFUSALS: Partial<Record<EligibilityReasonCode, string>> = {
  [EligibilityReasonCode.OVERDUE_LOAN]: 'Hộ đang có nợ quá hạn tại NHCSXH: chưa cho vay mới',
  [EligibilityReasonCode.CEILING_REACHED]: 'Dư nợ của hộ đã bằng mức cho vay tối đa của chương trình',
  [EligibilityReasonCode.AMOUNT_ABOVE_HEADROOM]: 'Vượt mức cho vay tối đa đối với hộ',
  [EligibilityReasonCode.CATEGORY_NOT_ELIGIBLE]: 'Hộ không thuộc đối tượng của chương trình tại thời điểm giải ngân',
  [EligibilityReasonCode.NO_CERTIFIED_REVIEW]: 'Hộ chưa có kết quả rà soát được phê duyệt',
  [EligibilityReasonCode.NOT_IN_SAVINGS_GROUP]: 'Hộ không còn là thành viên tổ TK&VV',
};
const WRITE_OFFS = [
  'Người vay chết, không có người thừa kế nghĩa vụ trả nợ',
  'Thiệt hại do lũ quét, sạt lở đất: mất toàn bộ tài sản hình thành từ vốn vay',
  'Người vay mắc bệnh hiểm nghèo, mất khả năng lao động, hộ không còn tài sản',
];

// ---------------------------------------------------------------------------------------------
// Calendar on day numbers (the generator makes many dates)

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** The day `k` months after the civil date (y, m, d), clamped to the month's end: the kit's addMonths. */
function monthsAfter(y: number, m: number, d: number, k: number): { day: number; y: number; m: number; dom: number } {
  const index = y * 12 + (m - 1) + k;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const dom = Math.min(d, daysInMonth(ny, nm));
  return { day: dayFromCivil(ny, nm, dom), y: ny, m: nm, dom };
}

const civil = (iso: string) => [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))] as const;

/** The transaction point's meeting on or after `day`. */
export function meetingOnOrAfter(day: number, meetingDay: number): number {
  const [y, m, d] = civil(isoOfDay(day));
  if (d <= meetingDay) return dayFromCivil(y, m, meetingDay);
  return monthsAfter(y, m, meetingDay, 1).day;
}

/** The meeting on or before a due day (y, m, dom): that month's, or the month before's if it comes later in the month. */
function meetingOnOrBefore(y: number, m: number, dom: number, meetingDay: number): number {
  if (meetingDay <= dom) return dayFromCivil(y, m, meetingDay);
  return monthsAfter(y, m, meetingDay, -1).day;
}

// ---------------------------------------------------------------------------------------------
// A disbursed loan's repayments

/** How a borrower repays. Month k is the k-th month after disbursement, its interest and principal due at its end. */
export type Repaying =
  /** Every month's interest and the principal due, on the meeting day on or before the due day. */
  | { kind: 'ON_TIME' }
  /** From month `from` on, no principal; interest still paid if `interestOnly`, else nothing. */
  | { kind: 'MISSED'; from: number; interestOnly: boolean }
  /** On time until month `month`, whose payment repays all the principal left. */
  | { kind: 'EARLY'; month: number }
  /** On time until month `from`, nothing after; written off on `on`. */
  | { kind: 'WRITTEN_OFF'; from: number; on: number; reason: string };

/** What a disbursed loan's repayment history comes to on the books' day. */
export interface RepaymentOutcome {
  instalments: InstalmentRow[];
  repayments: RepaymentRow[];
  status: LoanStatusName;
  maturesOn: string;
  settledOn: string | null;
  writtenOffOn: string | null;
  writeOffReason: string | null;
}

/** The most repayment rows one loan gets (the seed derives their ids from a block of this size). */
export const MAX_REPAYMENTS = 120;

/**
 * The schedule (the bank's `repaymentSchedule`) and repayments of a loan disbursed on
 * `disbursedOn`, up to `asOf`: interest exactly as `loanStanding` charges it, so an on-time
 * borrower owes no interest either.
 */
export function repay(
  loan: { id: string; principal: number; termMonths: number; annualRatePercent: number; disbursedOn: string },
  how: Repaying,
  meetingDay: number,
  asOf: string,
  repaymentId: (n: number) => string,
): RepaymentOutcome {
  const schedule = repaymentSchedule(loan.principal, loan.termMonths, loan.disbursedOn);
  const instalments = schedule.map((i) => ({ loanId: loan.id, number: i.number, dueOn: i.dueOn, principal: i.principal }));
  const [y, m, d] = civil(loan.disbursedOn);
  const dueAt = new Map<number, number>();
  for (let i = 0; i < schedule.length; i++) {
    const month = Math.min(6 * (i + 1), loan.termMonths);
    dueAt.set(month, (schedule[i] as { principal: number }).principal);
  }
  const asOfDay = dayOfIso(asOf);
  const horizon = how.kind === 'WRITTEN_OFF' ? Math.min(asOfDay, how.on) : asOfDay;
  const repayments: RepaymentRow[] = [];
  let repaid = 0;
  let lastPaid = -1;
  for (let k = 0; ; k++) {
    const end = monthsAfter(y, m, d, k + 1);
    if (end.day > horizon) break;
    const balance = loan.principal - repaid;
    if (balance === 0) break;
    // As loanStanding: the balance at the start of the month, times the rate / 12, rounded.
    const interest = Math.round((balance * loan.annualRatePercent) / 100 / 12);
    const due = dueAt.get(k + 1) ?? 0;
    let principal = due;
    let interestPaid = interest;
    if (how.kind === 'MISSED' && k + 1 >= how.from) {
      principal = 0;
      if (!how.interestOnly) interestPaid = 0;
    } else if (how.kind === 'WRITTEN_OFF' && k + 1 >= how.from) {
      principal = 0;
      interestPaid = 0;
    } else if (how.kind === 'EARLY' && k + 1 === how.month) principal = balance;
    // Principal never above what is owed (a missed instalment is not caught up here).
    principal = Math.min(principal, balance);
    if (principal + interestPaid === 0) continue;
    const paid = meetingOnOrBefore(end.y, end.m, end.dom, meetingDay);
    if (repayments.length >= MAX_REPAYMENTS) throw new RangeError(`loan ${loan.id}: more than ${MAX_REPAYMENTS} repayments`);
    repayments.push({
      id: repaymentId(repayments.length),
      loanId: loan.id,
      paidOn: isoOfDay(paid),
      principal,
      interest: interestPaid,
      note: null,
      recordedBy: SEED_RECORDER,
    });
    repaid += principal;
    lastPaid = paid;
  }
  const settled = repaid === loan.principal;
  const writtenOff = !settled && how.kind === 'WRITTEN_OFF' && how.on <= asOfDay;
  return {
    instalments,
    repayments,
    status: settled ? 'SETTLED' : writtenOff ? 'WRITTEN_OFF' : repayments.length ? 'REPAYING' : 'DISBURSED',
    maturesOn: isoOfDay(monthsAfter(y, m, d, loan.termMonths).day),
    settledOn: settled ? isoOfDay(lastPaid) : null,
    writtenOffOn: writtenOff ? isoOfDay((how as { on: number }).on) : null,
    writeOffReason: writtenOff ? (how as { reason: string }).reason : null,
  };
}

// ---------------------------------------------------------------------------------------------
// One household's lending

/** A savings group as the generator needs it. */
export interface LendingGroup {
  id: string;
  communeCode: string;
  provinceCode: string;
  foundedOn: string;
}

/** What the generator needs of the household's commune. */
export interface LendingCommune {
  groups: readonly LendingGroup[];
  /** The transaction point's meeting day. */
  meetingDay: number;
  /** The day an inspection checked the commune's loans, if one did. */
  inspectedOn: string | null;
}

/** What the generator needs of a household. */
export interface LendingHousehold {
  id: string;
  /** Its certified reviews (the registry's lists). */
  lists: readonly ReviewOnList[];
  /** Its village's place among the commune's villages: its group is the commune's groups[villageIndex mod groups]. */
  villageIndex: number;
  /** Deprived of clean water or a hygienic latrine (indicators 9, 10): it may borrow for them. */
  waterNeed: boolean;
  /** The group (index) it leads, a member since the group's founding; null for most. */
  leads: number | null;
}

/** Ids for the rows of one household: memberships, loans, and each loan's repayments and checks. */
export interface LendingIds {
  membership: (n: number) => string;
  loan: (n: number) => string;
  repayment: (loan: number, n: number) => string;
  check: (loan: number, n: number) => string;
}

export interface LendingRows {
  memberships: SavingsGroupMemberRow[];
  loans: LoanRow[];
  instalments: InstalmentRow[];
  repayments: RepaymentRow[];
  purposeChecks: PurposeCheckRow[];
}

/** A loan and its movements, while a household's book is made. */
interface Booked {
  row: LoanRow;
  instalments: InstalmentRow[];
  repayments: RepaymentRow[];
}

/** A loan asked for: its programme, days and amounts, before the rules decide what became of it. */
interface Intent {
  code: LoanProgrammeCode;
  applied: number;
  /** The day the group and the bank decide, and the first meeting after it (disbursement). */
  decided: number;
  disbursed: number;
  amount: number;
  term: number;
  purpose: string;
  /** The group turns it down at approval. */
  turnedDown: boolean;
  /** Approved for less than asked. */
  reduced: boolean;
  /** A second loan under the same programme (within the ceiling). */
  topUp: boolean;
}

const MEMBER_SHARE: Record<CategoryName, number> = { POOR: 0.8, NEAR_POOR: 0.65, NEWLY_ESCAPED: 0.7, NOT_POOR: 0.03 };
const RANK: Record<CategoryName, number> = { POOR: 3, NEWLY_ESCAPED: 2, NEAR_POOR: 1, NOT_POOR: 0 };
const JOINED_FROM = dayFromCivil(2012, 1, 1);
const WATER_FROM = dayFromCivil(2019, 1, 1);
const PROGRAMME_TERMS = [24, 36, 36, 48, 60] as const;
const WATER_TERMS = [36, 48, 60] as const;

const between = (rnd: Random, from: number, to: number) => (to <= from ? from : from + Math.floor(rnd.next() * (to - from + 1)));
/** Whether a loan was owed on `date` (disbursed by then, not yet settled or written off): the bank's `owedOn`. */
export function owedOn(loan: LoanRow, date: string): boolean {
  if (loan.disbursedOn === null || !DISBURSED_STATUS_NAMES.includes(loan.status) || loan.disbursedOn > date) return false;
  const closed = loan.settledOn ?? loan.writtenOffOn;
  return closed === null || date < closed;
}

/** Where each of the household's loans owed on `date` stands then, as the eligibility rule reads them. */
function owedLoans(book: readonly Booked[], date: string) {
  return book
    .filter((b) => owedOn(b.row, date))
    .map((b) => {
      const s = loanStanding(
        {
          disbursedOn: b.row.disbursedOn as string,
          annualRatePercent: b.row.annualRatePercent as number,
          instalments: b.instalments,
        },
        b.repayments,
        date,
      );
      return { id: b.row.id, programme: b.row.program, outstanding: s.outstanding, overdueAmount: s.overdueAmount };
    });
}

/**
 * The household's lending: a membership of its village's group (most households on a list, a
 * few others), the loans it asked for (a programme loan while on a list, a second one under the
 * same programme for some, a clean-water loan for some of those lacking water or a latrine), what
 * became of each under the bank's rules, their repayments and purpose checks. Draws only from
 * `rnd`, after everything else of the household.
 */
export function generateLending(
  rnd: Random,
  h: LendingHousehold,
  commune: LendingCommune,
  programmes: readonly ProgrammeVersionRow[],
  ids: LendingIds,
  out: LendingRows,
  asOf: string = BOOKS_AS_OF,
): void {
  const asOfDay = dayOfIso(asOf);
  const group = commune.groups[h.leads ?? h.villageIndex % commune.groups.length] as LendingGroup;
  const leader = h.leads !== null;
  // Most households were never on a list (nor newly escaped, which needs a poor list before):
  // decided without working out their categories.
  const listed = h.lists.some((r) => r.classification === 'POOR' || r.classification === 'NEAR_POOR');
  if (!listed && !leader && !rnd.chance(h.waterNeed ? 0.12 : MEMBER_SHARE.NOT_POOR)) return;
  const lists = [...h.lists].sort((a, b) => a.year - b.year);
  // The stretches between certifications, each with the category certified for it.
  const windows = lists.map((r, i) => {
    const from = dayOfIso(r.certifiedOn);
    const next = lists[i + 1];
    return {
      from,
      to: next ? dayOfIso(next.certifiedOn) - 1 : asOfDay,
      last: !next,
      category: certifiedCategoryOn(lists, r.certifiedOn) ?? 'NOT_POOR',
    };
  });
  const best = windows.reduce<CategoryName>((c, w) => (RANK[w.category] > RANK[c] ? w.category : c), 'NOT_POOR');
  if (listed && !leader && !rnd.chance(MEMBER_SHARE[best])) return;

  // The loans asked for.
  const founded = dayOfIso(group.foundedOn);
  const intents: Intent[] = [];
  const intent = (code: LoanProgrammeCode, applied: number, topUp = false): void => {
    const v = programmeOn(programmes, code, isoOfDay(applied));
    if (!v) return;
    const water = code === LoanProgrammeCode.CLEAN_WATER_SANITATION;
    const amount = Math.min(v.ceilingPerHousehold, water ? rnd.int(8, 25) * 1_000_000 : rnd.int(2, 10) * 10_000_000);
    const terms = (water ? WATER_TERMS : PROGRAMME_TERMS).filter((t) => t <= v.maxTermMonths);
    const decided = applied + rnd.int(3, 20);
    intents.push({
      code,
      applied,
      decided,
      disbursed: meetingOnOrAfter(decided + 1, commune.meetingDay),
      amount: topUp ? Math.max(10_000_000, Math.floor(amount / 20_000_000) * 10_000_000) : amount,
      term: terms.length ? rnd.pick(terms) : v.maxTermMonths,
      purpose: rnd.pick(water ? WATER_PURPOSES : PRODUCTION_PURPOSES),
      turnedDown: rnd.chance(0.04),
      reduced: rnd.chance(0.15),
      topUp,
    });
  };
  // A programme loan while on a list: mostly in the first listed stretch (eleven months), less
  // often in the last (the weeks before the books' date: many still being decided).
  const [first, second] = windows;
  const qualifies = (w: (typeof windows)[number] | undefined) =>
    w !== undefined && PROGRAMME_OF_CATEGORY[w.category] !== null && w.to - w.from > 0;
  const u = rnd.next();
  const window = qualifies(first) && (!qualifies(second) || u < 0.85) ? first : qualifies(second) && u < 0.95 ? second : null;
  if (window && rnd.chance(window.last ? 0.35 : 0.6)) {
    const code = PROGRAMME_OF_CATEGORY[window.category] as LoanProgrammeCode;
    // Decided and disbursed within the stretch unless it is the last one (then maybe after the books' date).
    const latest = window.last ? window.to : window.to - 60;
    const applied = between(rnd, window.from + 1, latest);
    intent(code, applied);
    if (!window.last && rnd.chance(0.1) && code !== LoanProgrammeCode.NEWLY_ESCAPED_HOUSEHOLD) {
      const later = between(rnd, applied + 90, latest);
      if (later <= latest) intent(code, later, true);
    }
  }
  if (h.waterNeed && rnd.chance(0.25))
    intent(LoanProgrammeCode.CLEAN_WATER_SANITATION, between(rnd, Math.max(WATER_FROM, founded + 60), asOfDay));

  // The membership, from before the first application.
  const firstApplied = intents.reduce((d, i) => Math.min(d, i.applied), asOfDay - 20);
  const joined = leader ? founded : between(rnd, Math.max(founded, JOINED_FROM), firstApplied - 7);
  const membership: SavingsGroupMemberRow = {
    id: ids.membership(0),
    savingsGroupId: group.id,
    householdId: h.id,
    joinedOn: isoOfDay(joined),
    leftOn: null,
    recordedBy: SEED_RECORDER,
  };
  out.memberships.push(membership);
  const memberships = [{ savingsGroupId: group.id, communeCode: group.communeCode, joinedOn: membership.joinedOn, leftOn: null }];

  // What became of each, in the order the bank decided them.
  intents.sort((a, b) => a.disbursed - b.disbursed || a.applied - b.applied);
  const book: Booked[] = [];
  intents.forEach((it, n) => {
    const id = ids.loan(n);
    const row: LoanRow = {
      id,
      householdId: h.id,
      communeCode: group.communeCode,
      provinceCode: group.provinceCode,
      savingsGroupId: group.id,
      program: it.code,
      programmeId: null,
      status: 'APPLIED',
      amountRequested: it.amount,
      termMonths: it.term,
      principal: null,
      annualRatePercent: null,
      overdueRatePercent: null,
      purpose: it.purpose,
      appliedOn: isoOfDay(it.applied),
      approvedOn: null,
      disbursedOn: null,
      maturesOn: null,
      settledOn: null,
      rejectedOn: null,
      rejectionReason: null,
      writtenOffOn: null,
      writeOffReason: null,
      categoryAtDisbursement: null,
      recordedBy: SEED_RECORDER,
    };
    const booked: Booked = { row, instalments: [], repayments: [] };
    book.push(booked);
    const misused = rnd.chance(0.05);
    const roll = rnd.next();
    const reason = rnd.pick(it.turnedDown ? GROUP_REJECTIONS : WRITE_OFFS);
    if (it.decided > asOfDay) return; // still applied for
    if (it.turnedDown) {
      Object.assign(row, { status: 'REJECTED', rejectedOn: isoOfDay(it.decided), rejectionReason: reason });
      return;
    }
    const approved = it.reduced ? Math.max(5_000_000, Math.floor((it.amount * 0.75) / 1_000_000) * 1_000_000) : it.amount;
    Object.assign(row, { status: 'APPROVED', approvedOn: isoOfDay(it.decided), principal: approved });
    if (it.disbursed > asOfDay) return; // approved, to be disbursed at a later meeting
    const on = isoOfDay(it.disbursed);
    const v = programmeOn(programmes, it.code, on);
    const category = certifiedCategoryOn(lists, on);
    const check = loanEligibility({
      programme: it.code,
      on,
      version: v,
      categoryPeriods: category === null ? [] : [{ category, from: on, until: null }],
      householdCommune: group.communeCode,
      memberships,
      lendingGroupId: group.id,
      loans: owedLoans(book.slice(0, -1), on),
    });
    // A top-up is approved for what the ceiling leaves (whole millions), if that is worth lending.
    const principal = it.topUp ? Math.min(approved, Math.floor((check.headroom ?? 0) / 1_000_000) * 1_000_000) : approved;
    const refused =
      check.reasons.length > 0 || principal < 5_000_000 || principal > (check.headroom ?? 0) || !v || it.term > v.maxTermMonths;
    if (refused) {
      const code = check.reasons[0]?.code ?? EligibilityReasonCode.CEILING_REACHED;
      Object.assign(row, { status: 'REJECTED', rejectedOn: on, rejectionReason: REFUSALS[code] ?? code });
      return;
    }
    Object.assign(row, {
      principal,
      programmeId: v.id,
      annualRatePercent: v.annualRatePercent,
      overdueRatePercent: v.overdueRatePercent,
      disbursedOn: on,
      categoryAtDisbursement: category,
    });

    // How it is repaid: most on time; some miss an instalment due by the books' date (more of
    // the misused); a few repay early (most after an inspection found the misuse); a few old
    // loans are written off after the payments stopped.
    const [dy, dm, dd] = civil(on);
    const monthsToAsOf = (() => {
      let k = 0;
      while (monthsAfter(dy, dm, dd, k + 1).day <= asOfDay) k++;
      return k;
    })();
    const duesBefore = [6, 12, 18, 24, 30, 36, 42, 48, 54, 60].filter(
      (mo) => mo <= it.term && monthsAfter(dy, dm, dd, mo).day < asOfDay,
    );
    if (it.term % 6 !== 0 && monthsAfter(dy, dm, dd, it.term).day < asOfDay) duesBefore.push(it.term);
    const inspected = commune.inspectedOn !== null && it.disbursed <= dayOfIso(commune.inspectedOn) - 30;
    let how: Repaying = { kind: 'ON_TIME' };
    if (duesBefore.length && roll < (misused ? 0.4 : 0.13)) {
      const dueMonth = rnd.pick(duesBefore);
      how = { kind: 'MISSED', from: Math.max(1, dueMonth - rnd.int(0, 3)), interestOnly: rnd.chance(0.5) };
    } else if (misused && inspected && roll < 0.8) {
      // The bank recalls a misused loan: repaid in full within three months of the inspection.
      const inspection = dayOfIso(commune.inspectedOn as string);
      let month = 1;
      while (monthsAfter(dy, dm, dd, month).day <= inspection) month++;
      month += rnd.int(0, 2);
      if (month <= monthsToAsOf) how = { kind: 'EARLY', month };
    } else if (monthsToAsOf >= 4 && roll > 0.95) how = { kind: 'EARLY', month: rnd.int(3, Math.min(monthsToAsOf, it.term)) };
    else if (monthsToAsOf >= 8 && roll > 0.935) {
      const from = rnd.int(2, monthsToAsOf - 4);
      const stop = monthsAfter(dy, dm, dd, from).day;
      const writtenOff = stop + rnd.int(90, 400);
      if (writtenOff <= asOfDay) how = { kind: 'WRITTEN_OFF', from, on: writtenOff, reason };
    }
    const outcome = repay(
      { id, principal, termMonths: it.term, annualRatePercent: v.annualRatePercent, disbursedOn: on },
      how,
      commune.meetingDay,
      asOf,
      (k) => ids.repayment(n, k),
    );
    Object.assign(row, {
      status: outcome.status,
      maturesOn: outcome.maturesOn,
      settledOn: outcome.settledOn,
      writtenOffOn: outcome.writtenOffOn,
      writeOffReason: outcome.writeOffReason,
    });
    booked.instalments = outcome.instalments;
    booked.repayments = outcome.repayments;
    out.instalments.push(...outcome.instalments);
    out.repayments.push(...outcome.repayments);

    // Purpose checks: the group within a few weeks, an inspection of the commune's loans.
    let checks = 0;
    const checked = (day: number, by: PurposeCheckByName, finds: boolean) =>
      out.purposeChecks.push({
        id: ids.check(n, checks++),
        loanId: id,
        checkedOn: isoOfDay(day),
        checkedBy: by,
        finding: finds ? 'WRONG_PURPOSE' : 'AS_DECLARED',
        note: finds ? rnd.pick(MISUSES) : null,
        recordedBy: SEED_RECORDER,
      });
    const groupCheck = it.disbursed + rnd.int(20, 75);
    if (rnd.chance(0.7) && groupCheck <= asOfDay) checked(groupCheck, 'SAVINGS_GROUP', misused && rnd.chance(0.1));
    if (inspected && rnd.chance(misused ? 0.9 : 0.5))
      checked(dayOfIso(commune.inspectedOn as string), 'INSPECTION', misused && rnd.chance(0.9));
  });

  // Leaving: some members without a loan owed or asked for, the day after their last business.
  if (!leader && rnd.chance(book.length ? 0.3 : 0.06)) {
    const open = book.some((b) => !['SETTLED', 'REJECTED'].includes(b.row.status));
    const last = book.reduce(
      (d, b) => Math.max(d, dayOfIso(b.row.settledOn ?? b.row.rejectedOn ?? b.row.appliedOn)),
      joined + 180,
    );
    const left = last + rnd.int(10, 150);
    if (!open && left <= asOfDay) membership.leftOn = isoOfDay(left);
  }
  for (const b of book) out.loans.push(b.row);
}
