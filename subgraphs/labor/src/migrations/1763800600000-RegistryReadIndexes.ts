import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the registry's filtered reads at scale, from `npm run bench:registry` on 1,000,000
 * seeded households (local PostgreSQL 15, 2 vCPUs; p50 before -> after):
 * - province + category 147 -> 6 ms, national category 250 -> 6 ms: (province_code | category, code, id);
 * - province + a rare flag 140 -> 4 ms: partial indexes per flag (ethnic minority is most
 *   households in the seeded communes: not worth one);
 * - province + 2025 class POOR 587 -> 128 ms, national 2025 + deprived in 11 1,266 -> 506 ms: the
 *   certified-reviews-by-year index now covers household, id and deprivations, so the reads never
 *   visit the review rows (which are wide: reasons, dates).
 */
export class RegistryReadIndexes1763800600000 implements MigrationInterface {
  name = 'RegistryReadIndexes1763800600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX poverty_review_year_class_idx`);
    await q.query(`
      CREATE INDEX poverty_review_year_class_idx ON poverty_review (year, classification, household_id)
        INCLUDE (id, deprived_indicators) WHERE state = 'CERTIFIED'`);
    await q.query(`CREATE INDEX household_province_category_idx ON household (province_code, category, code, id)`);
    await q.query(`CREATE INDEX household_category_idx ON household (category, code, id)`);
    await q.query(
      `CREATE INDEX household_no_working_capacity_idx ON household (province_code, code, id) WHERE no_working_capacity`,
    );
    await q.query(
      `CREATE INDEX household_meritorious_family_idx ON household (province_code, code, id) WHERE meritorious_family`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_meritorious_family_idx`);
    await q.query(`DROP INDEX household_no_working_capacity_idx`);
    await q.query(`DROP INDEX household_category_idx`);
    await q.query(`DROP INDEX household_province_category_idx`);
    await q.query(`DROP INDEX poverty_review_year_class_idx`);
    await q.query(
      `CREATE INDEX poverty_review_year_class_idx ON poverty_review (year, classification) WHERE state = 'CERTIFIED'`,
    );
  }
}
