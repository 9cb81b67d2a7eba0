import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the poverty report (report/poverty-report.sql.ts), which reads every household of
 * a province and each one's whole certified history. EXPLAIN ANALYZE on 1,000,000 seeded
 * households (local PostgreSQL 15, 2 vCPUs; province 14, 257,169 households, with its 111
 * communes in one statement):
 * - households of the units: index-only on (province_code, commune_code) with id and
 *   registered_on, instead of a scan of the table (~870 ms cold before);
 * - reviews: index-only on the certified reviews by (household_id, year) carrying class,
 *   deprivations, certification day and correction link, instead of a merge over every review
 *   row with a heap visit each (0.8-1.6 s before, ~0.25 s after; the whole statement is still
 *   ~2.4-3 s, see the report module).
 */
export class PovertyReportIndexes1764400000000 implements MigrationInterface {
  name = 'PovertyReportIndexes1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX household_province_commune_idx ON household (province_code, commune_code) INCLUDE (id, registered_on)`,
    );
    await q.query(`
      CREATE INDEX poverty_review_history_idx ON poverty_review (household_id, year)
        INCLUDE (id, classification, deprived_indicators, certified_on, correction_of) WHERE state = 'CERTIFIED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX poverty_review_history_idx`);
    await q.query(`DROP INDEX household_province_commune_idx`);
  }
}
