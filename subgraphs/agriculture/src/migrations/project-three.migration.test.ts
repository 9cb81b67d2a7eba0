import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { startTestDatabase, type TestDatabase } from '@gnbv/kit/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrations } from '../data-source';
import { ProductionSupport1763780100000 } from './1763780100000-ProductionSupport';

/*
 * The move from the earlier `production_support` table to the programme's `support` table: a
 * database with old rows is migrated the rest of the way, as a deployed one will be.
 */

const H1 = '11111111-1111-4111-8111-111111111111';
const H2 = '22222222-2222-4222-8222-222222222222';
let db: TestDatabase;
let runner: QueryRunner;
// The test database has one connection: every statement goes through the migrations' runner.
const q = (sql: string, params: unknown[] = []) => runner.query(sql, params);
const later = () => migrations.slice(1).map((M) => new M() as MigrationInterface);

beforeAll(async () => {
  // Only the first shape's migration, as in a database deployed before Project 3's shapes.
  expect(migrations[0]).toBe(ProductionSupport1763780100000);
  db = await startTestDatabase((config: DatabaseConfig) => createDataSource(config, [], migrations.slice(0, 1)));
  runner = db.dataSource.createQueryRunner();
  await q(
    `INSERT INTO production_support (id, household_id, commune_code, province_code, sub_project, kind, description,
                                     quantity, unit, value, delivered_on, program_year, created_at)
     VALUES ('aaaaaaaa-0000-4000-8000-000000000001', $1, '03160', '11', 'PRODUCTION', 'BREEDING_ANIMALS', 'Bò cái sinh sản', 2, 'con', 30000000, '2025-03-10', 2025, '2025-03-11T08:00:00Z'),
            ('aaaaaaaa-0000-4000-8000-000000000002', $1, '03160', '11', 'PRODUCTION', 'INPUTS', 'Phân bón NPK', 200, 'kg', 3000000, '2025-04-01', 2025, '2025-04-02T08:00:00Z'),
            ('aaaaaaaa-0000-4000-8000-000000000003', $2, '03163', '11', 'PRODUCTION', 'TRAINING', 'Tập huấn chăn nuôi', 1, 'khóa', 500000, '2024-11-20', 2024, '2024-11-21T08:00:00Z'),
            ('aaaaaaaa-0000-4000-8000-000000000004', $2, '03163', '11', 'PRODUCTION', 'PRODUCTION_MODEL', 'Mô hình trồng cà phê', 1, 'mô hình', 2500000000, '2025-06-15', 2025, '2025-06-16T08:00:00Z'),
            -- The old columns disagreed here: the kind decides the sub-project.
            ('aaaaaaaa-0000-4000-8000-000000000005', $1, '03160', '11', 'PRODUCTION', 'NUTRITION_PACKAGE', 'Gói dinh dưỡng', 1, 'gói', 1500000, '2025-05-20', 2025, '2025-05-21T08:00:00Z')`,
    [H1, H2],
  );
});
afterAll(async () => {
  await runner?.release();
  await db?.stop();
});

describe('the Project 3 migration', () => {
  it('moves every old record into support as a delivered Project 3 support of the matching kind, and drops the old table', async () => {
    for (const migration of later()) await migration.up(runner);
    expect(await q(`SELECT to_regclass('production_support') AS t`)).toEqual([{ t: null }]);
    const moved = await q(
      `SELECT id, household_id, commune_code, province_code, project, sub_project, kind, description, quantity::text AS quantity,
              unit, value::text AS value, status, planned_on, delivered_on, program_year, recorded_by, created_at
       FROM support ORDER BY id`,
    );
    expect(moved).toEqual([
      expect.objectContaining({
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        household_id: H1,
        commune_code: '03160',
        province_code: '11',
        project: 3,
        sub_project: 1,
        kind: 'BREEDING_ANIMALS',
        quantity: '2.00',
        unit: 'con',
        value: '30000000',
        status: 'DELIVERED',
        planned_on: '2025-03-10',
        delivered_on: '2025-03-10',
        program_year: 2025,
        recorded_by: 'migration',
        created_at: new Date('2025-03-11T08:00:00Z'),
      }),
      expect.objectContaining({ kind: 'FERTILISER', sub_project: 1, quantity: '200.00' }),
      expect.objectContaining({ kind: 'PRODUCTION_TRAINING', sub_project: 1, household_id: H2, program_year: 2024 }),
      // Above the 32-bit range: the value moves exactly.
      expect.objectContaining({ kind: 'EXTENSION_ADVICE', sub_project: 1, value: '2500000000' }),
      expect.objectContaining({ kind: 'NUTRITION_PACKAGE', sub_project: 2 }),
    ]);
    for (const table of [
      'budget_line',
      'disbursement',
      'production_project',
      'production_project_participant',
      'audit_record',
      'idempotency_key',
    ])
      expect(await q(`SELECT to_regclass($1) IS NOT NULL AS ok`, [table])).toEqual([{ ok: true }]);
  });

  it('moves delivered supports back to the old shape when rolled back, and forward again', async () => {
    for (const migration of later().reverse()) await migration.down(runner);
    const back = await q(`SELECT id, sub_project, kind, quantity, value::text AS value FROM production_support ORDER BY id`);
    expect(back.map((r: { kind: string; sub_project: string }) => [r.kind, r.sub_project])).toEqual([
      ['BREEDING_ANIMALS', 'PRODUCTION'],
      ['INPUTS', 'PRODUCTION'],
      ['TRAINING', 'PRODUCTION'],
      ['PRODUCTION_MODEL', 'PRODUCTION'],
      ['NUTRITION_PACKAGE', 'NUTRITION'],
    ]);
    expect(await q(`SELECT to_regclass('support') AS t`)).toEqual([{ t: null }]);
    for (const migration of later()) await migration.up(runner);
    expect(await q(`SELECT count(*)::int AS n FROM support`)).toEqual([{ n: 5 }]);
  });

  it('stops, naming them, on old kinds it has no equivalent for', async () => {
    for (const migration of later().reverse()) await migration.down(runner);
    await q(`UPDATE production_support SET kind = 'IRRIGATION' WHERE id = 'aaaaaaaa-0000-4000-8000-000000000002'`);
    await runner.startTransaction();
    try {
      const [audit, idempotency, projectThree] = later();
      await audit!.up(runner);
      await idempotency!.up(runner);
      await expect(projectThree!.up(runner)).rejects.toThrow(/kinds with no Project 3 equivalent \(IRRIGATION\)/);
    } finally {
      await runner.rollbackTransaction();
    }
    expect(await q(`SELECT count(*)::int AS n FROM production_support`)).toEqual([{ n: 5 }]);
  });
});
