import { randomUUID } from 'node:crypto';
import { buildDemoDataset, DEMO_COMMUNES, DEMO_PROVINCE, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

/*
 * Issue 7, report 1 (poverty), through the gateway over HTTP on the demo data: a commune and its
 * province, today's units (AS_IS) against the units of the year (AS_WAS: the 2025 reform merged
 * three former communes into each of today's), children broken out in one SQL statement, who may
 * read it, and a bad year. Expected figures come from the demo data set, not from the SQL.
 */

const demo = buildDemoDataset();
const COMMUNE = DEMO_COMMUNES[0].code; // 03160, formed in 2025 from 03160, 03157 and part of 03172
const OTHER = DEMO_COMMUNES[1].code;
const PROVINCE = DEMO_PROVINCE.code;
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const ANALYST: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };
const officerOf = (scope: string[]): DevTokenOptions => ({ agency: 'labor', roles: ['officer'], scope });

const REPORT = `unitCode year geography households reviewed poor nearPoor poorRate nearPoorRate
  previousYear previousPoor previousNearPoor previousPoorRate previousNearPoorRate poorChange
  poorRateChangePoints nearPoorRateChangePoints targetReductionPoints targetMet
  movements { escapedPoverty escapedNearPoverty relapsed newlyArising stayed newlyEscapedInWindow }
  deprivation { indicator name dimension households share poorHouseholds poorShare }`;
const UNIT_QUERY = `query Poverty($code: String!, $year: Int!, $geography: ReportGeography!) {
  adminUnit(code: $code) { code povertyReport(year: $year, geography: $geography) { ${REPORT} }
    children { code povertyReport(year: $year, geography: $geography) { ${REPORT} } } } }`;

type Household = (typeof demo.labor.households)[number];
const rate = (count: number, total: number) => (total === 0 ? 0 : Math.round((count * 10_000) / total) / 100);
const reviewOf = (h: Household, year: number) => demo.labor.reviews.find((r) => r.householdId === h.id && r.year === year);
const rank = (c: string | null | undefined) => (c === 'POOR' ? 2 : c === 'NEAR_POOR' ? 1 : 0);
const INDICATOR_NAMES = ['Employment', 'Dependants', 'Nutrition', 'Health insurance', 'Adult education', 'Child schooling'];

/**
 * The report over `current` households for `year` and `previous` ones for the year before, from
 * the demo's reviews (two certified years, no corrections: the movement is against 2024's review).
 */
function expected(unitCode: string, year: number, geography: string, current: Household[], previous: Household[]) {
  const cls = (h: Household, y: number) => reviewOf(h, y)?.classification ?? null;
  const reviewed = current.filter((h) => cls(h, year));
  const poor = reviewed.filter((h) => cls(h, year) === 'POOR');
  const nearPoor = reviewed.filter((h) => cls(h, year) === 'NEAR_POOR').length;
  const prevReviewed = previous.filter((h) => cls(h, year - 1));
  const hasPrev = prevReviewed.length > 0;
  const prevPoor = previous.filter((h) => cls(h, year - 1) === 'POOR').length;
  const prevNear = previous.filter((h) => cls(h, year - 1) === 'NEAR_POOR').length;
  const moved = (test: (now: number, before: number) => boolean) =>
    reviewed.filter((h) => test(rank(cls(h, year)), rank(cls(h, year - 1)))).length;
  const deprived = (list: Household[], n: number) => list.filter((h) => reviewOf(h, year)!.deprivedIndicators.includes(n)).length;
  const points = (a: number, b: number) => Math.round((a - b) * 100) / 100;
  return {
    unitCode,
    year,
    geography,
    households: current.length,
    reviewed: reviewed.length,
    poor: poor.length,
    nearPoor,
    poorRate: rate(poor.length, current.length),
    nearPoorRate: rate(nearPoor, current.length),
    previousYear: hasPrev ? year - 1 : null,
    previousPoor: hasPrev ? prevPoor : null,
    previousNearPoor: hasPrev ? prevNear : null,
    previousPoorRate: hasPrev ? rate(prevPoor, previous.length) : null,
    previousNearPoorRate: hasPrev ? rate(prevNear, previous.length) : null,
    poorChange: hasPrev ? poor.length - prevPoor : null,
    poorRateChangePoints: hasPrev ? points(rate(poor.length, current.length), rate(prevPoor, previous.length)) : null,
    nearPoorRateChangePoints: hasPrev ? points(rate(nearPoor, current.length), rate(prevNear, previous.length)) : null,
    targetReductionPoints: 1,
    targetMet: hasPrev ? rate(prevPoor, previous.length) - rate(poor.length, current.length) >= 0.995 : null,
    movements: {
      escapedPoverty: moved((now, before) => before === 2 && now < 2),
      escapedNearPoverty: moved((now, before) => before === 1 && now === 0),
      relapsed: 0, // one earlier review: a worse review is never a fall back
      newlyArising: moved((now, before) => now > before),
      stayed: moved((now, before) => now > 0 && now === before),
      // Left the 2024 poor list in 2025 (certified 2025-12-15): newly escaped until 2028-12-15.
      newlyEscapedInWindow: year === 2025 ? current.filter((h) => cls(h, 2024) === 'POOR' && cls(h, 2025) !== 'POOR').length : 0,
    },
    deprivation: Array.from({ length: 12 }, (_, i) => ({
      indicator: i + 1,
      households: deprived(reviewed, i + 1),
      share: rate(deprived(reviewed, i + 1), reviewed.length),
      poorHouseholds: deprived(poor, i + 1),
      poorShare: rate(deprived(poor, i + 1), poor.length),
    })),
  };
}

interface Report {
  unitCode: string;
  households: number;
  poor: number;
  previousYear: number | null;
  deprivation: Array<{ indicator: number; name: string; dimension: string; households: number }>;
  [field: string]: unknown;
}
interface UnitAnswer {
  code: string;
  povertyReport: Report | null;
  children: Array<{ code: string; povertyReport: Report | null }>;
}

const asExpected = (r: Report | null) =>
  r && { ...r, deprivation: r.deprivation.map(({ name: _n, dimension: _d, ...rest }) => rest) };
const inCommune = (code: string) => demo.labor.households.filter((h) => h.communeCode === code);

async function report(code: string, year: number, geography = 'AS_IS', as?: DevTokenOptions): Promise<UnitAnswer> {
  const res = await platform.query(UNIT_QUERY, { code, year, geography }, as ? { as, purpose: 'statistics' } : {});
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.adminUnit as UnitAnswer;
}

describe('issue 7: the poverty report of a commune and its province', () => {
  it("gives a commune's and its province's exact figures for 2025 against 2024, with every commune broken out", async () => {
    const province = await report(PROVINCE, 2025);
    expect(asExpected(province.povertyReport)).toEqual(
      expected(PROVINCE, 2025, 'AS_IS', demo.labor.households, demo.labor.households),
    );
    expect(province.children.map((c) => c.code)).toEqual(DEMO_COMMUNES.map((c) => c.code));
    for (const child of province.children) {
      const households = inCommune(child.code);
      expect(asExpected(child.povertyReport)).toEqual(expected(child.code, 2025, 'AS_IS', households, households));
    }
    // Not sums of rates: the province's rate is recomputed from its households.
    const p = province.povertyReport!;
    expect(p.households).toBe(province.children.reduce((sum, c) => sum + c.povertyReport!.households, 0));
    expect(p.previousYear).toBe(2024);
    expect(p.deprivation.slice(0, 6).map((d) => d.name)).toEqual(INDICATOR_NAMES);
    expect(p.deprivation[10]).toMatchObject({ indicator: 11, name: 'Telecom', dimension: 'Information' });
    const commune = await report(COMMUNE, 2024);
    // 2024 is the platform's first certified year here: no previous year, every review newly arising or above the lists.
    const here = inCommune(COMMUNE);
    expect(asExpected(commune.povertyReport)).toEqual(expected(COMMUNE, 2024, 'AS_IS', here, here));
    expect(commune.povertyReport).toMatchObject({ previousYear: null, targetMet: null, poorChange: null });
  });

  it('AS_WAS reports the units of the year: the three former communes of 2024 that today form one', async () => {
    const res = await platform.query(
      `{ adminUnit(code: "${PROVINCE}") { children(asOf: "2024-12-31") { id code name current
          povertyReport(year: 2024, geography: AS_WAS) { ${REPORT} } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const former = (
      res.body.data?.adminUnit as { children: Array<{ id: string; code: string; current: boolean; povertyReport: Report }> }
    ).children;
    expect(former.length).toBe(new Set(DEMO_COMMUNES.flatMap((c) => c.formedFrom.map((f) => f.code))).size);
    for (const unit of former) {
      expect(unit.current).toBe(false);
      const recorded = demo.labor.households.filter((h) => reviewOf(h, 2024)?.communeId === unit.id);
      expect(asExpected(unit.povertyReport)).toEqual(expected(unit.code, 2024, 'AS_WAS', recorded, []));
    }
    // Today's 03160 in AS_IS holds the households of former 03160, 03157 and part of 03172.
    const formedFrom = DEMO_COMMUNES[0].formedFrom.map((f) => f.code);
    const asWas = former.filter((u) => formedFrom.includes(u.code as never));
    const today = (await report(COMMUNE, 2024)).povertyReport!;
    const former03160 = former.find((u) => u.code === COMMUNE)!.povertyReport;
    expect(former03160.households).toBeLessThan(today.households);
    expect(asWas.reduce((sum, u) => sum + u.povertyReport.households, 0)).toBeGreaterThan(today.households); // Pá Khoang went to two communes
    // A current unit in AS_IS on a former version answers null: households live in today's units.
    const formerAsIs = await platform.query(
      `{ adminUnit(code: "03157", asOf: "2024-12-31") { current povertyReport(year: 2024) { households } } }`,
    );
    expect(formerAsIs.body.data?.adminUnit).toEqual({ current: false, povertyReport: null });
    // The province has one version: AS_WAS counts the reviews of its communes of each year.
    const provinceAsWas = (await report(PROVINCE, 2025, 'AS_WAS')).povertyReport!;
    const all = demo.labor.households;
    expect(asExpected(provinceAsWas)).toEqual(expected(PROVINCE, 2025, 'AS_WAS', all, all));
  });

  it('computes a province and all its communes in one SQL statement per year and geography', async () => {
    const labor = platform.dataSources.labor!;
    const statements = async (fields: string) => {
      let count = 0;
      const original = labor.logger;
      const counting = Object.create(original) as typeof original;
      counting.logQuery = () => {
        count++;
      };
      (labor as { logger: typeof original }).logger = counting;
      try {
        const res = await platform.query(`{ adminUnit(code: "${PROVINCE}") { code ${fields} children { code ${fields} } } }`);
        expect(res.body.errors).toBeUndefined();
      } finally {
        (labor as { logger: typeof original }).logger = original;
      }
      return count;
    };
    const none = await statements('');
    const one = await statements('povertyReport(year: 2025) { poor }');
    const two = await statements('povertyReport(year: 2025) { poor } previous: povertyReport(year: 2024) { poor }');
    const asWas = await statements(
      'povertyReport(year: 2025) { poor } was: povertyReport(year: 2025, geography: AS_WAS) { poor movements { stayed } }',
    );
    expect([one - none, two - none, asWas - none]).toEqual([1, 2, 2]);
    process.stdout.write(
      `issue 7 poverty report, province + ${DEMO_COMMUNES.length} communes: ${one - none} labor SQL statement\n`,
    );
  });

  it('gives an analyst the aggregates, the same figures as an officer', async () => {
    const officer = await report(PROVINCE, 2025);
    const analyst = await report(PROVINCE, 2025, 'AS_IS', ANALYST);
    expect(analyst).toEqual(officer);
  });

  it("gives an officer outside a commune none of its figures, and a province only the officer's own commune", async () => {
    const outside = await report(COMMUNE, 2025, 'AS_IS', officerOf([OTHER]));
    expect(outside.povertyReport).toMatchObject({ households: 0, reviewed: 0, poor: 0, previousYear: null, poorRate: 0 });
    expect(outside.povertyReport!.deprivation.every((d) => d.households === 0)).toBe(true);
    const province = await report(PROVINCE, 2025, 'AS_IS', officerOf([OTHER]));
    const own = inCommune(OTHER);
    expect(asExpected(province.povertyReport)).toEqual(expected(PROVINCE, 2025, 'AS_IS', own, own));
    expect(province.children.find((c) => c.code === COMMUNE)?.povertyReport?.households).toBe(0);
  });

  // It certifies a 2026 review in the demo database: after the tests that read its figures.
  it('keeps the facts right when a review is certified through the mutations (review.service): relapsed, no longer newly escaped', async () => {
    // Poor in 2024, escaped in 2025: newly escaped on 2026-12-31 until a review says otherwise.
    const household = inCommune(COMMUNE).find(
      (h) => reviewOf(h, 2024)?.classification === 'POOR' && reviewOf(h, 2025)?.classification === 'NEAR_POOR',
    )!;
    expect(household).toBeDefined();
    const labor = platform.dataSources.labor!;
    const facts = () =>
      labor.query(`SELECT year, classification, movement, newly_escaped FROM report_fact WHERE household_id = $1 ORDER BY year`, [
        household.id,
      ]) as Promise<Array<{ year: number; classification: string | null; movement: string | null; newly_escaped: boolean }>>;
    expect((await facts()).find((f) => f.year === 2026)).toEqual({
      year: 2026,
      classification: null,
      movement: null,
      newly_escaped: true,
    });
    const movements2026 = async () => (await report(COMMUNE, 2026)).povertyReport!.movements as Record<string, number>;
    const before = await movements2026();

    const officer: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [COMMUNE] };
    const step = async (source: string, variables: Record<string, unknown>, field: string) => {
      const res = await platform.query(source, { ...variables, key: randomUUID() }, { as: officer });
      expect(res.body.errors).toBeUndefined();
      return (res.body.data as Record<string, { id: string; state: string; classification: string | null }>)[field]!;
    };
    const review = await step(
      `mutation($h: ID!, $key: String!) { startReview(householdId: $h, year: 2026, reviewDate: "2026-10-01", idempotencyKey: $key) { id state classification } }`,
      { h: household.id },
      'startReview',
    );
    // Income under the line and three deprivations: poor again.
    const surveyed = await step(
      `mutation($r: ID!, $key: String!) { recordSurvey(reviewId: $r, incomePerPerson: 1200000, deprivedIndicators: [1, 4, 11], idempotencyKey: $key) { id state classification } }`,
      { r: review.id },
      'recordSurvey',
    );
    expect(surveyed.classification).toBe('POOR');
    for (const s of ['AGREE_IN_VILLAGE', 'POST']) {
      await step(
        `mutation($r: ID!, $key: String!) { advanceReview(reviewId: $r, step: ${s}, idempotencyKey: $key) { id state classification } }`,
        { r: review.id },
        'advanceReview',
      );
      // Not certified yet: no fact changes.
      expect((await facts()).find((f) => f.year === 2026)?.classification).toBeNull();
    }
    await step(
      `mutation($r: ID!, $key: String!) { advanceReview(reviewId: $r, step: CERTIFY, idempotencyKey: $key) { id state classification } }`,
      { r: review.id },
      'advanceReview',
    );
    const after = await facts();
    expect(after.find((f) => f.year === 2026)).toEqual({
      year: 2026,
      classification: 'POOR',
      movement: 'RELAPSED',
      newly_escaped: false,
    });
    // Escaped in 2025 and relapsed in 2026: no newly-escaped year after 2026 either.
    expect(after.filter((f) => f.year > 2026)).toEqual([]);
    expect(await movements2026()).toEqual({
      ...before,
      relapsed: before.relapsed! + 1,
      newlyEscapedInWindow: before.newlyEscapedInWindow! - 1,
    });
  });

  it('refuses a year outside 2000-2100 with a coded error naming the argument', async () => {
    const res = await platform.query(`{ adminUnit(code: "${COMMUNE}") { povertyReport(year: 1999) { poor } } }`);
    expect(res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'year']]);
    expect(res.body.errors?.[0]?.message).toMatch(/2000 and 2100/);
  });
});
