import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen identity number belongs to one person, and a person is a current member of one
 * household: at most one current member (left_on IS NULL) holds a number. Members who left keep
 * theirs as history, so a person who moved can be registered in the new household. The index is
 * also what the registry's writes read to refuse a number already in use.
 */
export class MemberNationalId1763800400000 implements MigrationInterface {
  name = 'MemberNationalId1763800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX household_member_current_national_id ON household_member (national_id)
        WHERE left_on IS NULL AND national_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_member_current_national_id`);
  }
}
