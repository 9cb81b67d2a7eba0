import { communeProductionPlans, type ProductionPlan, type ProductionProjectRow } from '@gnbv/agriculture';
import { communeProducts, type CommunicationProductRow } from '@gnbv/culture-information';
import {
  dayFromCivil,
  dayOfIso,
  isoOfDay,
  mix,
  officesOf,
  Random,
  unitBudgetLines,
  type BudgetLineRow,
  type DisbursementRow,
  type Offices,
  type Row,
  type UnitBudget,
} from '@gnbv/kit';
import type { AdminUnit, Area, RegistryCommune, ReviewRound, Village } from '@gnbv/labor';
import { AdminLevel, BUILT_IN_STANDARDS, standardInForce } from '@gnbv/labor';
import {
  communeNetwork,
  MIGRATION_PROGRAMMES,
  ORGANISATIONS,
  type LendingCommune,
  type ProgrammeVersionRow,
  type SavingsGroupRow,
  type TransactionPointRow,
} from '@gnbv/social-policy-bank';
import { BUDGET_LINES, PROGRAMME_AGENCIES, type ProgrammeAgency } from './agencies';
import { COMMUNE_SLOT, communeRow, householdRow, provinceRow, rowUuid, SLOT } from './ids';

/*
 * The territory of a seeded data set, scaled to its size: communes of 1,500 to 3,000
 * households (about one in five an urban ward), up to 120 communes per province. Each commune
 * carries what its households are drawn from (poverty rates, villages, review dates, savings
 * groups). Small: about 450 communes for a million households, so it is built whole, once.
 */

export type { Row };
export type { ReviewRound, Village };

export const MAX_HOUSEHOLDS = 5_000_000;
const COMMUNE_MIN = 1_500;
const COMMUNE_MAX = 3_000;
const COMMUNES_PER_PROVINCE = 120;
/** The review rounds every seeded household went through. */
export const REVIEW_YEARS = [2024, 2025] as const;

/** Names are real provinces (codes as in the statistics office's list); communes and people are invented. */
const PROVINCES = [
  { code: '11', name: 'Tỉnh Điện Biên' },
  { code: '12', name: 'Tỉnh Lai Châu' },
  { code: '14', name: 'Tỉnh Sơn La' },
  { code: '15', name: 'Tỉnh Lào Cai' },
  { code: '08', name: 'Tỉnh Tuyên Quang' },
  { code: '04', name: 'Tỉnh Cao Bằng' },
  { code: '20', name: 'Tỉnh Lạng Sơn' },
  { code: '19', name: 'Tỉnh Thái Nguyên' },
  { code: '25', name: 'Tỉnh Phú Thọ' },
  { code: '22', name: 'Tỉnh Quảng Ninh' },
  { code: '38', name: 'Tỉnh Thanh Hóa' },
  { code: '40', name: 'Tỉnh Nghệ An' },
] as const;

// Syllables of northern place names; a commune's name is a pair, unique within its province.
const FIRST = ['Mường', 'Nà', 'Pá', 'Huổi', 'Nậm', 'Chiềng', 'Tà', 'Sín', 'Phìn', 'Na', 'Quài', 'Tủa', 'Si', 'Xá', 'Búng'];
const SECOND = ['Nhé', 'Khoa', 'Lay', 'Thín', 'Hẹ', 'Pồ', 'Chải', 'Lếch', 'Tòng', 'Sang', 'Luông', 'Mùn', 'Ảng', 'Chà', 'Lao'];
const HAMLET = ['Púng', 'Bó', 'Cang', 'Hin', 'Nong', 'Phai', 'Co', 'Sáng', 'Lụa', 'Pao', 'Đông', 'Kéo', 'Mới', 'Nghịu'];

/** The programme years the seed has budget lines for. */
export const PROGRAMME_YEARS = [2024, 2025] as const;
export { PROGRAMME_AGENCIES };

export interface Province {
  code: string;
  name: string;
  /** Its administrative unit's id. */
  unitId: string;
  firstHousehold: number;
  households: number;
}

export interface Commune extends RegistryCommune {
  index: number;
  /** Its administrative unit's id (the current version: the seed has no reform history). */
  unitId: string;
  code: string;
  name: string;
  area: Area;
  province: Province;
  firstHousehold: number;
  households: number;
  villages: Village[];
  /** Shares of households in each current category. */
  rates: { poor: number; nearPoor: number; newlyEscaped: number };
  /** Share of Kinh households among those above the line (lower among the poor). */
  kinhShare: number;
  rounds: readonly ReviewRound[];
  /** Day numbers of each round's certification: a household's category changes on these days. */
  certifiedDays: readonly number[];
  /** The bank's transaction point in the commune, and its savings groups (2 to 4). */
  transactionPoint: TransactionPointRow;
  savingsGroups: SavingsGroupRow[];
  /** What the lending generator needs of the commune: its groups, meeting day, inspection. */
  lending: LendingCommune;
  /** The households (global index) leading a savings group, with the group's index. */
  leaders: ReadonlyMap<number, number>;
  offices: Offices;
  /** Project 3 production projects and models (agriculture), supports of which go to households. */
  productionProjects: ProductionPlan[];
}

export type { ProductionPlan };

export interface Geography {
  seed: number;
  /** The bank's programme versions the loans are made under (the bank's database's, when seeding). */
  programmes: readonly ProgrammeVersionRow[];
  /** Hash of the seed, mixed into every id. */
  seedHash: number;
  households: number;
  provinces: Province[];
  communes: Commune[];
}

const uniform = (rnd: Random, min: number, max: number) => min + rnd.next() * (max - min);
const randomDay = (rnd: Random, from: number, to: number) => isoOfDay(from + Math.floor(rnd.next() * (to - from + 1)));

/**
 * The territory for `households` households and a seed: the same arguments, the same territory.
 * `programmes`: the bank's programme versions loans are made under (by default the ones its
 * migration writes, with placeholder ids: the seed passes the database's).
 */
export function buildGeography(
  households: number,
  seed: number,
  programmes: readonly ProgrammeVersionRow[] = MIGRATION_PROGRAMMES,
): Geography {
  if (!Number.isSafeInteger(households) || households < 1 || households > MAX_HOUSEHOLDS) {
    throw new RangeError(`households must be a whole number from 1 to ${MAX_HOUSEHOLDS}, got ${households}`);
  }
  const seedHash = mix(seed, 0x5eed);
  const rnd = new Random(mix(seed, 0x6e0));
  const communeCount = Math.max(1, Math.round(households / ((COMMUNE_MIN + COMMUNE_MAX) / 2)));
  // Boundaries from cumulative random weights: every commune gets 1,500-3,000 households in proportion, summing to N.
  const weights = Array.from({ length: communeCount }, () => uniform(rnd, COMMUNE_MIN, COMMUNE_MAX));
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds = [0];
  let running = 0;
  for (const w of weights) bounds.push(Math.round(((running += w) / total) * households));
  bounds[communeCount] = households;

  const provinceCount = Math.min(PROVINCES.length, Math.ceil(communeCount / COMMUNES_PER_PROVINCE));
  const perProvince = Math.ceil(communeCount / provinceCount);
  const provinces: Province[] = [];
  const communes: Commune[] = [];
  for (let i = 0; i < communeCount; i++) {
    const p = Math.floor(i / perProvince);
    const local = i - p * perProvince;
    if (local === 0) {
      provinces.push({
        ...(PROVINCES[p] as (typeof PROVINCES)[number]),
        unitId: rowUuid(seedHash, provinceRow(p)),
        firstHousehold: bounds[i] as number,
        households: 0,
      });
    }
    const province = provinces[p] as Province;
    const crnd = new Random(mix(seed, 0xc0de0000 + i));
    const urban = communeCount === 1 ? false : crnd.chance(0.2);
    const stem = `${FIRST[local % FIRST.length]} ${SECOND[Math.floor(local / FIRST.length) % SECOND.length]}`;
    const suffix = local >= FIRST.length * SECOND.length ? ` ${Math.floor(local / (FIRST.length * SECOND.length)) + 1}` : '';
    const name = `${urban ? 'Phường' : 'Xã'} ${stem}${suffix}`;
    const code = String(100 + 3 * i).padStart(5, '0');
    const villageCount = urban ? crnd.int(10, 24) : crnd.int(8, 16);
    const villages = Array.from({ length: villageCount }, (_, v) => {
      const village = urban
        ? `Tổ dân phố ${v + 1}`
        : v < HAMLET.length
          ? `Bản ${HAMLET[(v + i) % HAMLET.length]}`
          : `Thôn ${v - HAMLET.length + 1}`;
      return { name: village, address: `${village}, ${name}, ${province.name}` };
    });
    const rates = urban
      ? { poor: uniform(crnd, 0.005, 0.015), nearPoor: uniform(crnd, 0.015, 0.03), newlyEscaped: uniform(crnd, 0.005, 0.015) }
      : { poor: uniform(crnd, 0.03, 0.065), nearPoor: uniform(crnd, 0.04, 0.07), newlyEscaped: uniform(crnd, 0.015, 0.03) };
    const rounds = REVIEW_YEARS.map((year) => {
      const reviewDate = randomDay(crnd, dayFromCivil(year, 9, 20), dayFromCivil(year, 11, 20));
      return {
        year,
        reviewDate,
        certifiedOn: randomDay(crnd, dayFromCivil(year, 12, 1), dayFromCivil(year, 12, 20)),
        standard: standardInForce(BUILT_IN_STANDARDS, reviewDate),
      };
    });
    const firstHousehold = bounds[i] as number;
    const count = (bounds[i + 1] as number) - firstHousehold;
    const groupCount = Math.min(crnd.int(2, 4), count);
    const firstOrg = crnd.int(0, ORGANISATIONS.length - 1);
    // The bank's network in the commune: a stream of its own, so the rest of the territory stays as it was.
    const network = communeNetwork(
      new Random(mix(seed, 0xba000000 + i)),
      { code, name, provinceCode: province.code, villages, firstHousehold, households: count },
      groupCount,
      firstOrg,
      {
        transactionPoint: rowUuid(seedHash, communeRow(i, COMMUNE_SLOT.transactionPoint)),
        group: (g) => rowUuid(seedHash, communeRow(i, COMMUNE_SLOT.savingsGroup + g)),
        household: (index) => rowUuid(seedHash, householdRow(index, SLOT.household)),
      },
    );
    province.households += count;
    const offices = officesOf(name, province.name);
    communes.push({
      index: i,
      unitId: rowUuid(seedHash, communeRow(i, COMMUNE_SLOT.adminUnit)),
      code,
      name,
      area: (urban ? 'URBAN' : 'RURAL') as Area,
      province,
      firstHousehold,
      households: count,
      villages,
      rates,
      kinhShare: urban ? uniform(crnd, 0.6, 0.9) : uniform(crnd, 0.05, 0.35),
      rounds,
      certifiedDays: rounds.map((r) => dayOfIso(r.certifiedOn)),
      ...network,
      offices,
      productionProjects: communeProductionPlans(
        new Random(mix(seed, 0xa9000000 + i)),
        (k) => rowUuid(seedHash, communeRow(i, COMMUNE_SLOT.productionProject + k)),
        {
          code,
          name,
          provinceCode: province.code,
          urban,
          households: count,
          targetedShare: rates.poor + rates.nearPoor + rates.newlyEscaped,
          offices,
        },
      ),
    });
  }
  // National id serials are unique per province of birth only up to a million households.
  for (const p of provinces)
    if (p.households >= 1_000_000) throw new RangeError(`province ${p.code} would exceed 999,999 households`);
  return { seed, programmes, seedHash, households, provinces, communes };
}

/** The commune of the household with global index `household` (binary search over the communes). */
export function communeOf(geography: Geography, household: number): Commune {
  const { communes } = geography;
  let lo = 0;
  let hi = communes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((communes[mid] as Commune).firstHousehold <= household) lo = mid;
    else hi = mid - 1;
  }
  return communes[lo] as Commune;
}

/** One agency's budget lines and their disbursements. */
export interface AgencyBudget {
  lines: BudgetLineRow[];
  disbursements: DisbursementRow[];
}

/** The rows that belong to the territory rather than to a household. */
export interface TerritoryRows {
  adminUnits: Row<AdminUnit>[];
  transactionPoints: TransactionPointRow[];
  savingsGroups: SavingsGroupRow[];
  communicationProducts: CommunicationProductRow[];
  productionProjects: ProductionProjectRow[];
  /** Budget lines of every commune and province, per agency. */
  budgets: Record<ProgrammeAgency, AgencyBudget>;
}

/**
 * Budget lines of each commune and of each province's own offices, per agency and programme
 * year, with their disbursements: ids from the unit's own range, one counter across agencies.
 */
function budgets(geography: Geography): Record<ProgrammeAgency, AgencyBudget> {
  const out = {} as Record<ProgrammeAgency, AgencyBudget>;
  for (const agency of PROGRAMME_AGENCIES) out[agency] = { lines: [], disbursements: [] };
  const fill = (rnd: Random, unit: UnitBudget, row: (slot: number) => number) => {
    let lines = 0;
    let paid = 0;
    const ids = {
      line: () => {
        if (lines >= COMMUNE_SLOT.disbursement - COMMUNE_SLOT.budgetLine)
          throw new RangeError(`too many budget lines in ${unit.unitCode}`);
        return rowUuid(geography.seedHash, row(COMMUNE_SLOT.budgetLine + lines++));
      },
      disbursement: () => {
        if (paid >= COMMUNE_SLOT.adminUnit - COMMUNE_SLOT.disbursement)
          throw new RangeError(`too many disbursements in ${unit.unitCode}`);
        return rowUuid(geography.seedHash, row(COMMUNE_SLOT.disbursement + paid++));
      },
    };
    for (const year of PROGRAMME_YEARS) {
      for (const agency of PROGRAMME_AGENCIES) {
        const { lines: l, disbursements: d } = unitBudgetLines(rnd, unit, BUDGET_LINES[agency] ?? [], year, ids);
        out[agency].lines.push(...l);
        out[agency].disbursements.push(...d);
      }
    }
  };
  geography.provinces.forEach((p, i) => {
    const unit: UnitBudget = { unitCode: p.code, provinceCode: p.code, households: p.households, weight: 1, level: 'province' };
    fill(new Random(mix(geography.seed, 0xb1000000 + i)), unit, (slot) => provinceRow(i, slot));
  });
  for (const c of geography.communes) {
    const listed = c.rates.poor + c.rates.nearPoor;
    const unit: UnitBudget = {
      unitCode: c.code,
      provinceCode: c.province.code,
      households: c.households,
      // Poorer communes get more per household.
      weight: Math.min(2, Math.max(0.3, listed / 0.09)),
      level: 'commune',
    };
    fill(new Random(mix(geography.seed, 0xb0000000 + c.index)), unit, (slot) => communeRow(c.index, slot));
  }
  return out;
}

/** The rows that belong to the territory rather than to a household: units, transaction points and savings groups, communication products, production projects, budgets. */
export function geographyRows(geography: Geography): TerritoryRows {
  // Units of the two-tier system, in force since the 2025 reform; the seed records no history.
  const since = { validFrom: '2025-07-01', validTo: null, districtName: null };
  const adminUnits: Row<AdminUnit>[] = geography.provinces.map((p) => ({
    id: p.unitId,
    code: p.code,
    name: p.name,
    level: AdminLevel.PROVINCE,
    parentCode: null,
    parentId: null,
    ...since,
  }));
  const transactionPoints: TransactionPointRow[] = [];
  const savingsGroups: SavingsGroupRow[] = [];
  const communicationProducts: CommunicationProductRow[] = [];
  const productionProjects: ProductionProjectRow[] = [];
  for (const c of geography.communes) {
    adminUnits.push({
      id: c.unitId,
      code: c.code,
      name: c.name,
      level: AdminLevel.COMMUNE,
      parentCode: c.province.code,
      parentId: c.province.unitId,
      ...since,
    });
    transactionPoints.push(c.transactionPoint);
    savingsGroups.push(...c.savingsGroups);
    productionProjects.push(...c.productionProjects.map((p) => p.row));
    communicationProducts.push(
      ...communeProducts(
        new Random(mix(geography.seed, 0xc1000000 + c.index)),
        (k) => rowUuid(geography.seedHash, communeRow(c.index, COMMUNE_SLOT.communicationProduct + k)),
        { code: c.code, provinceCode: c.province.code, urban: c.area === 'URBAN', households: c.households, offices: c.offices },
      ),
    );
  }
  return {
    adminUnits,
    transactionPoints,
    savingsGroups,
    communicationProducts,
    productionProjects,
    budgets: budgets(geography),
  };
}
