import type { AdminUnit, Area } from '@gnbv/labor';
import { AdminLevel, BUILT_IN_STANDARDS, standardInForce } from '@gnbv/labor';
import type { CommunicationProduct } from '@gnbv/culture-information';
import { CommunicationProductKind } from '@gnbv/culture-information';
import type { SavingsGroup } from '@gnbv/social-policy-bank';
import { EntrustingOrganisation } from '@gnbv/social-policy-bank';
import { Random } from '../demo/random';
import { dayFromCivil, isoOfDay } from './dates';
import { COMMUNE_SLOT, communeRow, cumulate, mix, pickWeighted, provinceRow, rowUuid } from './ids';

/*
 * The territory of a seeded data set, scaled to its size: communes of 1,500 to 3,000
 * households (about one in five an urban ward), up to 120 communes per province. Each commune
 * carries what its households are drawn from (poverty rates, villages, review dates, savings
 * groups). Small: about 450 communes for a million households, so it is built whole, once.
 */

export type Row<T> = Omit<T, 'createdAt' | 'updatedAt'>;
/** A poverty standard as `classify` takes it (the type is not exported by name). */
export type PovertyStandard = ReturnType<typeof standardInForce>;

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

const ORGANISATIONS: readonly [EntrustingOrganisation, string][] = [
  [EntrustingOrganisation.WOMENS_UNION, 'Hội Phụ nữ'],
  [EntrustingOrganisation.FARMERS_UNION, 'Hội Nông dân'],
  [EntrustingOrganisation.VETERANS_ASSOCIATION, 'Hội Cựu chiến binh'],
  [EntrustingOrganisation.YOUTH_UNION, 'Đoàn Thanh niên'],
];

const PRODUCT_KINDS = [
  CommunicationProductKind.BROADCAST,
  CommunicationProductKind.LEAFLET,
  CommunicationProductKind.STAGED_PERFORMANCE,
  CommunicationProductKind.PUBLIC_INFORMATION_POINT,
] as const;
const PRODUCT_KIND_WEIGHTS = cumulate([40, 25, 15, 20]);
const PRODUCT_TITLES: Record<CommunicationProductKind, readonly string[]> = {
  BROADCAST: [
    'Bản tin giảm nghèo trên loa truyền thanh xã',
    'Chuyên mục: gương thoát nghèo ở bản',
    'Hỏi đáp chính sách hỗ trợ hộ cận nghèo',
    'Phát thanh tiếng dân tộc: vay vốn đúng mục đích',
  ],
  LEAFLET: ['Tờ gấp: quy trình rà soát hộ nghèo hằng năm', 'Tờ rơi: bảo hiểm y tế cho hộ cận nghèo', 'Sổ tay vay vốn ưu đãi'],
  STAGED_PERFORMANCE: ['Tiểu phẩm: bản làng thoát nghèo', 'Hội thi tuyên truyền viên giảm nghèo giỏi'],
  PUBLIC_INFORMATION_POINT: ['Điểm thông tin công cộng tại nhà văn hóa bản', 'Bảng tin điện tử tại trụ sở xã'],
};

export interface Province {
  code: string;
  name: string;
  /** Its administrative unit's id. */
  unitId: string;
  firstHousehold: number;
  households: number;
}

export interface Village {
  name: string;
  /** Village, commune, province: the household's address. */
  address: string;
}

/** One annual review round in a commune: its survey day, certification day and the standard in force. */
export interface ReviewRound {
  year: number;
  reviewDate: string;
  certifiedOn: string;
  standard: PovertyStandard;
}

export interface Commune {
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
  savingsGroups: Row<SavingsGroup>[];
}

export interface Geography {
  seed: number;
  /** Hash of the seed, mixed into every id. */
  seedHash: number;
  households: number;
  provinces: Province[];
  communes: Commune[];
}

const uniform = (rnd: Random, min: number, max: number) => min + rnd.next() * (max - min);
const randomDay = (rnd: Random, from: number, to: number) => isoOfDay(from + Math.floor(rnd.next() * (to - from + 1)));

/** The territory for `households` households and a seed: the same arguments, the same territory. */
export function buildGeography(households: number, seed: number): Geography {
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
    const groupCount = urban ? crnd.int(2, 4) : crnd.int(4, 8);
    const firstOrg = crnd.int(0, ORGANISATIONS.length - 1);
    const savingsGroups = Array.from({ length: groupCount }, (_, g) => {
      const [org, orgName] = ORGANISATIONS[(firstOrg + g) % ORGANISATIONS.length] as [EntrustingOrganisation, string];
      return {
        id: rowUuid(seedHash, communeRow(i, COMMUNE_SLOT.savingsGroup + g)),
        code: `${code}-TK${g + 1}`,
        name: `Tổ TK&VV ${(villages[g % villages.length] as Village).name} (${orgName})`,
        communeCode: code,
        provinceCode: province.code,
        entrustedTo: org,
      };
    });
    const firstHousehold = bounds[i] as number;
    const count = (bounds[i + 1] as number) - firstHousehold;
    province.households += count;
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
      savingsGroups,
    });
  }
  // National id serials are unique per province of birth only up to a million households.
  for (const p of provinces)
    if (p.households >= 1_000_000) throw new RangeError(`province ${p.code} would exceed 999,999 households`);
  return { seed, seedHash, households, provinces, communes };
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

/** The rows that belong to the territory rather than to a household: units, savings groups, communication products. */
export function geographyRows(geography: Geography): {
  adminUnits: Row<AdminUnit>[];
  savingsGroups: Row<SavingsGroup>[];
  communicationProducts: Row<CommunicationProduct>[];
} {
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
  const savingsGroups: Row<SavingsGroup>[] = [];
  const communicationProducts: Row<CommunicationProduct>[] = [];
  const from = dayFromCivil(2024, 1, 1);
  const to = dayFromCivil(2025, 11, 30);
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
    savingsGroups.push(...c.savingsGroups);
    const rnd = new Random(mix(geography.seed, 0xc1000000 + c.index));
    const count = c.area === 'URBAN' ? rnd.int(6, 14) : rnd.int(4, 10);
    for (let k = 0; k < count; k++) {
      const kind = PRODUCT_KINDS[pickWeighted(PRODUCT_KIND_WEIGHTS, rnd.next())] as CommunicationProductKind;
      const reach =
        kind === CommunicationProductKind.BROADCAST
          ? rnd.int(Math.floor(c.households * 1.5), c.households * 3)
          : kind === CommunicationProductKind.LEAFLET
            ? rnd.int(100, 1_500)
            : kind === CommunicationProductKind.STAGED_PERFORMANCE
              ? rnd.int(150, 800)
              : rnd.int(200, 3_000);
      communicationProducts.push({
        id: rowUuid(geography.seedHash, communeRow(c.index, COMMUNE_SLOT.communicationProduct + k)),
        communeCode: c.code,
        provinceCode: c.province.code,
        kind,
        title: rnd.pick(PRODUCT_TITLES[kind]),
        publishedOn: randomDay(rnd, from, to),
        audienceReach: reach,
      });
    }
  }
  return { adminUnits, savingsGroups, communicationProducts };
}
