import { errorCodes as codes, schemaRunner, startTestDatabase, type SchemaRunner, type TestDatabase } from '@gnbv/kit/testing';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { buildLaborSchema } from '../schema';

/*
 * Administrative units over time: the 2025 reform merged communes, gave a new unit the code of
 * one predecessor, and split a former commune between two new ones. The fixture is that case;
 * the database's own guards (overlapping versions, closing a unit that holds households,
 * copies of a unit's codes) are tested against the real tables.
 */

let db: TestDatabase;
let run: SchemaRunner;
const ids: Record<string, string> = {};
const H1 = '00000000-0000-4000-8000-000000000001';
const H2 = '00000000-0000-4000-8000-000000000002';

const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
async function unit(key: string, values: [string, string, string, string | null, string, string | null, string | null]) {
  const [row] = await q(
    `INSERT INTO admin_unit (code, name, level, parent_code, valid_from, valid_to, district_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    values,
  );
  ids[key] = row.id;
}

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  await unit('province', ['11', 'Tỉnh Điện Biên', 'PROVINCE', null, '2004-01-01', null, null]);
  await unit('oldPhang', ['03160', 'Xã Mường Phăng', 'COMMUNE', '11', '2008-08-01', '2025-07-01', 'Huyện Điện Biên']);
  await unit('oldNhan', ['03157', 'Xã Nà Nhạn', 'COMMUNE', '11', '2008-08-01', '2025-07-01', 'Huyện Điện Biên']);
  await unit('oldKhoang', ['03172', 'Xã Pá Khoang', 'COMMUNE', '11', '2008-08-01', '2025-07-01', 'Huyện Điện Biên']);
  await unit('newPhang', ['03160', 'Xã Mường Phăng', 'COMMUNE', '11', '2025-07-01', null, null]);
  await unit('newTau', ['03163', 'Xã Nà Tấu', 'COMMUNE', '11', '2025-07-01', null, null]);
  await q(
    `INSERT INTO admin_unit_link (successor_id, predecessor_id, kind, note) VALUES
       ($1, $2, 'WHOLE', NULL), ($1, $3, 'WHOLE', NULL), ($1, $4, 'PART', 'Bản Cang'), ($5, $4, 'PART', 'Bản Hả')`,
    [ids.newPhang, ids.oldPhang, ids.oldNhan, ids.oldKhoang, ids.newTau],
  );
  // H1 was registered in Pá Khoang before the reform; H2 after it, giving only today's code.
  await q(
    `INSERT INTO household (id, code, commune_code, commune_id, province_code, recorded_commune_id, registered_on,
                            village, address, area, category)
     VALUES ($1, 'A-001', '03160', $2, '11', $3, '2019-03-04', 'Bản Cang', 'Bản Cang', 'RURAL', 'POOR')`,
    [H1, ids.newPhang, ids.oldKhoang],
  );
  await q(
    `INSERT INTO household (id, code, commune_code, village, address, area, category)
     VALUES ($1, 'B-001', '03163', 'Bản Hả', 'Bản Hả', 'RURAL', 'NEAR_POOR')`,
    [H2],
  );
  // Reviews name no commune: the database records the one in force on the review's date.
  await q(
    `INSERT INTO poverty_review (household_id, year, review_date, state) VALUES
       ($1, 2024, '2024-10-15', 'DRAFT'), ($1, 2025, '2025-10-15', 'DRAFT'), ($2, 2025, '2025-10-15', 'DRAFT')`,
    [H1, H2],
  );
});
afterAll(() => db?.stop());

describe('administrative units over time', () => {
  it('answers a code with the unit current today, or the one in force on a date', async () => {
    const res = await run(`{
      today: adminUnit(code: "03160") { id name current validFrom validTo districtName }
      before: adminUnit(code: "03160", asOf: "2025-06-30") { id name current validFrom validTo districtName }
      gone: adminUnit(code: "03157") { id }
      then: adminUnit(code: "03157", asOf: "2020-01-01") { name districtName }
      tooEarly: adminUnit(code: "03157", asOf: "2008-07-31") { id }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      today: {
        id: ids.newPhang,
        name: 'Xã Mường Phăng',
        current: true,
        validFrom: '2025-07-01',
        validTo: null,
        districtName: null,
      },
      before: {
        id: ids.oldPhang,
        name: 'Xã Mường Phăng',
        current: false,
        validFrom: '2008-08-01',
        validTo: '2025-07-01',
        districtName: 'Huyện Điện Biên',
      },
      gone: null,
      then: { name: 'Xã Nà Nhạn', districtName: 'Huyện Điện Biên' },
      tooEarly: null,
    });
  });

  it('lists a province’s communes as they are today or were on a date', async () => {
    const res = await run(`{
      today: adminUnits(provinceCode: "11") { code }
      before: adminUnits(provinceCode: "11", asOf: "2025-01-01") { code }
      province: adminUnit(code: "11") { children { code } before: children(asOf: "2025-06-30") { code } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      today: [{ code: '03160' }, { code: '03163' }],
      before: [{ code: '03157' }, { code: '03160' }, { code: '03172' }],
      province: {
        children: [{ code: '03160' }, { code: '03163' }],
        before: [{ code: '03157' }, { code: '03160' }, { code: '03172' }],
      },
    });
  });

  it('tells a unit’s history: predecessors whole or in part, successors, and every version of its code', async () => {
    const res = await run(`{
      adminUnit(code: "03160") {
        predecessors { kind note unit { code name validTo } }
        codeHistory { id validFrom validTo }
      }
      split: adminUnit(code: "03172", asOf: "2025-06-30") { successors { kind note unit { code current } } predecessors { kind } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      adminUnit: {
        predecessors: [
          { kind: 'WHOLE', note: null, unit: { code: '03157', name: 'Xã Nà Nhạn', validTo: '2025-07-01' } },
          { kind: 'WHOLE', note: null, unit: { code: '03160', name: 'Xã Mường Phăng', validTo: '2025-07-01' } },
          { kind: 'PART', note: 'Bản Cang', unit: { code: '03172', name: 'Xã Pá Khoang', validTo: '2025-07-01' } },
        ],
        codeHistory: [
          { id: ids.oldPhang, validFrom: '2008-08-01', validTo: '2025-07-01' },
          { id: ids.newPhang, validFrom: '2025-07-01', validTo: null },
        ],
      },
      split: {
        successors: [
          { kind: 'PART', note: 'Bản Cang', unit: { code: '03160', current: true } },
          { kind: 'PART', note: 'Bản Hả', unit: { code: '03163', current: true } },
        ],
        predecessors: [],
      },
    });
  });

  it('gives a household its commune as recorded and as resolved today', async () => {
    const res = await run(`{
      h1: household(id: "${H1}") { registeredOn commune { code current } recordedCommune { code name current } }
      h2: household(id: "${H2}") { commune { code } recordedCommune { code current } }
      former: adminUnit(code: "03172", asOf: "2025-01-01") { households { totalCount } householdCounts { total } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      h1: {
        registeredOn: '2019-03-04',
        commune: { code: '03160', current: true },
        recordedCommune: { code: '03172', name: 'Xã Pá Khoang', current: false },
      },
      h2: { commune: { code: '03163' }, recordedCommune: { code: '03163', current: true } },
      // Households live in today's units: a former unit lists none and has no current counts.
      former: { households: { totalCount: 0 }, householdCounts: null },
    });
  });

  it('records on each review the commune in force on its date ("as was")', async () => {
    const rows: { household_id: string; year: number; commune_id: string }[] = await q(
      `SELECT household_id, year, commune_id FROM poverty_review ORDER BY household_id, year`,
    );
    expect(rows).toEqual([
      { household_id: H1, year: 2024, commune_id: ids.oldKhoang },
      { household_id: H1, year: 2025, commune_id: ids.newPhang },
      { household_id: H2, year: 2025, commune_id: ids.newTau },
    ]);
  });

  it('fills a household’s unit and province from today’s code, and keeps the copies honest', async () => {
    const [h2] = await q(`SELECT commune_id, province_code, recorded_commune_id FROM household WHERE id = $1`, [H2]);
    expect(h2).toEqual({ commune_id: ids.newTau, province_code: '11', recorded_commune_id: ids.newTau });
    // A code with no current commune (a former one) is refused.
    await expect(
      q(`INSERT INTO household (code, commune_code, village, address, area, category)
         VALUES ('X-1', '03157', 'v', 'a', 'RURAL', 'POOR')`),
    ).rejects.toThrow(/no current commune has the code 03157/);
    // A province code that is not the unit's is refused by the composite foreign key.
    await expect(q(`UPDATE household SET province_code = '12' WHERE id = $1`, [H2])).rejects.toThrow(/household_commune_fk/);
    // Moving to another commune by code resolves its unit again.
    await q(`UPDATE household SET commune_code = '03160' WHERE id = $1`, [H2]);
    const [moved] = await q(`SELECT commune_id FROM household WHERE id = $1`, [H2]);
    expect(moved.commune_id).toBe(ids.newPhang);
    await q(`UPDATE household SET commune_code = '03163' WHERE id = $1`, [H2]);
  });

  it('refuses overlapping versions of a code and closing a unit that still holds households', async () => {
    await expect(
      q(`INSERT INTO admin_unit (code, name, level, parent_code, valid_from, valid_to)
         VALUES ('03157', 'Xã Nà Nhạn', 'COMMUNE', '11', '2020-01-01', '2026-01-01')`),
    ).rejects.toThrow(/overlaps another version of the same code/);
    await expect(q(`UPDATE admin_unit SET valid_to = '2026-01-01' WHERE id = $1`, [ids.newTau])).rejects.toThrow(
      /still holds households or inspections/,
    );
    await expect(
      q(`INSERT INTO admin_unit (code, name, level, parent_code, valid_from, valid_to)
         VALUES ('03190', 'Xã Mới', 'COMMUNE', '11', '2026-01-01', '2025-01-01')`),
    ).rejects.toThrow(/admin_unit_period/);
  });

  it('refuses a malformed date naming the argument', async () => {
    const res = await run(`{ adminUnit(code: "03160", asOf: "2025-13-01") { id } }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(/asOf|date/i);
  });
});
