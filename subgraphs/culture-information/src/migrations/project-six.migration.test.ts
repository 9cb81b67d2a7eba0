import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { schemaRunner, startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import type { MigrationInterface } from 'typeorm';
import { createLoaders } from '../context';
import { entities } from '../data-source';
import { buildCultureInformationSchema } from '../schema';
import { InformationAccess1763780200000 } from './1763780200000-InformationAccess';
import {
  CultureAuditTrail1763900000000,
  CultureIdempotency1763900000001,
  ProjectSix1763900000002,
} from './1763900000000-ProjectSix';

/*
 * The Project 6 migration on a database that already holds the old shape: information supports
 * move into the shared `support` table with nothing lost, communication products gain their
 * new columns, and `down` gives the old rows back.
 */

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
const S = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let db: TestDatabase;
const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

/** Runs migrations one by one, each in its own transaction, as TypeORM does with `transaction: 'each'`. */
async function apply(direction: 'up' | 'down', migrations: Array<new () => MigrationInterface>) {
  const runner = db.dataSource.createQueryRunner();
  try {
    for (const Migration of migrations) {
      await runner.startTransaction();
      await new Migration()[direction](runner);
      await runner.commitTransaction();
    }
  } finally {
    await runner.release();
  }
}
const LATER = [CultureAuditTrail1763900000000, CultureIdempotency1763900000001, ProjectSix1763900000002];

beforeAll(async () => {
  // The database as deployed before Project 6 moved to the shared shapes.
  db = await startTestDatabase((config: DatabaseConfig) => createDataSource(config, entities, [InformationAccess1763780200000]));
  await q(
    `INSERT INTO information_support (id, household_id, commune_code, province_code, kind, value, delivered_on, created_at) VALUES
     ($1, $5, '03160', '11', 'SMARTPHONE', 2500000, '2025-04-02', '2025-04-03T08:00:00Z'),
     ($2, $5, '03160', '11', 'TELEVISION', 4000000, '2024-12-14', '2024-12-15T08:00:00Z'),
     ($3, $6, '03163', '11', 'INTERNET_SUBSCRIPTION', 3000000001, '2025-06-01', '2025-06-02T08:00:00Z'),
     ($4, $6, '03163', '11', 'DIGITAL_SKILLS_TRAINING', 500000, '2025-07-01', '2025-07-02T08:00:00Z')`,
    [S(1), S(2), S(3), S(4), H1, H2],
  );
  await q(`INSERT INTO communication_product (commune_code, province_code, kind, title, published_on, audience_reach) VALUES
           ('03160', '11', 'BROADCAST', 'Bản tin giảm nghèo', '2025-05-05', 1200),
           ('03160', '11', 'PUBLIC_INFORMATION_POINT', 'Điểm thông tin công cộng', '2024-07-01', 80)`);
  await apply('up', LATER);
});
afterAll(() => db?.stop());

describe('the Project 6 migration', () => {
  it('moves every information support into the shared support table as a delivered Project 6.1 support, keeping its id, value and dates', async () => {
    expect(await q(`SELECT to_regclass('information_support') AS t`)).toEqual([{ t: null }]);
    const rows = await q(
      `SELECT id, household_id, commune_code, project, sub_project, kind, description, quantity::text, unit, value::text, status,
              planned_on, delivered_on, program_year, category_on_delivery, deprived_on_delivery, recorded_by, created_at
       FROM support ORDER BY id`,
    );
    const common = {
      project: 6,
      sub_project: 1,
      quantity: '1.00',
      status: 'DELIVERED',
      recorded_by: 'migration',
      category_on_delivery: null,
      deprived_on_delivery: null,
    };
    expect(rows).toEqual([
      {
        ...common,
        id: S(1),
        household_id: H1,
        commune_code: '03160',
        kind: 'PHONE',
        description: 'SMARTPHONE',
        unit: 'chiếc',
        value: '2500000',
        planned_on: '2025-04-02',
        delivered_on: '2025-04-02',
        program_year: 2025,
        created_at: new Date('2025-04-03T08:00:00Z'),
      },
      {
        ...common,
        id: S(2),
        household_id: H1,
        commune_code: '03160',
        kind: 'TELEVISION',
        description: 'TELEVISION',
        unit: 'chiếc',
        value: '4000000',
        planned_on: '2024-12-14',
        delivered_on: '2024-12-14',
        program_year: 2024,
        created_at: new Date('2024-12-15T08:00:00Z'),
      },
      {
        ...common,
        id: S(3),
        household_id: H2,
        commune_code: '03163',
        kind: 'INTERNET_ACCESS',
        description: 'INTERNET_SUBSCRIPTION',
        unit: 'gói',
        value: '3000000001',
        planned_on: '2025-06-01',
        delivered_on: '2025-06-01',
        program_year: 2025,
        created_at: new Date('2025-06-02T08:00:00Z'),
      },
      {
        ...common,
        id: S(4),
        household_id: H2,
        commune_code: '03163',
        kind: 'INTERNET_ACCESS',
        description: 'DIGITAL_SKILLS_TRAINING',
        unit: 'khóa',
        value: '500000',
        planned_on: '2025-07-01',
        delivered_on: '2025-07-01',
        program_year: 2025,
        created_at: new Date('2025-07-02T08:00:00Z'),
      },
    ]);
  });

  it('reads the moved supports through the schema, with their deprivation on delivery unknown rather than guessed', async () => {
    const run = schemaRunner((await buildCultureInformationSchema()).schema, db.dataSource, createLoaders);
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Household { informationSupports { kind status reachedDeprivation categoryOnDelivery } }
         ... on AdminUnit { informationSupportSummary { kind supportCount householdsDeprivedOnAddressed } } } }`,
      {
        r: [
          { __typename: 'Household', id: H1 },
          { __typename: 'AdminUnit', code: '03163' },
        ],
      },
      { purpose: 'support-delivery' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        informationSupports: [
          { kind: 'TELEVISION', status: 'DELIVERED', reachedDeprivation: null, categoryOnDelivery: null },
          { kind: 'PHONE', status: 'DELIVERED', reachedDeprivation: null, categoryOnDelivery: null },
        ],
      },
      { informationSupportSummary: [{ kind: 'INTERNET_ACCESS', supportCount: 2, householdsDeprivedOnAddressed: 0 }] },
    ]);
  });

  it('gives old communication products their sub-project and programme year, and new rows no silent defaults', async () => {
    expect(
      await q(
        `SELECT kind, sub_project, program_year, households_reached, producing_office, recorded_by FROM communication_product ORDER BY kind`,
      ),
    ).toEqual([
      {
        kind: 'BROADCAST',
        sub_project: 2,
        program_year: 2025,
        households_reached: null,
        producing_office: 'Culture and information office',
        recorded_by: 'migration',
      },
      {
        kind: 'PUBLIC_INFORMATION_POINT',
        sub_project: 1,
        program_year: 2024,
        households_reached: null,
        producing_office: 'Culture and information office',
        recorded_by: 'migration',
      },
    ]);
    await expect(
      q(`INSERT INTO communication_product (commune_code, province_code, kind, sub_project, program_year, title, published_on, audience_reach, producing_office)
         VALUES ('03160', '11', 'LEAFLET', 1, 2025, 'Tờ rơi', '2025-01-01', 10, 'Phòng VH-XH')`),
    ).rejects.toThrow(/recorded_by/);
    await expect(
      q(`INSERT INTO communication_product (commune_code, province_code, kind, sub_project, program_year, title, published_on, audience_reach, households_reached, producing_office, recorded_by)
         VALUES ('03160', '11', 'LEAFLET', 1, 2025, 'Tờ rơi', '2025-01-01', 10, 11, 'Phòng VH-XH', 'x')`),
    ).rejects.toThrow(/communication_product_households/);
  });

  it('gives the old rows back on the way down, and moves them again on the way up', async () => {
    await apply('down', [ProjectSix1763900000002]);
    expect(await q(`SELECT id, kind, value::text, delivered_on FROM information_support ORDER BY id`)).toEqual([
      { id: S(1), kind: 'SMARTPHONE', value: '2500000', delivered_on: '2025-04-02' },
      { id: S(2), kind: 'TELEVISION', value: '4000000', delivered_on: '2024-12-14' },
      { id: S(3), kind: 'INTERNET_SUBSCRIPTION', value: '3000000001', delivered_on: '2025-06-01' },
      { id: S(4), kind: 'DIGITAL_SKILLS_TRAINING', value: '500000', delivered_on: '2025-07-01' },
    ]);
    expect(await q(`SELECT to_regclass('support') AS t`)).toEqual([{ t: null }]);
    await apply('up', [ProjectSix1763900000002]);
    expect(await q(`SELECT count(*)::int AS n FROM support`)).toEqual([{ n: 4 }]);
  });
});
