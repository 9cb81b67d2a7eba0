import { addMonths } from '../dates';
import { FundingSource, SUPPORT_RULES, SupportKind, type HouseholdCategory } from '../program/catalogue';
import type { SupportStatus } from '../support/support.rules';
import { dayFromCivil, dayOfIso, isoOfDay } from './days';
import type { Random } from './random';
import type { TableSpec } from './table';

/*
 * The programme's rows as the seed and the demo write them, in every agency's shared tables
 * (`support`, `budget_line`, `disbursement`, see the kit's program.migration.ts; an agency's own
 * programme tables are in its package's data folder); what a
 * support looks like (descriptions, quantities, prices in đồng), which office delivers it, and
 * how a budget line is planned, allocated and paid out. Shared by the seed (millions of rows)
 * and the demo (a few hundred), so both tell the same story.
 */

export type SupportStatusName = `${SupportStatus}`;
export type CategoryName = `${HouseholdCategory}`;
/** A project line an agency keeps budget lines for (sub-project null: the project as a whole). */
export interface ProjectLine {
  project: number;
  subProject: number | null;
}

/** A row of an agency's `support` table. */
export interface SupportRow {
  id: string;
  householdId: string;
  memberId: string | null;
  communeCode: string;
  provinceCode: string;
  project: number;
  subProject: number | null;
  kind: SupportKind;
  initiativeId: string | null;
  description: string;
  quantity: number;
  unit: string;
  value: number;
  status: SupportStatusName;
  plannedOn: string;
  deliveredOn: string | null;
  verifiedOn: string | null;
  cancelledOn: string | null;
  cancelReason: string | null;
  deliveringOffice: string;
  programYear: number;
  categoryOnDelivery: CategoryName | null;
  /** The deprivations of the review in force on delivery (indicators 1-12), for targeting reports. */
  deprivedOnDelivery: number[] | null;
  attestationId: string | null;
  recordedBy: string;
}

/** A row of an agency's `budget_line` table: one unit (commune or province), year, project, sub-project and source. */
export interface BudgetLineRow {
  id: string;
  unitCode: string;
  provinceCode: string;
  year: number;
  project: number;
  subProject: number | null;
  fundingSource: FundingSource;
  planned: number;
  allocated: number;
  /** The sum of the line's disbursements. */
  disbursed: number;
  overAllocated: boolean;
  deadline: string;
  note: string | null;
  recordedBy: string;
}

/** A row of an agency's `disbursement` table. */
export interface DisbursementRow {
  id: string;
  budgetLineId: string;
  amount: number;
  disbursedOn: string;
  reference: string;
  overAllocationReason: string | null;
  recordedBy: string;
}

/** An agency's `support` table: the same columns in every agency that records supports (program.migration.ts). */
export const SUPPORT_TABLE: TableSpec<SupportRow> = {
  table: 'support',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'member_id', value: (r) => r.memberId },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'project', value: (r) => r.project },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'kind', value: (r) => r.kind },
    { name: 'initiative_id', value: (r) => r.initiativeId },
    { name: 'description', value: (r) => r.description },
    { name: 'quantity', value: (r) => r.quantity },
    { name: 'unit', value: (r) => r.unit },
    { name: 'value', value: (r) => r.value },
    { name: 'status', value: (r) => r.status },
    { name: 'planned_on', value: (r) => r.plannedOn },
    { name: 'delivered_on', value: (r) => r.deliveredOn },
    { name: 'verified_on', value: (r) => r.verifiedOn },
    { name: 'cancelled_on', value: (r) => r.cancelledOn },
    { name: 'cancel_reason', value: (r) => r.cancelReason },
    { name: 'delivering_office', value: (r) => r.deliveringOffice },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'category_on_delivery', value: (r) => r.categoryOnDelivery },
    { name: 'deprived_on_delivery', list: { element: 'smallint' }, value: (r) => r.deprivedOnDelivery },
    { name: 'attestation_id', value: (r) => r.attestationId },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const BUDGET_LINE_TABLE: TableSpec<BudgetLineRow> = {
  table: 'budget_line',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'unit_code', value: (r) => r.unitCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'year', value: (r) => r.year },
    { name: 'project', value: (r) => r.project },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'funding_source', value: (r) => r.fundingSource },
    { name: 'planned', value: (r) => r.planned },
    { name: 'allocated', value: (r) => r.allocated },
    { name: 'disbursed', value: (r) => r.disbursed },
    { name: 'over_allocated', value: (r) => r.overAllocated },
    { name: 'deadline', value: (r) => r.deadline },
    { name: 'note', value: (r) => r.note },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const DISBURSEMENT_TABLE: TableSpec<DisbursementRow> = {
  table: 'disbursement',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'budget_line_id', value: (r) => r.budgetLineId },
    { name: 'amount', value: (r) => r.amount },
    { name: 'disbursed_on', value: (r) => r.disbursedOn },
    { name: 'reference', value: (r) => r.reference },
    { name: 'over_allocation_reason', value: (r) => r.overAllocationReason },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

/** Who recorded the generated rows. */
export const SEED_RECORDER = 'seed';

// ---------------------------------------------------------------------------------------------
// Households' categories on a date

/** A certified review as far as the category on a date goes. */
export interface ReviewOnList {
  year: number;
  classification: string;
  certifiedOn: string;
  /** Its deprived indicators (1-12), when known. */
  deprived?: readonly number[];
}

/** The deprived indicators of the review in force on `date` (the latest year certified by then). */
export function deprivedOn(reviews: readonly ReviewOnList[], date: string): number[] {
  const current = reviews
    .filter((r) => r.certifiedOn <= date)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  return [...(current?.deprived ?? [])].sort((a, b) => a - b);
}

/** The indicators (1-12) flagged in a boolean-per-indicator list. */
export const indicatorsOf = (flags: readonly boolean[]): number[] => flags.flatMap((on, i) => (on ? [i + 1] : []));

const NEWLY_ESCAPED_MONTHS = 36;

/**
 * The household's certified category on `date`, as the labor registry states it (its
 * `householdCategoryOn`, for histories without corrections): the class of the latest review
 * certified on or before the date if it is on a list; otherwise NEWLY_ESCAPED within 36
 * months of the certification of the review that left poverty; NOT_POOR; null before any
 * certified review.
 */
export function certifiedCategoryOn(reviews: readonly ReviewOnList[], date: string): CategoryName | null {
  const known = reviews.filter((r) => r.certifiedOn <= date).sort((a, b) => a.year - b.year);
  const current = known.at(-1);
  if (!current) return null;
  if (current.classification === 'POOR' || current.classification === 'NEAR_POOR') return current.classification;
  for (let i = known.length - 1; i >= 1; i--) {
    const r = known[i] as ReviewOnList;
    if (r.classification === 'POOR') return 'NOT_POOR';
    if ((known[i - 1] as ReviewOnList).classification === 'POOR') {
      return date < addMonths(r.certifiedOn, NEWLY_ESCAPED_MONTHS) ? 'NEWLY_ESCAPED' : 'NOT_POOR';
    }
  }
  return 'NOT_POOR';
}

/** Whether a support of `kind` may go to a household of `category` (SUPPORT_RULES). */
export const eligible = (kind: SupportKind, category: CategoryName | null): boolean => {
  const allowed = SUPPORT_RULES[kind].eligible;
  return allowed === null || (category !== null && allowed.includes(category as HouseholdCategory));
};

/**
 * The day number on which a person born on `dateOfBirth` is no longer under 16, as the registry
 * counts it (192 months later; born on 29 February, 28 February in a common year).
 */
export const sixteenthBirthday = (dateOfBirth: string): number => dayOfIso(addMonths(dateOfBirth, 16 * 12));

// ---------------------------------------------------------------------------------------------
// What each kind of support is

/** One way a kind of support is given: description, quantity range and unit, price per unit in đồng. */
export interface SupportItem {
  description: string;
  min: number;
  max: number;
  unit: string;
  /** Price per unit; for START_UP_CAPITAL (unit đồng) 1, the quantity being the amount. */
  price: number;
  /** The quantity's step (START_UP_CAPITAL: whole millions). */
  step?: number;
}

const item = (description: string, min: number, max: number, unit: string, price: number, step?: number): SupportItem =>
  step === undefined ? { description, min, max, unit, price } : { description, min, max, unit, price, step };

export const SUPPORT_ITEMS: Readonly<Record<SupportKind, readonly SupportItem[]>> = {
  START_UP_CAPITAL: [
    item('Hỗ trợ vốn khởi nghiệp, mở cơ sở sản xuất kinh doanh nhỏ', 10_000_000, 30_000_000, 'đồng', 1, 1_000_000),
  ],
  LIVELIHOOD_MODEL: [
    item('Tham gia mô hình sinh kế nuôi ong lấy mật', 1, 1, 'mô hình', 15_000_000),
    item('Tham gia mô hình dệt thổ cẩm truyền thống', 1, 1, 'mô hình', 12_000_000),
    item('Tham gia mô hình dịch vụ sửa chữa máy nông nghiệp', 1, 1, 'mô hình', 20_000_000),
  ],
  SEEDS: [
    item('Lúa giống thuần', 30, 80, 'kg', 30_000),
    item('Ngô giống lai đơn', 20, 60, 'kg', 55_000),
    item('Cây giống cà phê chè', 200, 800, 'cây', 6_000),
    item('Cây giống mắc ca ghép', 50, 150, 'cây', 35_000),
  ],
  BREEDING_ANIMALS: [
    item('Bò cái giống sinh sản', 1, 2, 'con', 15_000_000),
    item('Trâu cái giống sinh sản', 1, 1, 'con', 22_000_000),
    item('Lợn nái giống', 1, 2, 'con', 3_500_000),
    item('Dê giống', 4, 8, 'con', 1_800_000),
    item('Gà giống thả vườn', 50, 200, 'con', 25_000),
  ],
  FERTILISER: [
    item('Phân bón NPK', 100, 400, 'kg', 12_000),
    item('Phân hữu cơ vi sinh', 200, 500, 'kg', 8_000),
    item('Thức ăn chăn nuôi hỗn hợp', 100, 300, 'kg', 14_000),
  ],
  PRODUCTION_TRAINING: [
    item('Tập huấn kỹ thuật chăn nuôi bò sinh sản', 1, 1, 'khóa', 1_200_000),
    item('Tập huấn kỹ thuật trồng và chăm sóc cà phê', 1, 1, 'khóa', 1_000_000),
    item('Tập huấn phòng chống dịch bệnh gia súc, gia cầm', 1, 1, 'khóa', 900_000),
  ],
  EXTENSION_ADVICE: [item('Tư vấn kỹ thuật của cán bộ khuyến nông tại hộ', 1, 4, 'lượt', 200_000)],
  NUTRITION_PACKAGE: [
    item('Gói hỗ trợ dinh dưỡng cho trẻ dưới 16 tuổi (sữa, vi chất dinh dưỡng)', 1, 1, 'gói', 1_500_000),
    item('Gói hỗ trợ dinh dưỡng cho trẻ dưới 16 tuổi (sữa, vi chất dinh dưỡng)', 1, 1, 'gói', 1_200_000),
    item('Gói hỗ trợ dinh dưỡng cho trẻ suy dinh dưỡng thấp còi', 1, 1, 'gói', 1_800_000),
  ],
  VOCATIONAL_TRAINING: [
    item('Đào tạo nghề trình độ sơ cấp: chăn nuôi thú y', 1, 1, 'khóa', 4_000_000),
    item('Đào tạo nghề trình độ sơ cấp: may công nghiệp', 1, 1, 'khóa', 4_500_000),
    item('Đào tạo nghề trình độ sơ cấp: sửa chữa máy nông nghiệp', 1, 1, 'khóa', 5_000_000),
    item('Đào tạo nghề trình độ sơ cấp: kỹ thuật chế biến món ăn', 1, 1, 'khóa', 3_500_000),
  ],
  JOB_PLACEMENT: [
    item('Tư vấn, giới thiệu việc làm tại khu công nghiệp', 1, 1, 'lượt', 1_000_000),
    item('Kết nối việc làm qua phiên giao dịch việc làm', 1, 1, 'lượt', 500_000),
    item('Hỗ trợ chi phí đi lại nhận việc tại doanh nghiệp', 1, 1, 'lượt', 1_500_000),
  ],
  HOUSE_NEW_BUILD: [
    item('Hỗ trợ xây mới nhà ở', 1, 1, 'căn', 40_000_000),
    item('Hỗ trợ xây mới nhà ở (có vốn đối ứng địa phương)', 1, 1, 'căn', 50_000_000),
    item('Hỗ trợ xây mới nhà ở vùng thường xuyên thiên tai', 1, 1, 'căn', 60_000_000),
  ],
  HOUSE_REPAIR: [
    item('Hỗ trợ sửa chữa nhà ở', 1, 1, 'căn', 20_000_000),
    item('Hỗ trợ sửa chữa, gia cố mái và tường nhà', 1, 1, 'căn', 25_000_000),
  ],
  PHONE: [item('Điện thoại thông minh', 1, 1, 'chiếc', 2_000_000), item('Điện thoại thông minh', 1, 1, 'chiếc', 2_500_000)],
  TELEVISION: [item('Ti vi màu', 1, 1, 'chiếc', 4_500_000), item('Ti vi thông minh 32 inch', 1, 1, 'chiếc', 5_500_000)],
  RADIO: [item('Đài radio', 1, 1, 'chiếc', 600_000), item('Đài radio thu sóng FM', 1, 1, 'chiếc', 800_000)],
  INTERNET_ACCESS: [item('Hỗ trợ cước Internet băng rộng', 6, 12, 'tháng', 100_000)],
};

/** A quantity of an item and its value in đồng. */
export function quantityOf(rnd: Random, it: SupportItem): { quantity: number; value: number } {
  const step = it.step ?? 1;
  const quantity = it.min + step * Math.floor(rnd.next() * ((it.max - it.min) / step + 1));
  return { quantity, value: quantity * it.price };
}

/** Reasons a planned support was cancelled, by project. */
export const CANCEL_REASONS: Readonly<Record<number, readonly string[]>> = {
  2: ['Hộ không có nhu cầu tham gia', 'Hộ chuyển đi nơi khác sinh sống', 'Không đủ điều kiện đối ứng'],
  3: [
    'Hộ không có nhu cầu, xin rút khỏi danh sách',
    'Trùng đối tượng với hỗ trợ của chương trình khác',
    'Hộ chuyển đi nơi khác sinh sống',
    'Giống không đạt tiêu chuẩn, nhà cung cấp không giao hàng',
  ],
  4: ['Người lao động đã có việc làm ổn định', 'Người học bỏ học giữa chừng', 'Lớp học không đủ số học viên để mở'],
  5: ['Hộ đã được hỗ trợ nhà ở từ nguồn xã hội hóa', 'Hộ không có đất ở hợp pháp để xây dựng', 'Hộ chuyển đi nơi khác sinh sống'],
  6: ['Hộ đã tự trang bị thiết bị', 'Khu vực chưa có sóng di động', 'Hộ không có nhu cầu'],
};

// ---------------------------------------------------------------------------------------------
// Offices

/** The first day of the two-tier system: district offices gone, communes have their own. */
export const REFORM_DAY = dayFromCivil(2025, 7, 1);

/** "Xã Mường Nhé" → "xã Mường Nhé", inside a longer name. */
const inName = (unitName: string) => unitName.charAt(0).toLowerCase() + unitName.slice(1);

/** The offices of a commune that deliver the programme, before and after the 2025 reform. */
export interface Offices {
  /** Commune People's Committee: investor of most commune supports before the reform. */
  committee: string;
  /** Economic office of the commune (agriculture) after the reform. */
  economic: string;
  /** Culture and social affairs office of the commune (labour, housing, information) after the reform. */
  social: string;
  health: string;
  broadcast: string;
  vocational: string;
  jobs: string;
  /** Province department of information and communications (information access, until the reform). */
  information: string;
  /** Province department in charge of poverty reduction (leaflets). */
  povertyDepartment: string;
  mobileTeam: string;
}

export function officesOf(communeName: string, provinceName: string): Offices {
  const commune = inName(communeName);
  const province = inName(provinceName);
  const short = provinceName.replace(/^Tỉnh /, '');
  return {
    committee: `UBND ${commune}`,
    economic: `Phòng Kinh tế ${commune}`,
    social: `Phòng Văn hóa - Xã hội ${commune}`,
    health: `Trạm Y tế ${commune}`,
    broadcast: `Đài Truyền thanh ${commune}`,
    vocational: `Trường Cao đẳng Kinh tế - Kỹ thuật ${short}`,
    jobs: `Trung tâm Dịch vụ việc làm ${province}`,
    information: `Sở Thông tin và Truyền thông ${province}`,
    povertyDepartment: `Sở Nông nghiệp và Môi trường ${province}`,
    mobileTeam: `Đội Thông tin lưu động ${province}`,
  };
}

/** The office that delivers a support of `kind` on day number `day`. */
export function deliveringOffice(offices: Offices, kind: SupportKind, day: number): string {
  const after = day >= REFORM_DAY;
  switch (kind) {
    case SupportKind.NUTRITION_PACKAGE:
      return offices.health;
    case SupportKind.VOCATIONAL_TRAINING:
      return offices.vocational;
    case SupportKind.JOB_PLACEMENT:
      return offices.jobs;
    case SupportKind.PHONE:
    case SupportKind.TELEVISION:
    case SupportKind.RADIO:
    case SupportKind.INTERNET_ACCESS:
      return after ? offices.social : offices.information;
    default: {
      const project = SUPPORT_RULES[kind].project;
      if (!after) return offices.committee;
      return project === 3 ? offices.economic : offices.social;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Budget lines and disbursements

/** The day the seeded and demo books are as of. */
export const BOOKS_AS_OF = '2025-12-31';
const AS_OF_DAY = dayOfIso(BOOKS_AS_OF);

/** How much of a line is paid out. */
export type Payout = 'FULL' | 'PARTIAL' | 'NONE';

export interface LinePlan {
  unitCode: string;
  provinceCode: string;
  year: number;
  project: number;
  subProject: number | null;
  fundingSource: FundingSource;
  planned: number;
  allocated: number;
  deadline: string;
  payout: Payout;
  note?: string | null;
}

const roundTo = (vnd: number, unit: number) => Math.max(unit, Math.round(vnd / unit) * unit);

/**
 * A budget line and its disbursements: FULL pays out the whole allocation by the deadline,
 * PARTIAL 30-90% of it by the deadline or up to 45 days late (never after the books' date),
 * NONE nothing. One to five payment orders of whole thousands of đồng, summing to `disbursed`.
 */
export function budgetLine(
  rnd: Random,
  plan: LinePlan,
  ids: { line: string; disbursement: () => string },
  reference: (n: number) => string,
): { line: BudgetLineRow; disbursements: DisbursementRow[] } {
  const disbursed =
    plan.payout === 'FULL'
      ? plan.allocated
      : plan.payout === 'NONE'
        ? 0
        : Math.min(plan.allocated, roundTo(plan.allocated * (0.3 + 0.6 * rnd.next()), 1_000));
  const deadlineDay = dayOfIso(plan.deadline);
  const from = dayFromCivil(plan.year, 2, 15);
  const to = Math.min(AS_OF_DAY, plan.payout === 'FULL' ? deadlineDay : deadlineDay + 45);
  const disbursements: DisbursementRow[] = [];
  if (disbursed > 0) {
    const count = Math.min(1 + Math.floor(rnd.next() * 5), Math.floor(disbursed / 1_000));
    const weights = Array.from({ length: count }, () => 0.5 + rnd.next());
    const total = weights.reduce((a, b) => a + b, 0);
    const days = Array.from({ length: count }, () => from + Math.floor(rnd.next() * (to - from + 1))).sort((a, b) => a - b);
    let left = disbursed;
    for (let k = 0; k < count; k++) {
      const share = Math.max(1_000, Math.floor((disbursed * (weights[k] as number)) / total / 1_000) * 1_000);
      // Every payment order is at least 1,000 đồng: leave that much for each one still to come.
      const amount = k === count - 1 ? left : Math.min(share, left - 1_000 * (count - 1 - k));
      left -= amount;
      disbursements.push({
        id: ids.disbursement(),
        budgetLineId: ids.line,
        amount,
        disbursedOn: isoOfDay(days[k] as number),
        reference: reference(k),
        overAllocationReason: null,
        recordedBy: SEED_RECORDER,
      });
    }
  }
  return {
    line: {
      id: ids.line,
      unitCode: plan.unitCode,
      provinceCode: plan.provinceCode,
      year: plan.year,
      project: plan.project,
      subProject: plan.subProject,
      fundingSource: plan.fundingSource,
      planned: plan.planned,
      allocated: plan.allocated,
      disbursed,
      overAllocated: false,
      deadline: plan.deadline,
      note: plan.note ?? null,
      recordedBy: SEED_RECORDER,
    },
    disbursements,
  };
}

/** Đồng per household of the unit per year, by project line: a commune's envelope, and a province's own lines. */
const COMMUNE_RATE: Record<string, number> = {
  '2': 150_000,
  '3.1': 250_000,
  '3.2': 40_000,
  '4': 80_000,
  '5': 120_000,
  '6.1': 35_000,
  '6.2': 25_000,
  '7': 20_000,
};
const PROVINCE_RATE: Record<string, number> = {
  '2': 15_000,
  '3.1': 20_000,
  '3.2': 5_000,
  '4': 25_000,
  '5': 10_000,
  '6.1': 8_000,
  '6.2': 10_000,
  '7': 12_000,
};
const lineKey = (project: number, subProject: number | null) => (subProject === null ? `${project}` : `${project}.${subProject}`);

/** Notes on the lines, by funding source and payout. */
const NOTES: Record<FundingSource, string> = {
  CENTRAL_BUDGET: 'Vốn sự nghiệp ngân sách trung ương giao theo quyết định của UBND tỉnh',
  LOCAL_BUDGET: 'Vốn đối ứng ngân sách địa phương',
  OTHER: 'Nguồn huy động hợp pháp khác',
};
const NONE_NOTES = ['Chưa giải ngân: chờ phê duyệt danh sách đối tượng', 'Chưa giải ngân: chậm hoàn thiện hồ sơ thanh toán'];

export interface UnitBudget {
  unitCode: string;
  provinceCode: string;
  /** Households the unit's envelope is for. */
  households: number;
  /** Scales the envelope: poorer communes get more. */
  weight: number;
  level: 'commune' | 'province';
}

/**
 * The budget lines of one unit for one agency (its `projectLines`) and year: a central-budget line for each of the
 * agency's project lines, and a local counterpart line (10-20%) for about half of them. Planned
 * from the unit's households; allocated 75-100% of it (now and then 5% more); deadline 30
 * September or 31 December; paid out in full, in part or not at all, less of it the later the
 * year (2024 lines are mostly paid, 2025's often late).
 */
export function unitBudgetLines(
  rnd: Random,
  unit: UnitBudget,
  projectLines: readonly ProjectLine[],
  year: number,
  ids: { line: () => string; disbursement: () => string },
): { lines: BudgetLineRow[]; disbursements: DisbursementRow[] } {
  const lines: BudgetLineRow[] = [];
  const disbursements: DisbursementRow[] = [];
  let reference = 0;
  for (const { project, subProject } of projectLines) {
    const rate = (unit.level === 'commune' ? COMMUNE_RATE : PROVINCE_RATE)[lineKey(project, subProject)] as number;
    const central = roundTo(unit.households * rate * unit.weight * (0.7 + 0.6 * rnd.next()), 1_000_000);
    const sources: [FundingSource, number][] = [[FundingSource.CENTRAL_BUDGET, central]];
    if (rnd.chance(0.5)) sources.push([FundingSource.LOCAL_BUDGET, roundTo(central * (0.1 + 0.1 * rnd.next()), 1_000_000)]);
    for (const [fundingSource, planned] of sources) {
      const allocated = rnd.chance(0.08)
        ? roundTo(planned * 1.05, 1_000_000)
        : roundTo(planned * (0.75 + 0.25 * rnd.next()), 1_000_000);
      const deadline = rnd.chance(year >= 2025 ? 0.5 : 0.2) ? `${year}-09-30` : `${year}-12-31`;
      const u = rnd.next();
      const payout: Payout =
        year <= 2024 ? (u < 0.7 ? 'FULL' : u < 0.95 ? 'PARTIAL' : 'NONE') : u < 0.35 ? 'FULL' : u < 0.8 ? 'PARTIAL' : 'NONE';
      const id = ids.line();
      const { line, disbursements: paid } = budgetLine(
        rnd,
        {
          unitCode: unit.unitCode,
          provinceCode: unit.provinceCode,
          year,
          project,
          subProject,
          fundingSource,
          planned,
          allocated,
          deadline,
          payout,
          note: payout === 'NONE' ? rnd.pick(NONE_NOTES) : NOTES[fundingSource],
        },
        { line: id, disbursement: ids.disbursement },
        () => `UNC-${year}-${unit.unitCode}-${String(++reference).padStart(4, '0')}`,
      );
      lines.push(line);
      disbursements.push(...paid);
    }
  }
  return { lines, disbursements };
}
