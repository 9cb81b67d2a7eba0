import {
  demoProductionPlan,
  MODELS,
  type ParticipantRow,
  type ProductionPlan,
  type ProductionProjectRow,
  type SeededModel as ProductionModel,
} from '@gnbv/agriculture';
import { demoProduct, type CommunicationKind, type CommunicationProductRow } from '@gnbv/culture-information';
import {
  BOOKS_AS_OF,
  budgetLine,
  certifiedCategoryOn,
  dayOfIso,
  deliveringOffice,
  deprivedOn,
  FundingSource,
  isoOfDay,
  officesOf,
  Random,
  SEED_RECORDER,
  SUPPORT_ITEMS,
  SUPPORT_RULES,
  SupportKind,
  unitBudgetLines,
  type BudgetLineRow,
  type CategoryName,
  type DisbursementRow,
  type Row,
  type SupportItem,
  type SupportRow,
  type SupportStatusName,
} from '@gnbv/kit';
import { DEMO_COMMUNES, DEMO_PROVINCE, type Household, type Member, type PovertyReview } from '@gnbv/labor';
import { BUDGET_LINES, type ProgrammeAgency } from '../seed/agencies';
import { generateSupports, type SupportCommune, type SupportRows } from '../seed/supports';

/*
 * The programme in the demo province: supports from labor (projects 2, 4, 5), agriculture (3)
 * and culture-information (6, information access) for the demo households, under the same rules and generator as
 * the seed; production projects with their participants; communication products; and budget
 * lines with disbursements for each demo commune and for the province itself. On top of the
 * drawn rows, a fixed showcase that tests and the explorer can rely on (DEMO_PROGRAMME):
 *
 * - in the first demo commune, four households poor on both lists each get supports from all
 *   three agencies in 2025: the first with a child under 16 (a nutrition package for the child)
 *   and the next three by code; two of them get breeding cows of the commune's cattle-breeding
 *   model;
 * - the seed article's case: the province's own 2025 lines for projects 2, 3, 4, 6 and 7 total
 *   6,400,000,000 đồng allocated, nothing disbursed, deadline 30 September 2025; its 2024 lines
 *   and its 2025 housing line are paid out in full.
 */

/** What the demo contains, for tests and the explorer. Checked against the built data set by programme.test.ts. */
export const DEMO_PROGRAMME = {
  /** The day the demo's books are as of: nothing is delivered, verified, cancelled or paid later (plans are due up to March 2026). */
  asOf: BOOKS_AS_OF,
  /** The showcase commune: the first demo commune. */
  communeCode: '03160',
  /**
   * Its households poor on both lists (2024 and 2025) with a delivered or verified support from
   * each of labor, agriculture and culture-information: the four showcase households and one more.
   */
  poorHouseholdsWithAllThreeAgencies: 5,
  /** The showcase households: the first poor one with a child under 16, then the next poor ones by code. */
  showcaseHouseholdCodes: ['03160-0004', '03160-0009', '03160-0014', '03160-0020'],
  /** The showcase household whose child under 16 got a nutrition package, delivered on 2025-05-20 through the nutrition club. */
  nutrition: { householdCode: '03160-0004', deliveredOn: '2025-05-20', value: 1_500_000 },
  /** The commune's cattle-breeding model (agriculture): two showcase households got two cows each (30,000,000 đồng). */
  cattleProject: { code: 'DA3-03160-2025-01', model: 'CATTLE_BREEDING', participants: 3 },
  /** Communication products of the commune: two broadcasts, two leaflets, a staged performance, a public information point. */
  communicationProducts: 6,
  /** The seed article's case: the province's own 2025 lines for projects 2, 3, 4, 6 and 7, nothing paid by the deadline. */
  provinceLate: {
    unitCode: DEMO_PROVINCE.code,
    year: 2025,
    projects: [2, 3, 4, 6, 7],
    deadline: '2025-09-30',
    allocated: 6_400_000_000,
    disbursed: 0,
    lines: 7,
    /** Allocated per agency owning the projects: labor 2, 4, 7; agriculture 3.1, 3.2; culture-information 6.1, 6.2. */
    byAgency: { labor: 3_700_000_000, agriculture: 1_800_000_000, 'culture-information': 900_000_000 },
  },
  /** The province's own lines paid out in full: its 2024 lines and its 2025 housing line (project 5). */
  provinceFullyDisbursed: { lines: 9, disbursed: 5_750_000_000 },
  /**
   * Late lines of the province with its communes (deadline passed, money undisbursed) on any day
   * from 2026-01-01 (every demo deadline has passed by then), per agency.
   */
  late: {
    from: '2026-01-01',
    lines: 58,
    undisbursed: 8_753_897_000,
    byAgency: {
      labor: { lines: 27, undisbursed: 4_666_295_000 },
      agriculture: { lines: 14, undisbursed: 3_005_763_000 },
      'culture-information': { lines: 17, undisbursed: 1_081_839_000 },
    },
  },
} as const;

export interface DemoProgramme {
  labor: { supports: SupportRow[]; budgetLines: BudgetLineRow[]; disbursements: DisbursementRow[] };
  agriculture: {
    supports: SupportRow[];
    productionProjects: ProductionProjectRow[];
    participants: ParticipantRow[];
    budgetLines: BudgetLineRow[];
    disbursements: DisbursementRow[];
  };
  cultureInformation: {
    supports: SupportRow[];
    communicationProducts: CommunicationProductRow[];
    budgetLines: BudgetLineRow[];
    disbursements: DisbursementRow[];
  };
}

/** The demo's production projects per commune: [model, programme year, starts, ends]. */
const PROJECTS: Record<string, readonly [ProductionModel, number, string, string | null][]> = {
  '03160': [
    ['CATTLE_BREEDING', 2025, '2025-03-01', '2026-08-31'],
    ['NUTRITION_CLUB', 2025, '2025-02-15', null],
    ['RICE_SEED', 2024, '2024-11-01', '2025-10-31'],
  ],
  '03163': [
    ['PIG_BREEDING', 2025, '2025-04-01', '2026-03-31'],
    ['COFFEE', 2024, '2024-10-15', '2026-06-30'],
  ],
  '03166': [
    ['POULTRY', 2025, '2025-03-15', '2026-03-14'],
    ['NUTRITION_CLUB', 2025, '2025-03-01', null],
  ],
  '03169': [['POULTRY', 2025, '2025-05-01', '2026-04-30']],
};

/** The communication products of the first commune: one of each kind, two broadcasts. */
const SHOWCASE_PRODUCTS: readonly CommunicationKind[] = [
  'BROADCAST',
  'STAGED_PERFORMANCE',
  'LEAFLET',
  'PUBLIC_INFORMATION_POINT',
  'BROADCAST',
  'LEAFLET',
];
const PRODUCT_KINDS: readonly CommunicationKind[] = ['BROADCAST', 'STAGED_PERFORMANCE', 'LEAFLET', 'PUBLIC_INFORMATION_POINT'];

/** The province's own lines: [agency, project, sub-project, allocated 2025 (late), allocated 2024 (paid)]. */
const PROVINCE_LINES: readonly [ProgrammeAgency, number, number | null, number, number][] = [
  ['labor', 2, null, 1_600_000_000, 1_200_000_000],
  ['labor', 4, null, 1_200_000_000, 900_000_000],
  ['labor', 7, null, 900_000_000, 600_000_000],
  ['agriculture', 3, 1, 1_500_000_000, 1_100_000_000],
  ['agriculture', 3, 2, 300_000_000, 250_000_000],
  ['culture-information', 6, 1, 500_000_000, 350_000_000],
  ['culture-information', 6, 2, 400_000_000, 300_000_000],
];
/** The province's housing line (labor, project 5): 2024 and 2025 allocations, both paid out. */
const PROVINCE_HOUSING: readonly [number, number] = [650_000_000, 400_000_000];

const day = (iso: string) => dayOfIso(iso);

interface Showcase {
  /** Its supports: [kind, status, planned, delivered, what (SUPPORT_ITEMS index), recipient]. */
  supports: readonly [SupportKind, SupportStatusName, string, string | null, number, 'child' | 'adult' | null][];
  /** Whether its agriculture supports belong to the cattle-breeding model. */
  cattle: boolean;
}

/** The showcase households' supports, in the order of DEMO_PROGRAMME.showcaseHouseholdCodes. */
const SHOWCASE: readonly Showcase[] = [
  {
    supports: [
      [SupportKind.HOUSE_NEW_BUILD, 'VERIFIED', '2025-04-01', '2025-06-15', 0, null],
      [SupportKind.BREEDING_ANIMALS, 'VERIFIED', '2025-03-20', '2025-04-10', 0, null],
      [SupportKind.NUTRITION_PACKAGE, 'DELIVERED', '2025-05-05', '2025-05-20', 0, 'child'],
      [SupportKind.TELEVISION, 'DELIVERED', '2025-06-01', '2025-06-20', 0, null],
    ],
    cattle: true,
  },
  {
    supports: [
      [SupportKind.START_UP_CAPITAL, 'VERIFIED', '2025-03-01', '2025-03-25', 0, null],
      [SupportKind.BREEDING_ANIMALS, 'DELIVERED', '2025-03-20', '2025-04-10', 0, null],
      [SupportKind.PRODUCTION_TRAINING, 'VERIFIED', '2025-03-10', '2025-03-12', 0, 'adult'],
      [SupportKind.PHONE, 'VERIFIED', '2025-07-10', '2025-07-15', 0, null],
    ],
    cattle: true,
  },
  {
    supports: [
      [SupportKind.VOCATIONAL_TRAINING, 'VERIFIED', '2025-05-01', '2025-06-30', 1, 'adult'],
      [SupportKind.SEEDS, 'DELIVERED', '2025-02-20', '2025-03-05', 0, null],
      [SupportKind.RADIO, 'DELIVERED', '2025-08-01', '2025-08-12', 0, null],
      [SupportKind.HOUSE_REPAIR, 'PLANNED', '2026-02-15', null, 0, null],
    ],
    cattle: false,
  },
  {
    supports: [
      [SupportKind.HOUSE_REPAIR, 'DELIVERED', '2025-09-01', '2025-10-05', 0, null],
      [SupportKind.FERTILISER, 'VERIFIED', '2025-04-01', '2025-04-15', 0, null],
      [SupportKind.INTERNET_ACCESS, 'VERIFIED', '2025-07-01', '2025-07-01', 0, null],
      [SupportKind.JOB_PLACEMENT, 'CANCELLED', '2025-08-15', null, 0, 'adult'],
    ],
    cattle: false,
  },
];

/**
 * The programme rows of the demo, drawn from `seed` (a stream of their own, so the registry's
 * rows do not depend on them).
 */
export function buildDemoProgramme(
  registry: { households: readonly Row<Household>[]; members: readonly Row<Member>[]; reviews: readonly Row<PovertyReview>[] },
  seed: number,
): DemoProgramme {
  const rnd = new Random(seed);
  const out: DemoProgramme = {
    labor: { supports: [], budgetLines: [], disbursements: [] },
    agriculture: { supports: [], productionProjects: [], participants: [], budgetLines: [], disbursements: [] },
    cultureInformation: { supports: [], communicationProducts: [], budgetLines: [], disbursements: [] },
  };
  const rows: SupportRows = {
    laborSupports: out.labor.supports,
    agricultureSupports: out.agriculture.supports,
    cultureSupports: out.cultureInformation.supports,
    participants: out.agriculture.participants,
  };
  const membersOf = new Map<string, Row<Member>[]>();
  for (const m of registry.members) membersOf.set(m.householdId, [...(membersOf.get(m.householdId) ?? []), m]);
  const reviewsOf = new Map<string, Row<PovertyReview>[]>();
  for (const r of registry.reviews) reviewsOf.set(r.householdId, [...(reviewsOf.get(r.householdId) ?? []), r]);
  const listsOf = (householdId: string) =>
    (reviewsOf.get(householdId) ?? [])
      .filter((r) => r.certifiedOn !== null)
      .map((r) => ({
        year: r.year,
        classification: r.classification as string,
        certifiedOn: r.certifiedOn as string,
        deprived: r.deprivedIndicators,
      }));

  for (const commune of DEMO_COMMUNES) {
    const offices = officesOf(commune.name, DEMO_PROVINCE.name);
    const households = registry.households.filter((h) => h.communeCode === commune.code);
    const projects = (PROJECTS[commune.code] ?? []).map(([model, year, startsOn, endsOn], k) =>
      demoProductionPlan(rnd, { ...commune, provinceCode: DEMO_PROVINCE.code }, offices, model, year, startsOn, endsOn, k),
    );
    out.agriculture.productionProjects.push(...projects.map((p) => p.row));
    // The certification days of the demo's lists (reviews.ts): the same in every commune.
    const certified = [...new Set(registry.reviews.map((r) => r.certifiedOn as string))].sort().map(day);
    const place: SupportCommune = {
      code: commune.code,
      province: DEMO_PROVINCE,
      certifiedDays: certified,
      offices,
      productionProjects: projects,
    };

    const showcase = commune === DEMO_COMMUNES[0] ? showcaseHouseholds(households, membersOf) : [];
    for (const h of households) {
      const lists = listsOf(h.id);
      const members = membersOf.get(h.id) ?? [];
      const before = (certifiedCategoryOn(lists, isoOfDay(certified[0] as number)) ?? 'NOT_POOR') as CategoryName;
      const now = (certifiedCategoryOn(lists, isoOfDay(certified[1] as number)) ?? 'NOT_POOR') as CategoryName;
      const at = showcase.indexOf(h);
      if (at >= 0) {
        addShowcase(rnd, SHOWCASE[at] as Showcase, h, members, place, projects, rows, lists);
        continue;
      }
      const deprived = (year: number) => {
        const r = (reviewsOf.get(h.id) ?? []).find((x) => x.year === year);
        return Array.from({ length: 12 }, (_, i) => r?.deprivedIndicators.includes(i + 1) ?? false);
      };
      generateSupports(
        rnd,
        {
          id: h.id,
          commune: place,
          before,
          now,
          deprivedBefore: deprived(2024),
          deprivedNow: deprived(2025),
          members,
          working: members.filter((m) => {
            const age = 2025 - Number(m.dateOfBirth.slice(0, 4));
            return age >= 15 && age < 65 && !m.disability;
          }).length,
        },
        () => rnd.uuid(),
        rows,
      );
    }
    // A project's budget covers what its participants were given, and a margin.
    for (const p of projects) {
      const given = out.agriculture.supports
        .filter((s) => s.initiativeId === p.row.id && s.status !== 'CANCELLED')
        .reduce((n, s) => n + s.value, 0);
      p.row.budget = Math.max(50_000_000, Math.ceil((given * 1.2) / 10_000_000) * 10_000_000);
    }

    const kinds = commune === DEMO_COMMUNES[0] ? SHOWCASE_PRODUCTS : PRODUCT_KINDS.filter(() => rnd.chance(0.8));
    kinds.forEach((kind) =>
      out.cultureInformation.communicationProducts.push(
        demoProduct(rnd, { code: commune.code, provinceCode: DEMO_PROVINCE.code }, offices, kind, households.length),
      ),
    );

    // The commune's budget lines: a commune of some 1,000 households, as the demo's 75 stand for.
    const unit = {
      unitCode: commune.code,
      provinceCode: DEMO_PROVINCE.code,
      households: 1_000,
      weight: 1.2,
      level: 'commune' as const,
    };
    for (const year of [2024, 2025])
      for (const [agency, into] of [
        ['labor', out.labor],
        ['agriculture', out.agriculture],
        ['culture-information', out.cultureInformation],
      ] as const) {
        const { lines, disbursements } = unitBudgetLines(rnd, unit, BUDGET_LINES[agency] ?? [], year, {
          line: () => rnd.uuid(),
          disbursement: () => rnd.uuid(),
        });
        into.budgetLines.push(...lines);
        into.disbursements.push(...disbursements);
      }
  }
  provinceLines(rnd, out);
  return out;
}

/** Households of the commune poor on both lists, in code order; the first with a child under 16 in 2025 leads. */
function showcaseHouseholds(households: readonly Row<Household>[], membersOf: Map<string, Row<Member>[]>): Row<Household>[] {
  const poor = households.filter((h) => h.category === ('POOR' as never)).sort((a, b) => a.code.localeCompare(b.code));
  const hasChild = (h: Row<Household>) => (membersOf.get(h.id) ?? []).some((m) => m.dateOfBirth > '2009-12-31');
  const lead = poor.find(hasChild);
  if (!lead) throw new Error('demo: no poor household with a child under 16 in the first commune');
  return [lead, ...poor.filter((h) => h !== lead).slice(0, SHOWCASE.length - 1)];
}

/** The fixed supports of a showcase household (poor on both lists: eligible for every kind in 2025). */
function addShowcase(
  rnd: Random,
  showcase: Showcase,
  h: Row<Household>,
  members: readonly Row<Member>[],
  commune: SupportCommune,
  projects: readonly ProductionPlan[],
  rows: SupportRows,
  lists: { year: number; classification: string; certifiedOn: string }[],
): void {
  const child = members.find((m) => m.dateOfBirth > '2009-12-31');
  const adult =
    members.find((m) => {
      const age = 2025 - Number(m.dateOfBirth.slice(0, 4));
      return age >= 18 && age <= 45 && !m.disability;
    }) ?? members[0];
  const joined = new Map<ProductionPlan, string>();
  for (const [kind, status, plannedOn, deliveredOn, which, recipient] of showcase.supports) {
    const rule = SUPPORT_RULES[kind];
    const item = SUPPORT_ITEMS[kind][which] as SupportItem;
    const model = kind === SupportKind.NUTRITION_PACKAGE ? 'NUTRITION_CLUB' : showcase.cattle ? 'CATTLE_BREEDING' : null;
    const project =
      rule.project === 3 && model !== null && (MODELS[model].kinds as readonly SupportKind[]).includes(kind)
        ? projects.find((p) => p.row.model === model)
        : undefined;
    const quantity = kind === SupportKind.BREEDING_ANIMALS ? 2 : kind === SupportKind.START_UP_CAPITAL ? 20_000_000 : item.min;
    const on = deliveredOn ?? plannedOn;
    const row: SupportRow = {
      id: rnd.uuid(),
      householdId: h.id,
      memberId: recipient === 'child' ? (child?.id ?? null) : recipient === 'adult' ? (adult?.id ?? null) : null,
      communeCode: commune.code,
      provinceCode: commune.province.code,
      project: rule.project,
      subProject: rule.subProject,
      kind,
      initiativeId: project?.row.id ?? null,
      description: item.description,
      quantity,
      unit: item.unit,
      value: quantity * item.price,
      status,
      plannedOn,
      deliveredOn,
      verifiedOn: status === 'VERIFIED' ? isoOfDay(day(deliveredOn as string) + 30) : null,
      cancelledOn: status === 'CANCELLED' ? isoOfDay(day(plannedOn) - 10) : null,
      cancelReason: status === 'CANCELLED' ? 'Người lao động đã có việc làm ổn định' : null,
      deliveringOffice: deliveringOffice(commune.offices, kind, day(on)),
      programYear: Math.min(2025, Number(on.slice(0, 4))),
      categoryOnDelivery: deliveredOn === null ? null : certifiedCategoryOn(lists, deliveredOn),
      deprivedOnDelivery: deliveredOn === null ? null : deprivedOn(lists, deliveredOn),
      attestationId: null,
      recordedBy: SEED_RECORDER,
    };
    (rule.project === 3 ? rows.agricultureSupports : rule.project === 6 ? rows.cultureSupports : rows.laborSupports).push(row);
    if (project) {
      const first = joined.get(project);
      if (first === undefined || plannedOn < first) joined.set(project, plannedOn);
    }
  }
  for (const [project, first] of joined)
    rows.participants.push({
      projectId: project.row.id,
      householdId: h.id,
      joinedOn: isoOfDay(Math.max(project.startDay, day(first) - 5)),
      leftOn: null,
      attestationId: null,
      categoryOnJoining: certifiedCategoryOn(lists, isoOfDay(Math.max(project.startDay, day(first) - 5))),
      recordedBy: SEED_RECORDER,
    });
}

/** The province's own lines (DEMO_PROGRAMME.provinceLate and provinceFullyDisbursed). */
function provinceLines(rnd: Random, out: DemoProgramme): void {
  const into = (agency: ProgrammeAgency) =>
    agency === 'labor' ? out.labor : agency === 'agriculture' ? out.agriculture : out.cultureInformation;
  let reference = 0;
  const add = (
    agency: ProgrammeAgency,
    project: number,
    subProject: number | null,
    year: number,
    allocated: number,
    late: boolean,
  ) => {
    const id = rnd.uuid();
    const { line, disbursements } = budgetLine(
      rnd,
      {
        unitCode: DEMO_PROVINCE.code,
        provinceCode: DEMO_PROVINCE.code,
        year,
        project,
        subProject,
        fundingSource: FundingSource.CENTRAL_BUDGET,
        planned: late ? Math.round((allocated * 1.1) / 10_000_000) * 10_000_000 : allocated,
        allocated,
        deadline: late ? `${year}-09-30` : `${year}-12-31`,
        payout: late ? 'NONE' : 'FULL',
        note: late
          ? 'Chưa giải ngân: chậm phân bổ chi tiết và phê duyệt danh sách đối tượng'
          : 'Vốn sự nghiệp ngân sách trung ương giao theo quyết định của UBND tỉnh',
      },
      { line: id, disbursement: () => rnd.uuid() },
      () => `UNC-${year}-${DEMO_PROVINCE.code}-${String(++reference).padStart(4, '0')}`,
    );
    into(agency).budgetLines.push(line);
    into(agency).disbursements.push(...disbursements);
  };
  for (const [agency, project, subProject, late2025, paid2024] of PROVINCE_LINES) {
    add(agency, project, subProject, 2024, paid2024, false);
    add(agency, project, subProject, 2025, late2025, true);
  }
  add('labor', 5, null, 2024, PROVINCE_HOUSING[0], false);
  add('labor', 5, null, 2025, PROVINCE_HOUSING[1], false);
}
