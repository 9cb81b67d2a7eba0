import { cumulate, dayFromCivil, isoOfDay, mix, pickWeighted, type Random, type Row } from '@gnbv/kit';
import { Area, HouseholdCategory, type Household } from '../household/household.entity';
import { RelationToHead, Sex, type Member } from '../household/member.entity';
import { classify } from '../poverty-standard/classify';
import type { PovertyStandard } from '../poverty-standard/poverty-standard';
import { ReviewState, type PovertyClass, type PovertyReview } from '../review/review.entity';
import { ETHNIC, FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M } from './names';

/*
 * A seeded household's registry rows (the household, its members, its certified 2024 and 2025
 * reviews), drawn from the household's own random stream before any other agency's rows: the
 * categories, deprivations and members the other agencies' generators then read.
 */

/** One annual review round in a commune: its survey day, certification day and the standard in force. */
export interface ReviewRound {
  year: number;
  reviewDate: string;
  certifiedOn: string;
  standard: PovertyStandard;
}

export interface Village {
  name: string;
  /** Village, commune, province: the household's address. */
  address: string;
}

/** What the registry generator needs of a household's commune (a seeded commune has it). */
export interface RegistryCommune {
  code: string;
  /** Its administrative unit's id. */
  unitId: string;
  area: Area;
  province: { code: string; firstHousehold: number };
  firstHousehold: number;
  villages: readonly Village[];
  /** Shares of households in each current category. */
  rates: { poor: number; nearPoor: number; newlyEscaped: number };
  /** Share of Kinh households among those above the line (lower among the poor). */
  kinhShare: number;
  rounds: readonly ReviewRound[];
}

/** A household's registry rows, and what the other agencies' generators read of it. */
export interface RegistryHousehold {
  household: Row<Household>;
  members: Row<Member>[];
  reviews: Row<PovertyReview>[];
  category: HouseholdCategory;
  /** On a list now (any category but NOT_POOR). */
  targeted: boolean;
  /** On a list of the 2024 review. */
  listedBefore: boolean;
  /** The class the 2024 review found (NOT_POOR when on neither list). */
  before: 'POOR' | 'NEAR_POOR' | 'NOT_POOR';
  deprivedBefore: boolean[];
  deprivedNow: boolean[];
  /** Members able to work (15 to 64, no disability). */
  working: number;
  urban: boolean;
  village: Village;
}

/** The first registration day of seeded households: 3,100 days later is mid-2024, before the first review. */
const REGISTERED_FROM = dayFromCivil(2016, 1, 4);

const AGE_YEAR = 2025;
/** Members this old or older hold a citizen identity card (CCCD). */
const ID_CARD_AGE = 14;

type Planned = 'POOR' | 'NEAR_POOR' | 'NOT_POOR';

const MINORITIES = ETHNIC.filter((e) => e !== 'Kinh');
const SIZE_WEIGHTS = { targeted: cumulate([14, 20, 28, 22, 16]), other: cumulate([22, 26, 28, 15, 9]) };

/*
 * How likely each indicator (index 0 = indicator 1) is deprived, by the class the review
 * finds; indicator 2 (dependants) is computed from the members instead. The poor get health
 * insurance from the state, so indicator 4 is rare among them; information (11, 12), latrines
 * and housing are the common deprivations of the poor.
 */
const PROPENSITY: Record<Planned, readonly number[]> = {
  POOR: [0.35, 0, 0.25, 0.06, 0.35, 0.12, 0.45, 0.35, 0.4, 0.6, 0.55, 0.5],
  NEAR_POOR: [0.2, 0, 0.12, 0.2, 0.2, 0.06, 0.2, 0.15, 0.18, 0.3, 0.2, 0.15],
  NOT_POOR: [0.08, 0, 0.04, 0.08, 0.08, 0.02, 0.05, 0.05, 0.06, 0.1, 0.05, 0.04],
};
/** Towns have piped water, latrines, phone coverage and better houses. */
const URBAN_FACTOR = [1, 1, 0.8, 1, 0.8, 0.8, 0.4, 0.7, 0.3, 0.3, 0.3, 0.4];

/** Last year's planned class, by the current category (this year's class follows from the category). */
const PREVIOUS: Record<HouseholdCategory, readonly [Planned, number][]> = {
  POOR: [
    ['POOR', 0.8],
    ['NEAR_POOR', 0.12],
    ['NOT_POOR', 0.08],
  ],
  NEAR_POOR: [
    ['NEAR_POOR', 0.65],
    ['POOR', 0.25],
    ['NOT_POOR', 0.1],
  ],
  NEWLY_ESCAPED: [['POOR', 1]],
  NOT_POOR: [
    ['NOT_POOR', 0.98],
    ['NEAR_POOR', 0.02],
  ],
};

const PLANNED_NOW: Record<HouseholdCategory, Planned> = {
  POOR: 'POOR',
  NEAR_POOR: 'NEAR_POOR',
  NEWLY_ESCAPED: 'NOT_POOR',
  NOT_POOR: 'NOT_POOR',
};

const onList = (planned: Planned) => planned !== 'NOT_POOR';

/** Whether a classification is the planned class (above the line: either class on neither list). */
const matches = (classification: string, planned: Planned) =>
  planned === 'NOT_POOR' ? classification !== 'POOR' && classification !== 'NEAR_POOR' : classification === planned;

const uniform = (rnd: Random, min: number, max: number) => min + rnd.next() * (max - min);
const floorK = (vnd: number) => Math.floor(vnd / 1000) * 1000;
const ceilK = (vnd: number) => Math.ceil(vnd / 1000) * 1000;
const dayBetween = (rnd: Random, from: number, to: number) => from + Math.floor(rnd.next() * (to - from + 1));
/** A standard normal draw (Box-Muller). */
const normal = (rnd: Random) => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());

interface Person {
  relation: RelationToHead;
  female: boolean;
  age: number;
  family: string;
  ethnicity: string;
  disability: boolean;
}

/** The members of a household: a head, usually a spouse, then children, parents or grandchildren. */
function people(rnd: Random, size: number, category: HouseholdCategory, ethnicity: string): Person[] {
  const targeted = category !== HouseholdCategory.NOT_POOR;
  // Elderly people living alone or with grandchildren are a large part of the poor who cannot work.
  const elderlyHead = targeted && rnd.chance(category === HouseholdCategory.POOR ? 0.25 : 0.12);
  const headAge = elderlyHead ? rnd.int(62, 88) : rnd.int(24, 72);
  const headFemale = rnd.chance(0.22);
  const headFamily = rnd.pick(FAMILY);
  const disabilityOdds = (age: number) => (age >= 60 ? 0.12 : 0.03) * (targeted ? 1.8 : 1);
  const list: Person[] = [
    {
      relation: RelationToHead.HEAD,
      female: headFemale,
      age: headAge,
      family: headFamily,
      ethnicity,
      disability: rnd.chance(disabilityOdds(headAge)),
    },
  ];
  let fatherFamily = headFemale ? null : headFamily;
  if (rnd.chance(0.88)) {
    const age = Math.max(18, headAge + (headFemale ? rnd.int(-2, 6) : rnd.int(-8, 2)));
    const family = rnd.pick(FAMILY);
    if (headFemale) fatherFamily = family;
    list.push({
      relation: RelationToHead.SPOUSE,
      female: !headFemale,
      age,
      family,
      ethnicity: rnd.chance(0.92) ? ethnicity : rnd.pick(ETHNIC),
      disability: rnd.chance(disabilityOdds(age)),
    });
  }
  const childFamily = fatherFamily ?? headFamily;
  // Older heads mostly live with a grown-up child (three generations), the elderly poor less often.
  let grownChild = headAge < 52 || !rnd.chance(elderlyHead ? 0.3 : 0.85);
  while (list.length < size) {
    let relation: RelationToHead;
    let age: number;
    let family = childFamily;
    if (!grownChild) {
      grownChild = true;
      relation = RelationToHead.CHILD;
      age = rnd.int(20, Math.min(45, headAge - 20));
    } else if (headAge >= 52 && rnd.chance(0.6)) {
      relation = RelationToHead.GRANDCHILD;
      age = rnd.int(0, Math.min(15, headAge - 38));
    } else if (headAge <= 55 && rnd.chance(0.12)) {
      relation = RelationToHead.PARENT;
      age = Math.min(95, headAge + rnd.int(20, 32));
      family = rnd.chance(0.5) ? headFamily : rnd.pick(FAMILY);
    } else if (rnd.chance(0.03)) {
      relation = RelationToHead.SIBLING;
      age = Math.max(15, headAge + rnd.int(-10, 10));
      family = headFamily;
    } else {
      relation = RelationToHead.CHILD;
      age = rnd.int(0, Math.min(35, headAge - 18));
    }
    list.push({ relation, female: rnd.chance(0.5), age, family, ethnicity, disability: rnd.chance(disabilityOdds(age)) });
  }
  return list;
}

/** Deprivations for a review class: at least 3 for the poor, at most 2 for the near-poor. */
function deprive(
  rnd: Random,
  planned: Planned,
  eligible: readonly boolean[],
  dependants: boolean,
  urban: boolean,
  start?: readonly boolean[],
): boolean[] {
  const p = PROPENSITY[planned];
  const d = eligible.map((ok, i) => {
    if (i === 1) return dependants;
    if (!ok) return false;
    // Last year's answers mostly carry over: a survey a year later finds the same house.
    if (start && !rnd.chance(0.15)) return start[i] as boolean;
    return rnd.chance((p[i] as number) * (urban ? (URBAN_FACTOR[i] as number) : 1));
  });
  let count = d.reduce((n, x) => n + (x ? 1 : 0), 0);
  const poorP = PROPENSITY.POOR;
  while (planned === 'POOR' && count < 3) {
    // Add one more, weighted like the poor's deprivations, among those not yet deprived.
    const open = d.map((x, i) => (x || i === 1 || !eligible[i] ? 0 : (poorP[i] as number)));
    const i = pickWeighted(cumulate(open), rnd.next());
    d[i] = true;
    count++;
  }
  while (planned === 'NEAR_POOR' && count > 2) {
    const removable = d.map((x, i) => (x && i !== 1 ? 1 : 0));
    const i = pickWeighted(cumulate(removable), rnd.next());
    d[i] = false;
    count--;
  }
  return d;
}

/** Income per person per month for a class, in whole thousands of đồng, under the round's line. */
function incomeFor(rnd: Random, planned: Planned, line: number, category: HouseholdCategory, urban: boolean): number {
  if (planned === 'POOR') return floorK(line * uniform(rnd, 0.4, 1));
  if (planned === 'NEAR_POOR') return floorK(line * uniform(rnd, 0.55, 1));
  if (category === HouseholdCategory.NEWLY_ESCAPED) return ceilK(line * uniform(rnd, 1.02, 1.45));
  return ceilK(line * Math.max(1.02, Math.exp((urban ? 1.1 : 0.95) + 0.45 * normal(rnd))));
}

function review(
  id: string,
  householdId: string,
  round: ReviewRound,
  area: Area,
  income: number,
  deprivations: boolean[],
  planned: Planned,
  commune: Pick<RegistryCommune, 'code' | 'unitId'>,
): Row<PovertyReview> {
  const result = classify({ incomePerPersonMonthly: income, deprivations, area, standard: round.standard });
  if (!matches(result.classification, planned)) {
    throw new Error(`seed: planned ${planned} but classified ${result.classification} (${result.reasons.join('; ')})`);
  }
  return {
    id,
    householdId,
    communeId: commune.unitId,
    year: round.year,
    reviewDate: round.reviewDate,
    state: ReviewState.CERTIFIED,
    incomePerPerson: income,
    deprivedIndicators: result.deprivedIndicators,
    standardCode: result.standardCode,
    classification: result.classification as PovertyClass,
    reasons: result.reasons,
    certifiedBy: `commune-chair-${commune.code}`,
    certifiedOn: round.certifiedOn,
    correctionOf: null,
  };
}

/** A 12-digit citizen id: province of birth, century-and-sex digit, year of birth, 6-digit serial. */
function nationalId(seed: number, commune: RegistryCommune, household: number, female: boolean, birthYear: number): string {
  const centurySex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const yy = birthYear % 100;
  // For a fixed (province, digit, year), an affine bijection of the household's index within its
  // province: unique across households; a household holds each (digit, year) at most once.
  const local = household - commune.province.firstHousehold;
  const offset = mix(seed, 0x1d000 + centurySex * 100 + yy) % 1_000_000;
  const serial = (local * 738_181 + offset) % 1_000_000;
  return `0${commune.province.code}${centurySex}${yy < 10 ? '0' : ''}${yy}${String(serial).padStart(6, '0')}`;
}

/**
 * The registry rows of household `h` (global index) of a data set of seed `seed` in `commune`,
 * drawn from `rnd`; `leads`: the savings group (index) it leads, whose village it lives in.
 */
export function generateRegistryHousehold(
  rnd: Random,
  seed: number,
  commune: RegistryCommune,
  h: number,
  leads: number | null,
  ids: { household: string; member: (m: number) => string; review: (k: number) => string },
): RegistryHousehold {
  const urban = commune.area === Area.URBAN;
  const area = commune.area;
  const id = ids.household;

  const roll = rnd.next();
  const { poor, nearPoor, newlyEscaped } = commune.rates;
  const category =
    roll < poor
      ? HouseholdCategory.POOR
      : roll < poor + nearPoor
        ? HouseholdCategory.NEAR_POOR
        : roll < poor + nearPoor + newlyEscaped
          ? HouseholdCategory.NEWLY_ESCAPED
          : HouseholdCategory.NOT_POOR;
  const targeted = category !== HouseholdCategory.NOT_POOR;
  const kinh = rnd.chance(targeted ? commune.kinhShare * 0.4 : commune.kinhShare);
  const ethnicity = kinh ? 'Kinh' : rnd.pick(MINORITIES);
  const size = 2 + pickWeighted(targeted ? SIZE_WEIGHTS.targeted : SIZE_WEIGHTS.other, rnd.next());
  const persons = people(rnd, size, category, ethnicity);

  // Members; the (century-sex digit, birth year) of id holders is unique within the household.
  const held = new Set<number>();
  let working = 0;
  let dependants = 0;
  let child = false;
  let youngAdult = false;
  const members: Row<Member>[] = [];
  for (let m = 0; m < persons.length; m++) {
    const p = persons[m] as Person;
    let birthYear = AGE_YEAR - p.age;
    const sexKey = p.female ? 1 : 0;
    while (AGE_YEAR - birthYear >= ID_CARD_AGE && held.has(birthYear * 2 + sexKey)) birthYear++;
    const age = AGE_YEAR - birthYear;
    const hasId = age >= ID_CARD_AGE;
    if (hasId) held.add(birthYear * 2 + sexKey);
    // Dependants (indicator 2): children, the elderly and the disabled. Able to work: 15 to 64.
    if (age < 15 || age >= 60 || p.disability) dependants++;
    if (age >= 15 && age < 65 && !p.disability) working++;
    if (age < 16) child = true;
    if (age >= 16 && age <= 30) youngAdult = true;
    const start = dayFromCivil(birthYear, 1, 1);
    members.push({
      id: ids.member(m),
      householdId: id,
      fullName: `${p.family} ${rnd.pick(p.female ? MIDDLE_F : MIDDLE_M)} ${rnd.pick(p.female ? GIVEN_F : GIVEN_M)}`,
      dateOfBirth: isoOfDay(dayBetween(rnd, start, dayFromCivil(birthYear, 12, 31))),
      sex: p.female ? Sex.FEMALE : Sex.MALE,
      nationalId: hasId ? nationalId(seed, commune, h, p.female, birthYear) : null,
      relationToHead: p.relation,
      ethnicity: p.ethnicity,
      disability: p.disability,
      leftOn: null,
      leftReason: null,
    });
  }

  // Reviews: last year's class from this year's category, then incomes and deprivations that
  // give those classes, classified by the registry's own rule.
  const plannedNow = PLANNED_NOW[category];
  const previousOptions = PREVIOUS[category];
  let u = rnd.next();
  let plannedBefore = (previousOptions[previousOptions.length - 1] as [Planned, number])[0];
  for (const [planned, share] of previousOptions) {
    if (u < share) {
      plannedBefore = planned;
      break;
    }
    u -= share;
  }
  const eligible = [working > 0, true, child, true, youngAdult, child, true, true, true, true, true, true];
  const dependantsDeprived = dependants * 2 > persons.length;
  const [before, now] = commune.rounds as [ReviewRound, ReviewRound];
  const lineNow = now.standard.lines[area].povertyLine;
  const lineBefore = before.standard.lines[area].povertyLine;
  const incomeNow = incomeFor(rnd, plannedNow, lineNow, category, urban);
  const incomeBefore = onList(plannedBefore)
    ? incomeFor(rnd, plannedBefore, lineBefore, category, urban)
    : onList(plannedNow)
      ? ceilK(lineBefore * uniform(rnd, 1.02, 1.3))
      : Math.max(ceilK(lineBefore * 1.02), floorK(incomeNow * uniform(rnd, 0.85, 1)));
  const deprivedBefore = deprive(rnd, plannedBefore, eligible, dependantsDeprived, urban);
  const deprivedNow = deprive(rnd, plannedNow, eligible, dependantsDeprived, urban, deprivedBefore);
  const reviews = [
    review(ids.review(0), id, before, area, incomeBefore, deprivedBefore, plannedBefore, commune),
    review(ids.review(1), id, now, area, incomeNow, deprivedNow, plannedNow, commune),
  ];

  // A savings group's leader lives in the group's village.
  const picked = rnd.pick(commune.villages);
  const village = leads === null ? picked : (commune.villages[leads % commune.villages.length] as typeof picked);
  const household: Row<Household> = {
    id,
    code: `${commune.code}-${String(h - commune.firstHousehold + 1).padStart(5, '0')}`,
    communeCode: commune.code,
    communeId: commune.unitId,
    provinceCode: commune.province.code,
    recordedCommuneId: commune.unitId,
    // Spread over 2016 to mid-2024 by position (no draw: the random sequence stays as it was).
    registeredOn: isoOfDay(REGISTERED_FROM + ((h * 7919) % 3_100)),
    village: village.name,
    address: village.address,
    area,
    category,
    noWorkingCapacity: working === 0,
    // A household of an ethnic minority: the head or the spouse belongs to one.
    ethnicMinority: persons.slice(0, 2).some((p) => p.ethnicity !== 'Kinh'),
    meritoriousFamily: rnd.chance(0.03),
    monthlyIncomePerPerson: incomeNow,
  };
  return {
    household,
    members,
    reviews,
    category,
    targeted,
    listedBefore: onList(plannedBefore),
    before: plannedBefore,
    deprivedBefore,
    deprivedNow,
    working,
    urban,
    village,
  };
}
