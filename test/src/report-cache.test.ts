import { randomUUID } from 'node:crypto';
import { buildDemoDataset, DEMO_COMMUNES, DEMO_PROVINCE, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

/*
 * Issue 8's report cache (subgraphs/kit/src/report/cache.ts) through the gateway, on the demo
 * data with the cache on (it is off under NODE_ENV=test unless set): a report is reused for the
 * same reader scope, never handed to a reader of another scope, and not reused after a write the
 * subgraph made. A change the subgraph did not make (here, SQL straight into its database, as
 * an import or another replica would) shows once the entry's lifetime ends.
 */

const demo = buildDemoDataset();
const PROVINCE = DEMO_PROVINCE.code;
const COMMUNE = DEMO_COMMUNES[0].code;
const YEAR = 2025;

const ANALYST: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };
const COMMUNE_OFFICER: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [COMMUNE] };
const PROVINCE_OFFICER: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [PROVINCE] };

const REPORT = `query Poverty($code: String!, $year: Int!) { adminUnit(code: $code) { povertyReport(year: $year) { households reviewed poor } } }`;

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    env: { LABOR_REPORT_CACHE_SECONDS: '600', AGRICULTURE_REPORT_CACHE_SECONDS: '600' },
  });
});
afterAll(() => platform?.stop());

async function report(as: DevTokenOptions): Promise<{ households: number; reviewed: number; poor: number }> {
  const res = await platform.query(REPORT, { code: PROVINCE, year: YEAR }, { as, purpose: 'statistics' });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as { adminUnit: { povertyReport: { households: number; reviewed: number; poor: number } } }).adminUnit
    .povertyReport;
}

/** Removes one reviewed household's 2025 fact behind the subgraph's back (no write of its own). */
async function dropOneFactDirectly(): Promise<string> {
  const [row] = await platform.dataSources.labor!.query(
    `DELETE FROM report_fact WHERE household_id = (
       SELECT household_id FROM report_fact
        WHERE year = $1 AND province_code = $2 AND commune_code = $3 AND review_id IS NOT NULL ORDER BY household_id LIMIT 1)
     AND year = $1 RETURNING household_id`,
    [YEAR, PROVINCE, COMMUNE],
  );
  return (row as { household_id: string }).household_id;
}

describe('issue 8: the report cache', () => {
  it('reuses a report for the same scope, keeps scopes apart, and forgets reports after a write of its own', async () => {
    const before = await report(ANALYST);
    const communeBefore = await report(COMMUNE_OFFICER);
    expect(communeBefore.reviewed).toBeLessThan(before.reviewed);

    const removed = await dropOneFactDirectly();
    // Cached: the change made behind the subgraph's back is not seen yet, by either scope.
    expect(await report(ANALYST)).toEqual(before);
    expect(await report(COMMUNE_OFFICER)).toEqual(communeBefore);
    // A scope not asked before is computed afresh, over its own rows only.
    const province = await report(PROVINCE_OFFICER);
    expect(province.reviewed).toBe(before.reviewed - 1);

    // A write through the subgraph (any mutation) retires every cached report of its database.
    const household = demo.labor.households.find((h) => h.id !== removed && h.communeCode === COMMUNE)!;
    const write = await platform.query(
      `mutation($id: ID!, $key: String!) { updateHousehold(id: $id, input: { village: "Thôn 1" }, idempotencyKey: $key) { id } }`,
      { id: household.id, key: randomUUID() },
      { as: PROVINCE_OFFICER, purpose: 'review' },
    );
    expect(write.body.errors).toBeUndefined();
    expect((await report(ANALYST)).reviewed).toBe(before.reviewed - 1);
    expect((await report(COMMUNE_OFFICER)).reviewed).toBe(communeBefore.reviewed - 1);
  });
});
