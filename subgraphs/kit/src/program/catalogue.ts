/*
 * The program's vocabulary, shared by every agency: the seven projects of the National Target
 * Program for Sustainable Poverty Reduction (Decision 90/QĐ-TTg), the kinds of support delivered
 * to households, who each support may go to, and which deprivation indicators it addresses. Which
 * agency runs which project is each subgraph's configuration (`ownedProjects`), not this file.
 * Sub-project numbers follow Decision 90/QĐ-TTg as recalled (not yet checked against the text):
 * 3.1 production, 3.2 nutrition; 4.1 vocational education, 4.2 overseas work, 4.3 sustainable
 * jobs; 6.1 information poverty reduction, 6.2 communication; 7.1 capacity, 7.2 M&E.
 */

/** A household's category on the commune-certified lists (labor computes it; others read it). */
export enum HouseholdCategory {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  NEWLY_ESCAPED = 'NEWLY_ESCAPED',
  NOT_POOR = 'NOT_POOR',
}

export interface Project {
  number: number;
  name: string;
  nameVi: string;
  /** Sub-projects by number, when the project has them. */
  subProjects: Record<number, string>;
}

export const PROJECTS: readonly Project[] = [
  {
    number: 1,
    name: 'Investment in poor and extremely difficult areas',
    nameVi: 'Hỗ trợ đầu tư phát triển hạ tầng',
    subProjects: {},
  },
  {
    number: 2,
    name: 'Livelihood diversification and poverty-reduction models',
    nameVi: 'Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    subProjects: {},
  },
  {
    number: 3,
    name: 'Production support and nutrition',
    nameVi: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng',
    subProjects: { 1: 'Agricultural production', 2: 'Nutrition (children under 16)' },
  },
  {
    number: 4,
    name: 'Vocational training and sustainable jobs',
    nameVi: 'Phát triển giáo dục nghề nghiệp, việc làm bền vững',
    subProjects: { 1: 'Vocational education in poor and difficult areas', 2: 'Overseas contract work', 3: 'Sustainable jobs' },
  },
  {
    number: 5,
    name: 'Housing for poor and near-poor households',
    nameVi: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo',
    subProjects: {},
  },
  {
    number: 6,
    name: 'Communication and information poverty reduction',
    nameVi: 'Truyền thông và giảm nghèo về thông tin',
    subProjects: { 1: 'Information poverty reduction', 2: 'Communication on multidimensional poverty' },
  },
  {
    number: 7,
    name: 'Capacity building, monitoring and evaluation',
    nameVi: 'Nâng cao năng lực và giám sát, đánh giá',
    subProjects: { 1: 'Capacity building', 2: 'Monitoring and evaluation' },
  },
];

export const projectNamed = (number: number): Project | undefined => PROJECTS.find((p) => p.number === number);

/** What was delivered to a household. */
export enum SupportKind {
  // Project 2: livelihoods
  START_UP_CAPITAL = 'START_UP_CAPITAL',
  LIVELIHOOD_MODEL = 'LIVELIHOOD_MODEL',
  // Project 3.1: production
  SEEDS = 'SEEDS',
  BREEDING_ANIMALS = 'BREEDING_ANIMALS',
  FERTILISER = 'FERTILISER',
  PRODUCTION_TRAINING = 'PRODUCTION_TRAINING',
  EXTENSION_ADVICE = 'EXTENSION_ADVICE',
  // Project 3.2: nutrition
  NUTRITION_PACKAGE = 'NUTRITION_PACKAGE',
  // Project 4: vocational training and jobs
  VOCATIONAL_TRAINING = 'VOCATIONAL_TRAINING',
  JOB_PLACEMENT = 'JOB_PLACEMENT',
  // Project 5: housing
  HOUSE_NEW_BUILD = 'HOUSE_NEW_BUILD',
  HOUSE_REPAIR = 'HOUSE_REPAIR',
  // Project 6.1: information access
  PHONE = 'PHONE',
  TELEVISION = 'TELEVISION',
  RADIO = 'RADIO',
  INTERNET_ACCESS = 'INTERNET_ACCESS',
}

const { POOR, NEAR_POOR, NEWLY_ESCAPED } = HouseholdCategory;
const TARGET_GROUPS = [POOR, NEAR_POOR, NEWLY_ESCAPED] as const;

/** Who a kind of support may go to, under which project, and what it is for. */
export interface SupportRule {
  kind: SupportKind;
  project: number;
  subProject: number | null;
  /** Categories on the delivery date that qualify; null: any household of the registry. */
  eligible: readonly HouseholdCategory[] | null;
  /** 'child': for one member under 16 on the delivery date; 'member': may name one member; 'household': none. */
  recipient: 'household' | 'member' | 'child';
  /** Deprivation indicators (1-12) the support addresses, for targeting reports. */
  addresses: readonly number[];
  /** The usual unit of its quantity, a hint for forms. */
  unit: string;
}

const rule = (
  kind: SupportKind,
  project: number,
  subProject: number | null,
  addresses: number[],
  unit: string,
  recipient: SupportRule['recipient'] = 'household',
  eligible: readonly HouseholdCategory[] | null = TARGET_GROUPS,
): SupportRule => ({ kind, project, subProject, eligible, recipient, addresses, unit });

export const SUPPORT_RULES: Readonly<Record<SupportKind, SupportRule>> = {
  START_UP_CAPITAL: rule(SupportKind.START_UP_CAPITAL, 2, null, [1], 'đồng'),
  LIVELIHOOD_MODEL: rule(SupportKind.LIVELIHOOD_MODEL, 2, null, [1], 'mô hình'),
  SEEDS: rule(SupportKind.SEEDS, 3, 1, [1], 'kg'),
  BREEDING_ANIMALS: rule(SupportKind.BREEDING_ANIMALS, 3, 1, [1], 'con'),
  FERTILISER: rule(SupportKind.FERTILISER, 3, 1, [1], 'kg'),
  PRODUCTION_TRAINING: rule(SupportKind.PRODUCTION_TRAINING, 3, 1, [1, 5], 'khóa', 'member'),
  EXTENSION_ADVICE: rule(SupportKind.EXTENSION_ADVICE, 3, 1, [1], 'lượt'),
  NUTRITION_PACKAGE: rule(SupportKind.NUTRITION_PACKAGE, 3, 2, [3], 'gói', 'child', [POOR, NEAR_POOR]),
  VOCATIONAL_TRAINING: rule(SupportKind.VOCATIONAL_TRAINING, 4, 1, [1, 5], 'khóa', 'member'),
  JOB_PLACEMENT: rule(SupportKind.JOB_PLACEMENT, 4, 3, [1], 'lượt', 'member'),
  HOUSE_NEW_BUILD: rule(SupportKind.HOUSE_NEW_BUILD, 5, null, [7, 8], 'căn', 'household', [POOR, NEAR_POOR]),
  HOUSE_REPAIR: rule(SupportKind.HOUSE_REPAIR, 5, null, [7], 'căn', 'household', [POOR, NEAR_POOR]),
  PHONE: rule(SupportKind.PHONE, 6, 1, [11, 12], 'chiếc'),
  TELEVISION: rule(SupportKind.TELEVISION, 6, 1, [12], 'chiếc'),
  RADIO: rule(SupportKind.RADIO, 6, 1, [12], 'chiếc'),
  INTERNET_ACCESS: rule(SupportKind.INTERNET_ACCESS, 6, 1, [11], 'tháng'),
};

/** The kinds of support of these projects: what an agency running them may record. */
export const kindsOfProjects = (projects: readonly number[]): SupportKind[] =>
  Object.values(SUPPORT_RULES)
    .filter((r) => projects.includes(r.project))
    .map((r) => r.kind);

/** Where a project's money comes from. */
export enum FundingSource {
  CENTRAL_BUDGET = 'CENTRAL_BUDGET',
  LOCAL_BUDGET = 'LOCAL_BUDGET',
  OTHER = 'OTHER',
}
