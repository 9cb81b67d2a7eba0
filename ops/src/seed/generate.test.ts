import { MODELS } from '@gnbv/agriculture';
import { COMMUNICATION_SUB_PROJECT, INFORMATION_SUB_PROJECT } from '@gnbv/culture-information';
import {
  addMonths,
  BOOKS_AS_OF,
  certifiedCategoryOn,
  eligible,
  SUPPORT_RULES,
  type CategoryName,
  type SupportRow,
} from '@gnbv/kit';
import { BUILT_IN_STANDARDS, classify, deprivationsFromNumbers, standardInForce } from '@gnbv/labor';
import { lendingStats, lendingViolations, ORGANISATIONS, type LendingData } from '@gnbv/social-policy-bank';
import { BUDGET_LINES as AGENCY_BUDGET_LINES, agencyOfProject } from './agencies';
import { generateChunk, generateHouseholds, type ChunkRows } from './generate';
import { programmeViolations } from './programme-check';
import { buildGeography, communeOf, geographyRows, PROGRAMME_AGENCIES, PROGRAMME_YEARS } from './geography';

const geography = buildGeography(200_000, 7);

// A sample across the whole territory: 40 slices of 1,000 households, one every 5,000.
const sample: ChunkRows = (() => {
  const all: ChunkRows = {
    households: [],
    members: [],
    reviews: [],
    laborSupports: [],
    agricultureSupports: [],
    participants: [],
    cultureSupports: [],
    memberships: [],
    loans: [],
    instalments: [],
    repayments: [],
    purposeChecks: [],
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
      ...sample.laborSupports,
      ...sample.agricultureSupports,
      ...sample.cultureSupports,
      ...sample.memberships,
      ...sample.loans,
      ...sample.repayments,
      ...sample.purposeChecks,
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
  const supports: SupportRow[] = [...sample.laborSupports, ...sample.agricultureSupports, ...sample.cultureSupports];

  test('supports and loans go to households of the same commune, loans through its savings groups', () => {
    const groups = new Map(geographyRows(geography).savingsGroups.map((g) => [g.id, g]));
    expect(
      supports.filter((s) => {
        const h = household.get(s.householdId);
        return s.communeCode !== h?.communeCode || s.provinceCode !== h.provinceCode;
      }),
    ).toEqual([]);
    expect(
      sample.loans.filter((l) => {
        const h = household.get(l.householdId);
        return (
          l.communeCode !== h?.communeCode ||
          groups.get(l.savingsGroupId)?.communeCode !== l.communeCode ||
          (l.program !== 'CLEAN_WATER_SANITATION' && l.categoryAtDisbursement === 'NOT_POOR')
        );
      }),
    ).toEqual([]);
  });

  test('a share of the targeted households has supports from each agency, and loans', () => {
    const targeted = sample.households.filter((h) => h.category !== 'NOT_POOR').length;
    const reached = (rows: { householdId: string }[]) => new Set(rows.map((r) => r.householdId)).size / targeted;
    expect(reached(sample.laborSupports)).toBeGreaterThan(0.15);
    expect(reached(sample.laborSupports)).toBeLessThan(0.5);
    expect(reached(sample.agricultureSupports)).toBeGreaterThan(0.25);
    expect(reached(sample.agricultureSupports)).toBeLessThan(0.6);
    expect(reached(sample.cultureSupports)).toBeGreaterThan(0.05);
    expect(reached(sample.cultureSupports)).toBeLessThan(0.4);
    expect(reached(supports)).toBeLessThan(0.85);
    expect(reached(sample.loans.filter((l) => l.program !== 'CLEAN_WATER_SANITATION' && l.disbursedOn !== null))).toBeGreaterThan(
      0.25,
    );
    const kinds = new Set(supports.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(Object.keys(SUPPORT_RULES).sort());
  });
});

describe('supports', () => {
  const household = new Map(sample.households.map((h) => [h.id, h]));
  const reviewsOf = new Map<string, typeof sample.reviews>();
  for (const r of sample.reviews) reviewsOf.set(r.householdId, [...(reviewsOf.get(r.householdId) ?? []), r]);
  const memberById = new Map(sample.members.map((m) => [m.id, m]));
  const categoryOn = (householdId: string, date: string) =>
    certifiedCategoryOn(
      (reviewsOf.get(householdId) ?? []).map((r) => ({
        year: r.year,
        classification: r.classification as string,
        certifiedOn: r.certifiedOn as string,
      })),
      date,
    );
  const byAgency: [string, SupportRow[]][] = [
    ['labor', sample.laborSupports],
    ['agriculture', sample.agricultureSupports],
    ['culture-information', sample.cultureSupports],
  ];
  const all = byAgency.flatMap(([, rows]) => rows);
  const dates = (s: SupportRow) => [s.plannedOn, ...(s.deliveredOn ? [s.deliveredOn] : [])];

  test('break none of the rules the subgraphs and the tables enforce (programme-check.ts)', () => {
    const territory = geographyRows(geography);
    expect(
      programmeViolations({
        households: sample.households,
        members: sample.members,
        reviews: sample.reviews,
        supports: {
          labor: sample.laborSupports,
          agriculture: sample.agricultureSupports,
          'culture-information': sample.cultureSupports,
        },
        productionProjects: territory.productionProjects,
        participants: sample.participants,
        budgets: territory.budgets,
        communicationProducts: territory.communicationProducts,
        asOf: BOOKS_AS_OF,
      }),
    ).toEqual([]);
  });

  test("each agency records its own projects' kinds, with the rule's project and sub-project", () => {
    for (const [agency, rows] of byAgency) {
      expect(rows.length).toBeGreaterThan(100);
      expect(
        rows.filter((s) => {
          const rule = SUPPORT_RULES[s.kind];
          return agencyOfProject(rule.project) !== agency || s.project !== rule.project || s.subProject !== rule.subProject;
        }),
      ).toEqual([]);
    }
    expect(new Set(sample.laborSupports.map((s) => s.project))).toEqual(new Set([2, 4, 5]));
    expect(new Set(sample.cultureSupports.map((s) => `${s.project}.${s.subProject}`))).toEqual(
      new Set([`6.${INFORMATION_SUB_PROJECT}`]),
    );
  });

  test("the household's certified category on the planned and delivery dates is one the kind allows, and is the one recorded", () => {
    const wrong = all.filter((s) => {
      if (dates(s).some((d) => !eligible(s.kind, categoryOn(s.householdId, d)))) return true;
      return s.categoryOnDelivery !== (s.deliveredOn ? categoryOn(s.householdId, s.deliveredOn) : null);
    });
    expect(wrong).toEqual([]);
    // Every category that may receive support did, on some date: newly escaped too (December 2025).
    const seen = new Set(all.map((s) => s.categoryOnDelivery));
    expect([...seen].sort()).toEqual([null, 'NEAR_POOR', 'NEWLY_ESCAPED', 'POOR'].sort());
    // Households that escaped poverty in December 2025 were supported while poor.
    const escaped = all.filter((s) => household.get(s.householdId)?.category === 'NEWLY_ESCAPED');
    expect(escaped.filter((s) => s.categoryOnDelivery === 'POOR').length).toBeGreaterThan(10);
  });

  test('nutrition goes to one child of the household, under 16 on every date; training and jobs to a member; the rest to the household', () => {
    const under16 = (memberId: string, date: string) => {
      const m = memberById.get(memberId);
      return m !== undefined && m.dateOfBirth <= date && addMonths(m.dateOfBirth, 16 * 12) > date;
    };
    const wrong = all.filter((s) => {
      const recipient = SUPPORT_RULES[s.kind].recipient;
      if (recipient === 'household') return s.memberId !== null;
      const member = s.memberId === null ? undefined : memberById.get(s.memberId);
      if (member?.householdId !== s.householdId) return true;
      return recipient === 'child' && dates(s).some((d) => !under16(s.memberId as string, d));
    });
    expect(wrong).toEqual([]);
    const nutrition = all.filter((s) => s.kind === 'NUTRITION_PACKAGE');
    expect(nutrition.length).toBeGreaterThan(50);
    expect(nutrition.filter((s) => !['POOR', 'NEAR_POOR'].includes(categoryOn(s.householdId, s.plannedOn) as string))).toEqual(
      [],
    );
    // Trainees are of working age on the day.
    const trainees = all.filter((s) => s.kind === 'VOCATIONAL_TRAINING' || s.kind === 'JOB_PLACEMENT');
    expect(trainees.length).toBeGreaterThan(20);
    for (const s of trainees) {
      const age = Number(s.plannedOn.slice(0, 4)) - Number(memberById.get(s.memberId as string)?.dateOfBirth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(15);
      expect(age).toBeLessThanOrEqual(47);
    }
  });

  test('statuses and their dates agree: mostly delivered or verified, some planned, a few cancelled with a reason', () => {
    const wrong = all.filter(
      (s) =>
        (s.status === 'CANCELLED') !== (s.cancelReason !== null && s.cancelledOn !== null) ||
        (s.status === 'DELIVERED' || s.status === 'VERIFIED') !== (s.deliveredOn !== null) ||
        (s.status === 'VERIFIED') !== (s.verifiedOn !== null) ||
        (s.verifiedOn !== null && s.verifiedOn < (s.deliveredOn as string)) ||
        (s.deliveredOn !== null && s.deliveredOn < s.plannedOn) ||
        [s.deliveredOn, s.verifiedOn, s.cancelledOn].some((d) => d !== null && d > BOOKS_AS_OF) ||
        (s.status !== 'PLANNED' && s.plannedOn > BOOKS_AS_OF) ||
        s.plannedOn > '2026-03-31' ||
        Math.abs(Number((s.deliveredOn ?? s.plannedOn).slice(0, 4)) - s.programYear) > 1 ||
        !(s.quantity > 0) ||
        s.value < 0 ||
        s.description.length === 0 ||
        s.deliveringOffice.length === 0 ||
        s.recordedBy !== 'seed',
    );
    expect(wrong).toEqual([]);
    const count = (status: string) => all.filter((s) => s.status === status).length / all.length;
    expect(count('DELIVERED') + count('VERIFIED')).toBeGreaterThan(0.7);
    expect(count('VERIFIED')).toBeGreaterThan(0.25);
    expect(count('PLANNED')).toBeGreaterThan(0.05);
    expect(count('PLANNED')).toBeLessThan(0.25);
    expect(count('CANCELLED')).toBeGreaterThan(0.02);
    expect(count('CANCELLED')).toBeLessThan(0.12);
    expect(new Set(all.map((s) => s.programYear))).toEqual(new Set([2024, 2025, 2026]));
  });

  test('quantities and values are the usual ones, in đồng', () => {
    const values = (kind: string) => all.filter((s) => s.kind === kind).map((s) => s.value);
    for (const v of values('HOUSE_NEW_BUILD')) expect(v >= 40_000_000 && v <= 60_000_000).toBe(true);
    for (const v of values('NUTRITION_PACKAGE')) expect(v >= 1_200_000 && v <= 1_800_000).toBe(true);
    for (const v of values('PHONE')) expect(v >= 2_000_000 && v <= 2_500_000).toBe(true);
    const cows = all.filter((s) => s.description === 'Bò cái giống sinh sản');
    expect(cows.some((s) => s.quantity === 2 && s.value === 30_000_000)).toBe(true);
    const startUp = all.filter((s) => s.kind === 'START_UP_CAPITAL');
    expect(startUp.filter((s) => s.unit !== 'đồng' || s.quantity !== s.value || s.value < 10_000_000)).toEqual([]);
  });

  test('information access goes mostly, not only, to households deprived on indicator 11 or 12 in the review in force', () => {
    const delivered = sample.cultureSupports.filter((s) => s.deliveredOn !== null);
    const deprived = delivered.filter((s) => {
      const inForce = (reviewsOf.get(s.householdId) ?? [])
        .filter((r) => (r.certifiedOn as string) <= (s.deliveredOn as string))
        .sort((a, b) => b.year - a.year)[0];
      return inForce?.deprivedIndicators.some((i) => i === 11 || i === 12);
    });
    expect(deprived.length / delivered.length).toBeGreaterThan(0.7);
    expect(deprived.length / delivered.length).toBeLessThan(0.99);
  });

  test("supports of a production project are its model's kinds, in its commune and run, for its participants", () => {
    const projects = new Map(geographyRows(geography).productionProjects.map((p) => [p.id, p]));
    const participants = new Map(sample.participants.map((p) => [`${p.projectId}/${p.householdId}`, p]));
    expect(participants.size).toBe(sample.participants.length);
    const linked = sample.agricultureSupports.filter((s) => s.initiativeId !== null);
    expect(linked.length / sample.agricultureSupports.length).toBeGreaterThan(0.3);
    const wrong = linked.filter((s) => {
      const p = projects.get(s.initiativeId as string);
      const joined = participants.get(`${s.initiativeId}/${s.householdId}`);
      return (
        p === undefined ||
        p.communeCode !== s.communeCode ||
        !MODELS[p.model].kinds.includes(s.kind) ||
        p.subProject !== s.subProject ||
        s.plannedOn < p.startsOn ||
        (p.endsOn !== null && s.plannedOn > p.endsOn) ||
        s.programYear !== p.programYear ||
        joined === undefined ||
        joined.joinedOn > s.plannedOn
      );
    });
    expect(wrong).toEqual([]);
    // Each participant has a support of its project, and joined on a list.
    const supported = new Set(linked.map((s) => `${s.initiativeId}/${s.householdId}`));
    expect([...participants.keys()].filter((k) => !supported.has(k))).toEqual([]);
    expect(
      sample.participants.filter((p) => {
        const c = categoryOn(p.householdId, p.joinedOn);
        return c !== p.categoryOnJoining || !['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED'].includes(c as CategoryName);
      }),
    ).toEqual([]);
    expect(new Set(linked.map((s) => projects.get(s.initiativeId as string)?.model)).size).toBe(Object.keys(MODELS).length);
  });
});

describe('production projects, communication products and budgets', () => {
  const territory = geographyRows(geography);
  const communes = new Map(geography.communes.map((c) => [c.code, c]));

  test('production projects: a few per commune, unique codes, valid dates and budgets', () => {
    const { productionProjects } = territory;
    expect(new Set(productionProjects.map((p) => p.code)).size).toBe(productionProjects.length);
    expect(productionProjects.length / geography.communes.length).toBeGreaterThan(1.5);
    for (const p of productionProjects) {
      expect(communes.get(p.communeCode)?.province.code).toBe(p.provinceCode);
      expect(p.code).toMatch(/^[A-Z0-9-]{3,40}$/);
      expect(p.subProject).toBe(MODELS[p.model].subProject);
      if (p.endsOn !== null) expect(p.endsOn >= p.startsOn).toBe(true);
      expect(p.budget).toBeGreaterThan(0);
    }
  });

  test('communication products: sub-project by kind, households reached within the commune, year of publication', () => {
    for (const p of territory.communicationProducts) {
      expect(p.subProject).toBe(p.kind === 'PUBLIC_INFORMATION_POINT' ? INFORMATION_SUB_PROJECT : COMMUNICATION_SUB_PROJECT);
      expect(p.householdsReached).toBeGreaterThanOrEqual(0);
      expect(p.householdsReached).toBeLessThanOrEqual(communes.get(p.communeCode)?.households as number);
      expect(p.programYear).toBe(Number(p.publishedOn.slice(0, 4)));
      expect(p.title.length).toBeLessThanOrEqual(300);
    }
  });

  test("every commune and province has each agency's project lines for 2024 and 2025; disbursed is the sum of the disbursements and within the allocation", () => {
    const units = [...geography.provinces.map((p) => p.code), ...geography.communes.map((c) => c.code)];
    for (const agency of PROGRAMME_AGENCIES) {
      const { lines, disbursements } = territory.budgets[agency];
      const keys = lines.map((l) => `${l.unitCode}/${l.year}/${l.project}/${l.subProject ?? 0}/${l.fundingSource}`);
      expect(new Set(keys).size).toBe(lines.length);
      const expected = (AGENCY_BUDGET_LINES[agency] ?? []).map((l) => `${l.project}/${l.subProject ?? 0}`);
      for (const unit of units)
        for (const year of PROGRAMME_YEARS) {
          const own = lines.filter((l) => l.unitCode === unit && l.year === year && l.fundingSource === 'CENTRAL_BUDGET');
          expect(own.map((l) => `${l.project}/${l.subProject ?? 0}`).sort()).toEqual([...expected].sort());
        }
      const paid = new Map<string, number>();
      for (const d of disbursements) {
        paid.set(d.budgetLineId, (paid.get(d.budgetLineId) ?? 0) + d.amount);
        expect(d.amount).toBeGreaterThan(0);
        expect(d.disbursedOn <= BOOKS_AS_OF).toBe(true);
        expect(d.reference.length).toBeLessThanOrEqual(100);
      }
      const lineIds = new Set(lines.map((l) => l.id));
      expect(disbursements.filter((d) => !lineIds.has(d.budgetLineId))).toEqual([]);
      expect(
        lines.filter(
          (l) =>
            l.disbursed !== (paid.get(l.id) ?? 0) ||
            l.disbursed > l.allocated ||
            l.overAllocated ||
            (l.unitCode.length === 2 && l.unitCode !== l.provinceCode) ||
            Number(l.deadline.slice(0, 4)) !== l.year,
        ),
      ).toEqual([]);
    }
  });

  test('budgets mix fully paid, partly paid and late lines; allocations mostly within the plan', () => {
    const lines = PROGRAMME_AGENCIES.flatMap((a) => territory.budgets[a].lines);
    const rate = (f: (l: (typeof lines)[number]) => boolean) => lines.filter(f).length / lines.length;
    expect(rate((l) => l.disbursed === l.allocated)).toBeGreaterThan(0.3);
    expect(rate((l) => l.disbursed > 0 && l.disbursed < l.allocated)).toBeGreaterThan(0.2);
    expect(rate((l) => l.disbursed === 0)).toBeGreaterThan(0.05);
    expect(rate((l) => l.deadline < BOOKS_AS_OF && l.disbursed < l.allocated)).toBeGreaterThan(0.2);
    expect(rate((l) => l.planned >= l.allocated)).toBeGreaterThan(0.85);
    expect(new Set(lines.map((l) => l.fundingSource))).toEqual(new Set(['CENTRAL_BUDGET', 'LOCAL_BUDGET']));
    expect(new Set(lines.map((l) => l.deadline.slice(5)))).toEqual(new Set(['09-30', '12-31']));
  });
});

describe("the bank's lending", () => {
  // Whole communes (a savings group's leader may live anywhere in its commune).
  const communes = geography.communes.filter((c) => c.index % 10 === 0);
  const rows = (() => {
    const parts = communes.map((c) => generateHouseholds(geography, c.firstHousehold, c.firstHousehold + c.households));
    const all = parts[0] as ChunkRows;
    for (const part of parts.slice(1))
      for (const key of Object.keys(all) as (keyof ChunkRows)[]) (all[key] as unknown[]).push(...part[key]);
    return all;
  })();
  const codes = new Set(communes.map((c) => c.code));
  const territory = geographyRows(geography);
  const data: LendingData = {
    households: rows.households,
    reviews: rows.reviews,
    programmes: geography.programmes,
    transactionPoints: territory.transactionPoints.filter((p) => codes.has(p.communeCode)),
    savingsGroups: territory.savingsGroups.filter((g) => codes.has(g.communeCode)),
    memberships: rows.memberships,
    loans: rows.loans,
    instalments: rows.instalments,
    repayments: rows.repayments,
    purposeChecks: rows.purposeChecks,
    asOf: BOOKS_AS_OF,
  };
  const stats = lendingStats(data);

  test('a transaction point per commune; 2 to 4 savings groups each, entrusted to the four organisations, led by a member', () => {
    expect(territory.transactionPoints).toHaveLength(geography.communes.length);
    const points = new Map(territory.transactionPoints.map((p) => [p.id, p]));
    for (const c of geography.communes) {
      const groups = territory.savingsGroups.filter((g) => g.communeCode === c.code);
      expect(groups.length).toBeGreaterThanOrEqual(2);
      expect(groups.length).toBeLessThanOrEqual(4);
      for (const g of groups) {
        expect(points.get(g.transactionPointId)?.communeCode).toBe(c.code);
        expect(c.villages.map((v) => v.name)).toContain(g.village);
        expect(g.foundedOn >= '2005-01-01' && g.foundedOn <= '2019-12-31').toBe(true);
      }
      expect(new Set(groups.map((g) => g.leaderHouseholdId)).size).toBe(groups.length);
    }
    expect(new Set(territory.savingsGroups.map((g) => g.entrustedTo))).toEqual(new Set(ORGANISATIONS.map(([o]) => o)));
    // The leaders of the sampled communes are members of their group from its founding, and live in its village.
    const households = new Map(rows.households.map((h) => [h.id, h]));
    for (const g of data.savingsGroups) {
      expect(rows.memberships.find((m) => m.householdId === g.leaderHouseholdId)).toMatchObject({
        savingsGroupId: g.id,
        joinedOn: g.foundedOn,
        leftOn: null,
      });
      expect(households.get(g.leaderHouseholdId)?.village).toBe(g.village);
    }
  });

  test("breaks none of the bank's rules: eligible on disbursement, within the ceiling, its schedules, repayments within what is owed, statuses and dates (lending-check.ts)", () => {
    expect(rows.loans.length).toBeGreaterThan(800);
    expect(lendingViolations(data)).toEqual([]);
  });

  test('loans in every state; about one active loan in ten overdue on the books day; misuse found, with notes', () => {
    for (const status of Object.keys(stats.byStatus) as (keyof typeof stats.byStatus)[])
      expect(stats.byStatus[status]).toBeGreaterThan(0);
    expect(stats.byStatus.REPAYING / stats.loans).toBeGreaterThan(0.6);
    expect(stats.overdueShare).toBeGreaterThan(0.07);
    expect(stats.overdueShare).toBeLessThan(0.13);
    const wrong = rows.purposeChecks.filter((c) => c.finding === 'WRONG_PURPOSE');
    expect(wrong.length / rows.purposeChecks.length).toBeGreaterThan(0.01);
    expect(wrong.length / rows.purposeChecks.length).toBeLessThan(0.08);
    // Inspections find misuse far more often than the groups do in the loans they check.
    const found = (by: string) =>
      rows.purposeChecks.filter((c) => c.checkedBy === by && c.finding === 'WRONG_PURPOSE').length /
      rows.purposeChecks.filter((c) => c.checkedBy === by).length;
    expect(found('INSPECTION')).toBeGreaterThan(2 * found('SAVINGS_GROUP'));
    expect(wrong.every((c) => c.note !== null && c.note.length > 0)).toBe(true);
    expect(rows.loans.filter((l) => l.status === 'REJECTED').every((l) => l.rejectionReason)).toBe(true);
    expect(rows.loans.filter((l) => l.status === 'WRITTEN_OFF').every((l) => l.writeOffReason)).toBe(true);
    // Every lending programme of the seed, and the categories they lent to.
    expect(new Set(rows.loans.map((l) => l.program))).toEqual(
      new Set(['POOR_HOUSEHOLD', 'NEAR_POOR_HOUSEHOLD', 'NEWLY_ESCAPED_HOUSEHOLD', 'CLEAN_WATER_SANITATION']),
    );
    // Some members left their group; most listed households are members, few others.
    expect(stats.left).toBeGreaterThan(0);
    const listed = rows.households.filter((h) => h.category === 'POOR').map((h) => h.id);
    const members = new Set(rows.memberships.map((m) => m.householdId));
    expect(listed.filter((id) => members.has(id)).length / listed.length).toBeGreaterThan(0.6);
  });

  test('loans are made under the programme versions given, by id', () => {
    const versions = geography.programmes.map((p, i) => ({ ...p, id: `11111111-1111-4111-8111-${String(i).padStart(12, '0')}` }));
    const other = buildGeography(200_000, 7, versions);
    const c = other.communes[0] as (typeof other.communes)[number];
    const loans = generateHouseholds(other, c.firstHousehold, c.firstHousehold + 1_000).loans.filter((l) => l.programmeId);
    expect(loans.length).toBeGreaterThan(10);
    expect(loans.every((l) => versions.some((v) => v.id === l.programmeId && v.code === l.program))).toBe(true);
  });

  test('the check sees a broken rule: a loan to a household off the lists, beyond the ceiling, repaid twice, settled while owing', () => {
    const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    const broken = { ...data, loans: clone(rows.loans), repayments: clone(rows.repayments) };
    const poorLoan = broken.loans.find(
      (l) => l.program === 'POOR_HOUSEHOLD' && l.status === 'REPAYING',
    ) as (typeof broken.loans)[number];
    const notPoor = rows.households.find((h) => h.category === 'NOT_POOR' && h.communeCode === poorLoan.communeCode);
    const nearPoorLoan = broken.loans.find(
      (l) => l.program === 'NEAR_POOR_HOUSEHOLD' && l.status === 'REPAYING',
    ) as typeof poorLoan;
    nearPoorLoan.principal = 150_000_000;
    nearPoorLoan.amountRequested = 150_000_000;
    const repaid = broken.repayments.find((r) => r.principal > 0) as (typeof broken.repayments)[number];
    broken.repayments.push({ ...repaid, id: 'again', principal: 200_000_000 });
    const settled = broken.loans.find((l) => l.status === 'REPAYING' && l !== poorLoan && l !== nearPoorLoan) as typeof poorLoan;
    Object.assign(settled, { status: 'SETTLED', settledOn: BOOKS_AS_OF });
    Object.assign(poorLoan, { householdId: notPoor?.id });
    const violations = lendingViolations(broken).join('\n');
    expect(violations).toMatch(
      new RegExp(`loan ${poorLoan.id}.*(not eligible .*CATEGORY_NOT_ELIGIBLE|category at disbursement)`),
    );
    expect(violations).toMatch(
      new RegExp(`loan ${nearPoorLoan.id}.*(above the programme's terms|AMOUNT_ABOVE_HEADROOM|schedule)`),
    );
    expect(violations).toMatch(new RegExp(`loan ${repaid.loanId}.*repaid \\d+ of a principal`));
    expect(violations).toMatch(new RegExp(`loan ${settled.id}.*settled on ${BOOKS_AS_OF}, owing`));
  });
});
