import { BUILT_IN_STANDARDS, classify, deprivationsFromNumbers, standardInForce } from '@gnbv/labor';
import { generateChunk, generateHouseholds, type ChunkRows } from './generate';
import { buildGeography, communeOf, geographyRows } from './geography';

const geography = buildGeography(200_000, 7);

// A sample across the whole territory: 40 slices of 1,000 households, one every 5,000.
const sample: ChunkRows = (() => {
  const all: ChunkRows = {
    households: [],
    members: [],
    reviews: [],
    productionSupports: [],
    informationSupports: [],
    loans: [],
  };
  for (let i = 0; i < 40; i++) {
    const part = generateHouseholds(geography, i * 5_000, i * 5_000 + 1_000);
    for (const key of Object.keys(all) as (keyof ChunkRows)[]) (all[key] as unknown[]).push(...part[key]);
  }
  return all;
})();

const share = (n: number, of: number) => n / of;

describe('the territory', () => {
  test('communes hold 1,500 to 3,000 households, summing to N, at most 120 per province', () => {
    const g = buildGeography(1_000_000, 1);
    expect(g.communes.reduce((n, c) => n + c.households, 0)).toBe(1_000_000);
    for (const c of g.communes) {
      expect(c.households).toBeGreaterThanOrEqual(1_500);
      expect(c.households).toBeLessThanOrEqual(3_000);
    }
    for (const p of g.provinces) expect(g.communes.filter((c) => c.province === p).length).toBeLessThanOrEqual(120);
    expect(new Set(g.communes.map((c) => c.code)).size).toBe(g.communes.length);
    expect(g.communes.some((c) => c.area === 'URBAN')).toBe(true);
    expect(g.communes.some((c) => c.area === 'RURAL')).toBe(true);
  });

  test('a small data set is one commune of a province; zero or too many households are refused', () => {
    const g = buildGeography(100, 1);
    expect(g.communes).toHaveLength(1);
    expect(g.communes[0]?.households).toBe(100);
    expect(() => buildGeography(0, 1)).toThrow(RangeError);
    expect(() => buildGeography(5_000_001, 1)).toThrow(RangeError);
  });

  test('every household belongs to the commune whose range holds it', () => {
    for (const c of geography.communes) {
      expect(communeOf(geography, c.firstHousehold)).toBe(c);
      expect(communeOf(geography, c.firstHousehold + c.households - 1)).toBe(c);
    }
  });

  test('units form a tree; savings groups and communication products belong to existing communes', () => {
    const rows = geographyRows(geography);
    const codes = new Set(rows.adminUnits.map((u) => u.code));
    for (const u of rows.adminUnits) if (u.parentCode !== null) expect(codes.has(u.parentCode)).toBe(true);
    for (const g of rows.savingsGroups) expect(codes.has(g.communeCode)).toBe(true);
    for (const p of rows.communicationProducts) expect(codes.has(p.communeCode)).toBe(true);
    expect(new Set(rows.savingsGroups.map((g) => g.code)).size).toBe(rows.savingsGroups.length);
    expect(rows.communicationProducts.length).toBeGreaterThanOrEqual(4 * geography.communes.length);
  });
});

describe('generating households', () => {
  test('the same seed and chunk give the same rows; another seed gives other rows', () => {
    const again = buildGeography(200_000, 7);
    expect(generateChunk(again, 3, 500)).toEqual(generateChunk(geography, 3, 500));
    const other = generateChunk(buildGeography(200_000, 8), 3, 500);
    expect(other.households.map((h) => h.id)).not.toEqual(generateChunk(geography, 3, 500).households.map((h) => h.id));
  });

  test('a chunk is the same rows whatever the chunk size', () => {
    const whole = generateChunk(geography, 1, 600);
    const halves = [generateChunk(geography, 2, 300), generateChunk(geography, 3, 300)];
    for (const key of Object.keys(whole) as (keyof ChunkRows)[]) {
      expect(halves.flatMap((h) => h[key] as unknown[])).toEqual(whole[key]);
    }
  });

  test('the last chunk is short and a chunk past the end is refused', () => {
    const g = buildGeography(1_050, 1);
    expect(generateChunk(g, 1, 1_000).households).toHaveLength(50);
    expect(() => generateHouseholds(g, 1_000, 1_051)).toThrow(RangeError);
  });

  test('poor 3-5%, near-poor 4-6%, newly escaped about 2%, the rest not poor', () => {
    const n = sample.households.length;
    const count = (category: string) => sample.households.filter((h) => h.category === category).length;
    expect(share(count('POOR'), n)).toBeGreaterThanOrEqual(0.03);
    expect(share(count('POOR'), n)).toBeLessThanOrEqual(0.05);
    expect(share(count('NEAR_POOR'), n)).toBeGreaterThanOrEqual(0.04);
    expect(share(count('NEAR_POOR'), n)).toBeLessThanOrEqual(0.06);
    expect(share(count('NEWLY_ESCAPED'), n)).toBeGreaterThanOrEqual(0.01);
    expect(share(count('NEWLY_ESCAPED'), n)).toBeLessThanOrEqual(0.03);
  });

  test('households have 2 to 6 members, one head, and codes unique within their commune', () => {
    const byHousehold = new Map<string, number>();
    for (const m of sample.members) byHousehold.set(m.householdId, (byHousehold.get(m.householdId) ?? 0) + 1);
    const sizes = new Set(sample.households.map((h) => byHousehold.get(h.id) ?? 0));
    expect([...sizes].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(sample.members.filter((m) => m.relationToHead === 'HEAD')).toHaveLength(sample.households.length);
    expect(new Set(sample.households.map((h) => `${h.communeCode}/${h.code}`)).size).toBe(sample.households.length);
  });

  test('households that cannot work are few, and more frequent among the poor', () => {
    const rate = (category: string) => {
      const group = sample.households.filter((h) => h.category === category);
      return group.filter((h) => h.noWorkingCapacity).length / group.length;
    };
    expect(rate('NOT_POOR')).toBeLessThan(0.06);
    expect(rate('POOR')).toBeGreaterThan(2 * rate('NOT_POOR'));
  });

  test('national ids are 12 digits: province of birth, century-and-sex digit, year of birth, serial', () => {
    const communeByCode = new Map(geography.communes.map((c) => [c.code, c]));
    const householdById = new Map(sample.households.map((h) => [h.id, h]));
    const wrong = sample.members.filter((m) => {
      const born = Number(m.dateOfBirth.slice(0, 4));
      if (2025 - born < 14) return m.nationalId !== null;
      const province = communeByCode.get(householdById.get(m.householdId)?.communeCode ?? '')?.province.code;
      const expected = `0${province}${(born >= 2000 ? 2 : 0) + (m.sex === 'FEMALE' ? 1 : 0)}${String(born % 100).padStart(2, '0')}`;
      return !/^\d{12}$/.test(m.nationalId ?? '') || m.nationalId?.slice(0, 6) !== expected;
    });
    expect(wrong).toEqual([]);
    expect(sample.members.filter((m) => m.nationalId !== null).length).toBeGreaterThan(sample.households.length * 2);
  });

  test('national ids are unique within a chunk, and across a whole data set', () => {
    const chunk = generateChunk(geography, 0, 10_000);
    const ids = chunk.members.map((m) => m.nationalId).filter((id) => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
    const whole = generateHouseholds(buildGeography(30_000, 3), 0, 30_000);
    const all = whole.members.map((m) => m.nationalId).filter((id) => id !== null);
    expect(new Set(all).size).toBe(all.length);
  });

  test('ids are unique across all tables and shaped like version-7 UUIDs', () => {
    const ids = [
      ...sample.households,
      ...sample.members,
      ...sample.reviews,
      ...sample.productionSupports,
      ...sample.informationSupports,
      ...sample.loans,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
  });

  test('names are in Unicode NFC, as the registry stores them', () => {
    const texts = [...sample.members.map((m) => m.fullName), ...sample.households.map((h) => h.address)];
    expect(texts.filter((t) => t !== t.normalize('NFC'))).toEqual([]);
  });
});

describe('reviews', () => {
  const household = new Map(sample.households.map((h) => [h.id, h]));
  const reviewsOf = new Map<string, typeof sample.reviews>();
  for (const r of sample.reviews) reviewsOf.set(r.householdId, [...(reviewsOf.get(r.householdId) ?? []), r]);

  test("every household has certified 2024 and 2025 reviews; its income is 2025's", () => {
    const wrong = sample.households.filter((h) => {
      const reviews = reviewsOf.get(h.id) ?? [];
      return (
        reviews.map((r) => `${r.year} ${r.state}`).join(', ') !== '2024 CERTIFIED, 2025 CERTIFIED' ||
        h.monthlyIncomePerPerson !== reviews[1]?.incomePerPerson ||
        reviews.some((r) => !(r.certifiedOn! > r.reviewDate))
      );
    });
    expect(wrong).toEqual([]);
  });

  test('each review is the labor classification of its income and deprivations under the standard of its date', () => {
    const wrong = sample.reviews.filter((r) => {
      const result = classify({
        incomePerPersonMonthly: r.incomePerPerson as number,
        deprivations: deprivationsFromNumbers(r.deprivedIndicators),
        area: household.get(r.householdId)?.area as 'RURAL' | 'URBAN',
        standard: standardInForce(BUILT_IN_STANDARDS, r.reviewDate),
      });
      return (
        r.classification !== result.classification ||
        r.standardCode !== result.standardCode ||
        r.reasons.join('\n') !== result.reasons.join('\n')
      );
    });
    expect(wrong).toEqual([]);
  });

  test("the category follows from the reviews: this year's list, or escaped from last year's poor list", () => {
    const onList = (c: string | null | undefined) => c === 'POOR' || c === 'NEAR_POOR';
    const wrong = sample.households.filter((h) => {
      const [before, now] = (reviewsOf.get(h.id) ?? []).map((r) => r.classification);
      return h.category !== (onList(now) ? now : before === 'POOR' ? 'NEWLY_ESCAPED' : 'NOT_POOR');
    });
    expect(wrong).toEqual([]);
  });

  test('indicators 11 and 12 (telecom, devices) are more common among the poor; deprivations vary', () => {
    const latest = sample.reviews.filter((r) => r.year === 2025);
    const rate = (cls: string[], indicator: number) => {
      const group = latest.filter((r) => cls.includes(r.classification as string));
      return group.filter((r) => r.deprivedIndicators.includes(indicator)).length / group.length;
    };
    for (const indicator of [11, 12]) {
      expect(rate(['POOR'], indicator)).toBeGreaterThan(3 * rate(['AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'], indicator));
    }
    const seen = new Set(latest.flatMap((r) => r.deprivedIndicators));
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe("the other agencies' rows", () => {
  const household = new Map(sample.households.map((h) => [h.id, h]));

  test('supports and loans go to targeted households of the same commune, through its savings groups', () => {
    const groups = new Map(geographyRows(geography).savingsGroups.map((g) => [g.id, g]));
    const supports = [...sample.productionSupports, ...sample.informationSupports];
    expect(
      supports.filter((s) => {
        const h = household.get(s.householdId);
        return h?.category === 'NOT_POOR' || s.communeCode !== h?.communeCode;
      }),
    ).toEqual([]);
    expect(
      sample.loans.filter((l) => {
        const h = household.get(l.householdId);
        return (
          l.communeCode !== h?.communeCode ||
          groups.get(l.savingsGroupId)?.communeCode !== l.communeCode ||
          (l.program !== 'CLEAN_WATER_SANITATION' && h.category === 'NOT_POOR') ||
          l.outstanding > l.principal ||
          l.maturesOn <= l.disbursedOn
        );
      }),
    ).toEqual([]);
  });

  test('a share of the targeted households has Project 3 and Project 6 supports and loans', () => {
    const targeted = sample.households.filter((h) => h.category !== 'NOT_POOR').length;
    const reached = (rows: { householdId: string }[]) => new Set(rows.map((r) => r.householdId)).size / targeted;
    expect(reached(sample.productionSupports)).toBeGreaterThan(0.2);
    expect(reached(sample.productionSupports)).toBeLessThan(0.5);
    expect(reached(sample.informationSupports)).toBeGreaterThan(0.05);
    expect(reached(sample.loans.filter((l) => l.program !== 'CLEAN_WATER_SANITATION'))).toBeGreaterThan(0.25);
  });

  test('nutrition packages only go to households with a child under 16', () => {
    const children = new Set(sample.members.filter((m) => Number(m.dateOfBirth.slice(0, 4)) > 2009).map((m) => m.householdId));
    const nutrition = sample.productionSupports.filter((x) => x.kind === 'NUTRITION_PACKAGE');
    expect(nutrition.length).toBeGreaterThan(0);
    expect(nutrition.filter((s) => !children.has(s.householdId))).toEqual([]);
  });
});
