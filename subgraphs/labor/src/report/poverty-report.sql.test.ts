import { startTestDatabase, testPrincipal, type TestDatabase } from '@gnbv/kit/testing';
import { laborDataSource } from '../data-source';
import type { Classification } from '../poverty-standard/classify';
import { effectiveReviews, isNewlyEscaped, movementOn, type CertifiedReview, type Movement } from '../review/movements';
import { povertyCountsByUnit, type PovertyCounts } from './poverty-report.sql';

/*
 * The report's SQL against the rule: a varied random set of review histories (gaps, late
 * certifications, corrections of corrections, uncertified drafts, registrations after the year,
 * reviews recorded in former communes) is inserted with plain SQL, and every household's facts
 * (report_fact, kept by the database's triggers) and every unit's counts from SQL are compared
 * with what review/movements.ts says, year by year. Then again after later writes: corrections
 * and certifications, households moving and re-registered, deletions.
 */

/** A small seeded generator (mulberry32): the same histories on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const CLASSES: Classification[] = ['POOR', 'POOR', 'NEAR_POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'];
const REFORM = '2025-07-01';
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];

interface ReviewRow extends CertifiedReview {
  state: 'CERTIFIED' | 'POSTED';
  deprived: number[];
  communeId: string;
}
interface HouseholdRow {
  id: string;
  commune: '03160' | '03163';
  registeredOn: string;
  reviews: ReviewRow[];
}

let db: TestDatabase;
const units: Record<string, string> = {};
const households: HouseholdRow[] = [];
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

function generate(): void {
  const rnd = random(20251);
  let nextId = 1;
  for (let i = 0; i < 240; i++) {
    const commune = rnd.chance(0.65) ? '03160' : '03163';
    const h: HouseholdRow = {
      id: uuid(nextId++),
      commune,
      registeredOn: `${rnd.int(2016, 2026)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
      reviews: [],
    };
    // Before the reform a review is recorded in the former commune the household lived in.
    const former = commune === '03160' ? rnd.pick(['oldPhang', 'oldNhan']) : 'oldKhoang';
    const now = commune === '03160' ? 'newPhang' : 'newTau';
    for (const year of [2018, 2019, ...YEARS]) {
      if (!rnd.chance(0.7)) continue;
      const reviewDate = `${year}-10-15`;
      const communeId = units[reviewDate < REFORM ? former : now] as string;
      const certified = rnd.chance(0.93);
      // Most lists are certified in December; some late, in the next year's first half.
      const certifiedOn = rnd.chance(0.85) ? `${year}-12-${pad(rnd.int(1, 28))}` : `${year + 1}-${pad(rnd.int(1, 6))}-15`;
      const deprived = [...new Set(Array.from({ length: rnd.int(0, 5) }, () => rnd.int(1, 12)))].sort((a, b) => a - b);
      let review: ReviewRow = {
        id: uuid(nextId++),
        year,
        reviewDate,
        classification: rnd.pick(CLASSES),
        certifiedOn: certified ? certifiedOn : (null as unknown as string),
        correctionOf: null,
        state: certified ? 'CERTIFIED' : 'POSTED',
        deprived,
        communeId,
      };
      h.reviews.push(review);
      if (!certified) continue;
      // Corrections, sometimes corrected again; some still uncertified.
      for (let depth = 0; depth < 2 && rnd.chance(depth === 0 ? 0.2 : 0.35); depth++) {
        const draft = rnd.chance(0.15);
        const correction: ReviewRow = {
          ...review,
          id: uuid(nextId++),
          classification: rnd.pick(CLASSES),
          deprived: rnd.chance(0.5) ? review.deprived : [rnd.int(1, 12)],
          certifiedOn: draft ? (null as unknown as string) : addDays(review.certifiedOn, rnd.int(0, 500)),
          correctionOf: review.id,
          state: draft ? 'POSTED' : 'CERTIFIED',
        };
        h.reviews.push(correction);
        if (draft) break;
        review = correction;
      }
    }
    households.push(h);
  }
}

const certifiedOf = (h: HouseholdRow): CertifiedReview[] =>
  h.reviews
    .filter((r) => r.state === 'CERTIFIED')
    .map((r) => ({
      id: r.id,
      year: r.year,
      reviewDate: r.reviewDate,
      classification: r.classification,
      certifiedOn: r.certifiedOn,
      correctionOf: r.correctionOf,
    }));
const LATEST = '9999-12-31';
const reviewOf = (h: HouseholdRow, year: number) => {
  const effective = effectiveReviews(certifiedOf(h), LATEST).find((r) => r.year === year);
  return effective ? h.reviews.find((r) => r.id === effective.id) : undefined;
};
/** The rule: the year's movement, with today's knowledge of every review up to that year. */
const movementOf = (h: HouseholdRow, year: number): Movement =>
  movementOn(
    certifiedOf(h).filter((r) => r.year <= year),
    LATEST,
  );

/** The counts the rule gives over a population: `current` households and `previous` ones. */
function expectedCounts(
  key: string,
  year: number,
  current: HouseholdRow[],
  previous: HouseholdRow[],
): Omit<PovertyCounts, 'key'> & { key: string } {
  const reviewed = current.filter((h) => reviewOf(h, year));
  const cls = (h: HouseholdRow, y: number) => reviewOf(h, y)?.classification;
  const deprivedOn = (list: HouseholdRow[], n: number) => list.filter((h) => reviewOf(h, year)!.deprived.includes(n)).length;
  const poor = reviewed.filter((h) => cls(h, year) === 'POOR');
  const moved = (m: Movement) => reviewed.filter((h) => movementOf(h, year) === m).length;
  const numbers = Array.from({ length: 12 }, (_, i) => i + 1);
  return {
    key,
    households: current.length,
    reviewed: reviewed.length,
    poor: poor.length,
    nearPoor: reviewed.filter((h) => cls(h, year) === 'NEAR_POOR').length,
    previousHouseholds: previous.length,
    previousReviewed: previous.filter((h) => reviewOf(h, year - 1)).length,
    previousPoor: previous.filter((h) => cls(h, year - 1) === 'POOR').length,
    previousNearPoor: previous.filter((h) => cls(h, year - 1) === 'NEAR_POOR').length,
    escapedPoverty: moved('ESCAPED_POVERTY'),
    escapedNearPoverty: moved('ESCAPED_NEAR_POVERTY'),
    relapsed: moved('RELAPSED'),
    newlyArising: moved('NEWLY_ARISING'),
    stayed: moved('STAYED'),
    newlyEscapedInWindow: current.filter((h) => isNewlyEscaped(certifiedOf(h), `${year}-12-31`)).length,
    deprived: numbers.map((n) => deprivedOn(reviewed, n)),
    deprivedPoor: numbers.map((n) => deprivedOn(poor, n)),
  };
}

/** Inserts reviews with plain SQL, in the order given (originals before their corrections). */
async function insertReviews(reviews: Array<ReviewRow & { householdId: string }>): Promise<void> {
  await q(
    `INSERT INTO poverty_review (id, household_id, commune_id, year, review_date, state, income_per_person, deprived_indicators,
                                 standard_code, classification, certified_by, certified_on, correction_of)
     SELECT id, hid, cid, year, review_date, state, 1000000, translate(dep, '[]', '{}')::smallint[], 'ND07-2021', cls,
            CASE WHEN state = 'CERTIFIED' THEN 'xa' END, certified_on, correction_of
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::date[], $6::text[], $7::text[], $8::text[], $9::date[], $10::uuid[])
            WITH ORDINALITY AS x(id, hid, cid, year, review_date, state, dep, cls, certified_on, correction_of, n)
      ORDER BY n`,
    [
      reviews.map((r) => r.id),
      reviews.map((r) => r.householdId),
      reviews.map((r) => r.communeId),
      reviews.map((r) => r.year),
      reviews.map((r) => r.reviewDate),
      reviews.map((r) => r.state),
      reviews.map((r) => JSON.stringify(r.deprived)),
      reviews.map((r) => r.classification),
      reviews.map((r) => r.certifiedOn),
      reviews.map((r) => r.correctionOf),
    ],
  );
}

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  const unit = async (key: string, values: unknown[]) => {
    const [row] = await q(
      `INSERT INTO admin_unit (code, name, level, parent_code, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      values,
    );
    units[key] = row.id;
  };
  await unit('province', ['11', 'Tỉnh Điện Biên', 'PROVINCE', null, '2004-01-01', null]);
  await unit('oldPhang', ['03160', 'Xã Mường Phăng', 'COMMUNE', '11', '2008-08-01', REFORM]);
  await unit('oldNhan', ['03157', 'Xã Nà Nhạn', 'COMMUNE', '11', '2008-08-01', REFORM]);
  await unit('oldKhoang', ['03172', 'Xã Pá Khoang', 'COMMUNE', '11', '2008-08-01', REFORM]);
  await unit('newPhang', ['03160', 'Xã Mường Phăng', 'COMMUNE', '11', REFORM, null]);
  await unit('newTau', ['03163', 'Xã Nà Tấu', 'COMMUNE', '11', REFORM, null]);
  generate();
  await q(
    `INSERT INTO household (id, code, commune_code, registered_on, village, address, area, category)
     SELECT id, 'H-' || n, commune, registered, 'Bản Khá', 'Bản Khá', 'RURAL', 'NOT_POOR'
       FROM unnest($1::uuid[], $2::text[], $3::date[]) WITH ORDINALITY AS x(id, commune, registered, n)`,
    [households.map((h) => h.id), households.map((h) => h.commune), households.map((h) => h.registeredOn)],
  );
  // Originals before their corrections (the foreign key), in generation order.
  await insertReviews(households.flatMap((h) => h.reviews.map((r) => ({ ...r, householdId: h.id }))));
}, 120_000);
afterAll(() => db?.stop());

/** Every year a fact can exist for: the histories' years, and newly escaped up to 3 years after. */
const FACT_YEARS = Array.from({ length: 2030 - 2018 + 1 }, (_, i) => 2018 + i);
const maskOf = (deprived: number[]) => deprived.reduce((m, n) => m | (1 << (n - 1)), 0);

/** The report's checks against the rule, for the histories as they stand (the model and the database agree). */
function agreesWithTheRule(): void {
  it('household by household, every year: the facts (class, deprivations, recorded commune, movement, newly escaped, carried columns)', async () => {
    const rows: Array<Record<string, unknown>> = await q(
      `SELECT household_id, year, commune_code, province_code, household_code, to_char(registered_on, 'YYYY-MM-DD') AS registered_on,
              review_id, review_commune_id, classification, deprived_mask, movement, newly_escaped
         FROM report_fact`,
    );
    const got = new Map(rows.map((r) => [`${r.household_id as string}/${r.year as number}`, r]));
    const codes = new Map(
      ((await q(`SELECT id, code FROM household`)) as Array<{ id: string; code: string }>).map((h) => [h.id, h.code]),
    );
    let expected = 0;
    for (const h of households)
      for (const year of FACT_YEARS) {
        const review = reviewOf(h, year);
        const ne = isNewlyEscaped(certifiedOf(h), `${year}-12-31`);
        const row = got.get(`${h.id}/${year}`) ?? null;
        if (!review && !ne) {
          expect([h.id, year, row]).toEqual([h.id, year, null]);
          continue;
        }
        expected++;
        expect([h.id, year, row]).toEqual([
          h.id,
          year,
          {
            household_id: h.id,
            year,
            commune_code: h.commune,
            province_code: '11',
            household_code: codes.get(h.id),
            registered_on: h.registeredOn,
            review_id: review?.id ?? null,
            review_commune_id: review?.communeId ?? null,
            classification: review?.classification ?? null,
            deprived_mask: review ? maskOf(review.deprived) : null,
            movement: review ? movementOf(h, year) : null,
            newly_escaped: ne,
          },
        ]);
      }
    expect(rows).toHaveLength(expected);
  });

  it.each(YEARS)('AS_IS per unit, %i: today’s communes and their province, by registration', async (year) => {
    const got = await povertyCountsByUnit(db.dataSource, testPrincipal(), 'AS_IS', ['11', '03160', '03163'], year);
    const registered = (h: HouseholdRow, y: number) => h.registeredOn <= `${y}-12-31`;
    const of = (key: string, pred: (h: HouseholdRow) => boolean) =>
      expectedCounts(
        key,
        year,
        households.filter((h) => pred(h) && registered(h, year)),
        households.filter((h) => pred(h) && registered(h, year - 1)),
      );
    const byKey = new Map(got.map((c) => [c.key, c]));
    expect(byKey.get('11')).toEqual(of('11', () => true));
    expect(byKey.get('03160')).toEqual(of('03160', (h) => h.commune === '03160'));
    expect(byKey.get('03163')).toEqual(of('03163', (h) => h.commune === '03163'));
  });

  it.each(YEARS)('AS_WAS per unit version, %i: from each review’s recorded commune', async (year) => {
    const keys = ['province', 'oldPhang', 'oldNhan', 'oldKhoang', 'newPhang', 'newTau'];
    const got = await povertyCountsByUnit(
      db.dataSource,
      testPrincipal(),
      'AS_WAS',
      keys.map((k) => units[k] as string),
      year,
    );
    const byKey = new Map(got.map((c) => [c.key, c]));
    for (const k of keys) {
      const id = units[k] as string;
      const inUnit = (h: HouseholdRow, y: number) => {
        const r = reviewOf(h, y);
        return !!r && (k === 'province' || r.communeId === id);
      };
      const expected = expectedCounts(
        id,
        year,
        households.filter((h) => inUnit(h, year)),
        households.filter((h) => inUnit(h, year - 1)),
      );
      expect([k, byKey.get(id) ?? null]).toEqual([k, expected.households || expected.previousHouseholds ? expected : null]);
    }
  });
}

/** The latest review of a chain (nothing corrects it, not even a draft), certified, of a household picked at random. */
function correctable(rnd: ReturnType<typeof random>, h: HouseholdRow): ReviewRow | undefined {
  const open = h.reviews.filter((r) => r.state === 'CERTIFIED' && !h.reviews.some((o) => o.correctionOf === r.id));
  return open.length ? rnd.pick(open) : undefined;
}

describe('the poverty report SQL agrees with review/movements.ts', () => {
  it('the generated histories are varied: gaps, late certification, corrections of corrections, drafts, relapses', () => {
    const all = households.flatMap((h) => h.reviews);
    expect(all.filter((r) => r.correctionOf && r.state === 'CERTIFIED').length).toBeGreaterThan(20);
    expect(all.filter((r) => r.correctionOf && all.find((o) => o.id === r.correctionOf)?.correctionOf).length).toBeGreaterThan(3);
    expect(all.filter((r) => r.state !== 'CERTIFIED').length).toBeGreaterThan(10);
    const seen = new Set(households.flatMap((h) => YEARS.map((y) => movementOf(h, y))));
    expect(seen).toEqual(new Set(['NONE', 'STAYED', 'ESCAPED_POVERTY', 'ESCAPED_NEAR_POVERTY', 'RELAPSED', 'NEWLY_ARISING']));
    const escapedCount = YEARS.map((y) => households.filter((h) => isNewlyEscaped(certifiedOf(h), `${y}-12-31`)).length);
    expect(Math.min(...escapedCount)).toBeGreaterThan(0);
  });

  describe('as inserted', agreesWithTheRule);

  describe('after later corrections and certifications (INSERT and UPDATE of reviews)', () => {
    beforeAll(async () => {
      const rnd = random(7);
      let n = 900_000;
      const corrections: Array<ReviewRow & { householdId: string }> = [];
      for (const h of households.filter(() => rnd.chance(0.25))) {
        const review = correctable(rnd, h);
        if (!review) continue;
        const correction: ReviewRow = {
          ...review,
          id: uuid(n++),
          classification: rnd.pick(CLASSES),
          deprived: [rnd.int(1, 12), 11],
          certifiedOn: addDays(review.certifiedOn, rnd.int(0, 900)),
          correctionOf: review.id,
        };
        h.reviews.push(correction);
        corrections.push({ ...correction, householdId: h.id });
      }
      expect(corrections.length).toBeGreaterThan(30);
      await insertReviews(corrections);
      // Lists certified later: the posted reviews and corrections, in one UPDATE.
      const posted = households.flatMap((h) =>
        h.reviews
          .filter((r) => r.state !== 'CERTIFIED')
          .map((r) => {
            const original = h.reviews.find((o) => o.id === r.correctionOf);
            r.state = 'CERTIFIED';
            r.certifiedOn = original ? addDays(original.certifiedOn, 40) : `${r.year + 1}-02-01`;
            return r;
          }),
      );
      expect(posted.length).toBeGreaterThan(10);
      await q(
        `UPDATE poverty_review r SET state = 'CERTIFIED', certified_by = 'xa', certified_on = x.day
           FROM unnest($1::uuid[], $2::date[]) AS x(id, day) WHERE r.id = x.id`,
        [posted.map((r) => r.id), posted.map((r) => r.certifiedOn)],
      );
    });
    agreesWithTheRule();
  });

  describe('after households move to the other commune and are re-registered (UPDATE of household)', () => {
    beforeAll(async () => {
      const rnd = random(11);
      const moved = households.filter(() => rnd.chance(0.15));
      for (const h of moved) h.commune = h.commune === '03160' ? '03163' : '03160';
      const redated = households.filter(() => rnd.chance(0.1));
      for (const h of redated) h.registeredOn = `${rnd.int(2017, 2026)}-06-15`;
      await q(
        `UPDATE household h SET commune_code = x.commune FROM unnest($1::uuid[], $2::text[]) AS x(id, commune) WHERE h.id = x.id`,
        [moved.map((h) => h.id), moved.map((h) => h.commune)],
      );
      for (const h of redated)
        await q(`UPDATE household SET registered_on = $2, code = code || 'b' WHERE id = $1`, [h.id, h.registeredOn]);
    });
    agreesWithTheRule();
  });

  describe('after deletions: a correction withdrawn, a household erased with its history', () => {
    beforeAll(async () => {
      const rnd = random(13);
      // Certified reviews are final; an erasure is an administrator's act around that guard.
      await q(`ALTER TABLE poverty_review DISABLE TRIGGER poverty_review_final`);
      const withdrawn = households
        .flatMap((h) =>
          h.reviews.filter((r) => r.correctionOf && !h.reviews.some((o) => o.correctionOf === r.id)).map((r) => ({ h, r })),
        )
        .filter(() => rnd.chance(0.3));
      expect(withdrawn.length).toBeGreaterThan(5);
      for (const { h, r } of withdrawn) h.reviews = h.reviews.filter((o) => o !== r);
      await q(`DELETE FROM poverty_review WHERE id = ANY($1::uuid[])`, [withdrawn.map((w) => w.r.id)]);
      const erased = households.filter((h) => h.reviews.some((r) => r.classification === 'POOR')).slice(0, 3);
      for (const h of erased) {
        // One statement: the foreign key between a correction and its review is checked at its end.
        await q(`DELETE FROM poverty_review WHERE household_id = $1`, [h.id]);
        await q(`DELETE FROM household_member WHERE household_id = $1`, [h.id]);
        await q(`DELETE FROM household WHERE id = $1`, [h.id]);
        households.splice(households.indexOf(h), 1);
      }
      await q(`ALTER TABLE poverty_review ENABLE TRIGGER poverty_review_final`);
    });
    agreesWithTheRule();
  });

  it('counts only the reader’s scope: a commune officer’s province is that commune', async () => {
    const scoped = await povertyCountsByUnit(db.dataSource, testPrincipal({ scope: ['03163'] }), 'AS_IS', ['11', '03160'], 2025);
    const all = await povertyCountsByUnit(db.dataSource, testPrincipal(), 'AS_IS', ['03163'], 2025);
    // The province brings its communes' rows too: only the one in scope has any.
    const byKey = new Map(scoped.map((c) => [c.key, c]));
    expect([...byKey.keys()].sort()).toEqual(['03163', '11']);
    expect({ ...byKey.get('11'), key: '03163' }).toEqual(all[0]);
    expect(byKey.get('03163')).toEqual(all[0]);
  });
});
