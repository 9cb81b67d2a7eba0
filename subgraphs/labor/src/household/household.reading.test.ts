import {
  captureStatements,
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
} from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { buildLaborSchema } from '../schema';

/*
 * Reading the registry: filters by commune, province, year, category, flag and deprived
 * indicator; counts by category per unit; and the number of SQL statements a page costs.
 * The fixture is built here, so every expected figure is computed from it, not from the SQL.
 */

interface Fixture {
  id: string;
  code: string;
  commune: string;
  category: 'POOR' | 'NEAR_POOR' | 'NEWLY_ESCAPED' | 'NOT_POOR';
  ethnicMinority: boolean;
  members: number;
  reviews: Array<{ year: number; classification: string; deprived: number[] }>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CLASSES = ['POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'];
const households: Fixture[] = Array.from({ length: 150 }, (_, i) => {
  const c2024 = CLASSES[i % 4] as string;
  const c2025 = CLASSES[(i + 1) % 4] as string;
  return {
    id: uuid(i + 1),
    code: `H-${String(i + 1).padStart(4, '0')}`,
    commune: i < 120 ? '03160' : '03163',
    category: c2025 === 'POOR' ? 'POOR' : c2025 === 'NEAR_POOR' ? 'NEAR_POOR' : c2024 === 'POOR' ? 'NEWLY_ESCAPED' : 'NOT_POOR',
    ethnicMinority: i % 3 === 0,
    members: 2 + (i % 3),
    reviews: [
      { year: 2024, classification: c2024, deprived: i % 5 === 0 ? [4, 11] : [9] },
      // Every tenth household has no 2025 review yet.
      ...(i % 10 === 9 ? [] : [{ year: 2025, classification: c2025, deprived: i % 2 === 0 ? [11, 12] : [] }]),
    ],
  };
});

let db: TestDatabase;
let run: SchemaRunner;

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  await q(`INSERT INTO admin_unit (code, name, level, parent_code) VALUES
           ('11', 'Tỉnh Điện Biên', 'PROVINCE', NULL), ('03160', 'Xã Mường Phăng', 'COMMUNE', '11'), ('03163', 'Xã Nà Tấu', 'COMMUNE', '11')`);
  for (const h of households) {
    await q(
      `INSERT INTO household (id, code, commune_code, village, address, area, category, ethnic_minority)
       VALUES ($1, $2, $3, 'Bản Khá', 'Bản Khá', 'RURAL', $4, $5)`,
      [h.id, h.code, h.commune, h.category, h.ethnicMinority],
    );
    for (let m = 0; m < h.members; m++) {
      await q(
        `INSERT INTO household_member (household_id, full_name, date_of_birth, sex, relation_to_head, ethnicity)
         VALUES ($1, $2, '1980-01-01', 'MALE', $3, 'Thái')`,
        [h.id, `Người ${h.code}-${m}`, m === 0 ? 'HEAD' : 'CHILD'],
      );
    }
    for (const r of h.reviews) {
      await q(
        `INSERT INTO poverty_review (household_id, year, review_date, state, income_per_person, deprived_indicators,
                                     standard_code, classification, certified_by, certified_on)
         VALUES ($1, $2, $3, 'CERTIFIED', 1000000, $4, 'ND07-2021', $5, 'xa', $6)`,
        [h.id, r.year, `${r.year}-10-01`, r.deprived, r.classification, `${r.year}-12-20`],
      );
    }
  }
});
afterAll(() => db?.stop());

const total = async (args: string) => {
  const res = await run(`{ households(${args}) { totalCount } }`);
  expect(res.errors).toBeUndefined();
  return (res.data?.households as { totalCount: number }).totalCount;
};
const count = (pred: (h: Fixture) => boolean) => households.filter(pred).length;
const review = (h: Fixture, year: number) => h.reviews.find((r) => r.year === year);

describe('reading households', () => {
  it('filters by commune, province, current category and flag', async () => {
    expect(await total('communeCode: "03163"')).toBe(count((h) => h.commune === '03163'));
    expect(await total('provinceCode: "11", category: NEWLY_ESCAPED')).toBe(count((h) => h.category === 'NEWLY_ESCAPED'));
    expect(await total('communeCode: "03160", flag: ETHNIC_MINORITY')).toBe(
      count((h) => h.commune === '03160' && h.ethnicMinority),
    );
  });

  it("filters by a year's certified class and by deprived indicator", async () => {
    expect(await total('year: 2025')).toBe(count((h) => !!review(h, 2025)));
    expect(await total('year: 2024, category: POOR')).toBe(count((h) => review(h, 2024)?.classification === 'POOR'));
    expect(await total('year: 2025, category: NOT_POOR')).toBe(
      count((h) => ['AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'].includes(review(h, 2025)?.classification ?? '')),
    );
    expect(await total('year: 2024, deprivedIndicator: 11')).toBe(count((h) => !!review(h, 2024)?.deprived.includes(11)));
    // Without a year: the latest certified review (2025, or 2024 where 2025 is missing).
    expect(await total('deprivedIndicator: 11')).toBe(
      count((h) => !!(review(h, 2025) ?? review(h, 2024))?.deprived.includes(11)),
    );
  });

  it('refuses bad review filters, naming them', async () => {
    for (const [args, field] of [
      ['year: 1990', 'year'],
      ['deprivedIndicator: 13', 'deprivedIndicator'],
      ['year: 2025, category: NEWLY_ESCAPED', 'category'],
    ]) {
      const res = await run(`{ households(${args}) { totalCount } }`);
      expect([field, res.errors?.[0]?.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
  });

  it('counts households by category per unit, now and for a year, within the scope', async () => {
    const res = await run(`{ adminUnit(code: "11") {
      householdCounts { total poor nearPoor newlyEscaped notPoor notReviewed }
      children { code householdCounts(year: 2025) { total poor nearPoor newlyEscaped notPoor notReviewed } } } }`);
    expect(res.errors).toBeUndefined();
    const now = (pred: (h: Fixture) => boolean) => count(pred);
    expect((res.data?.adminUnit as { householdCounts: unknown }).householdCounts).toEqual({
      total: households.length,
      poor: now((h) => h.category === 'POOR'),
      nearPoor: now((h) => h.category === 'NEAR_POOR'),
      newlyEscaped: now((h) => h.category === 'NEWLY_ESCAPED'),
      notPoor: now((h) => h.category === 'NOT_POOR'),
      notReviewed: null,
    });
    const of = (commune: string) => {
      const inCommune = households.filter((h) => h.commune === commune);
      const cls = (h: Fixture) => review(h, 2025)?.classification;
      return {
        code: commune,
        householdCounts: {
          total: inCommune.length,
          poor: inCommune.filter((h) => cls(h) === 'POOR').length,
          nearPoor: inCommune.filter((h) => cls(h) === 'NEAR_POOR').length,
          newlyEscaped: null,
          notPoor: inCommune.filter((h) => ['AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'].includes(cls(h) ?? '')).length,
          notReviewed: inCommune.filter((h) => !cls(h)).length,
        },
      };
    };
    expect((res.data?.adminUnit as { children: unknown }).children).toEqual([of('03160'), of('03163')]);
    // A commune officer counting the province sees only its commune's households.
    const scoped = await run(`{ adminUnit(code: "11") { householdCounts { total } } }`, undefined, {
      principal: testPrincipal({ scope: ['03163'] }),
    });
    expect(scoped.data?.adminUnit).toEqual({ householdCounts: { total: count((h) => h.commune === '03163') } });
    expect(codes(scoped)).toEqual([]);
  });
});

describe('no N+1', () => {
  const PAGE = (first: number) => `{ households(communeCode: "03160", first: ${first}) {
      totalCount nodes { code commune { name } members { fullName } reviews { year classification standard { code } } } } }`;

  it('a page of 100 households with members and reviews costs the same statements as a page of 10', async () => {
    const ten = await captureStatements(db.dataSource, () => run(PAGE(10)));
    const hundred = await captureStatements(db.dataSource, () => run(PAGE(100)));
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.errors).toBeUndefined();
    expect((hundred.result.data?.households as { nodes: unknown[] }).nodes).toHaveLength(100);
    expect(hundred.statements.length).toBe(ten.statements.length);
    // count + page + commune + members + reviews + standards + lines: a fixed handful.
    expect(hundred.statements.length).toBeLessThanOrEqual(8);
  });
});
