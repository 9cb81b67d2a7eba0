import type { DataSource } from 'typeorm';
import { summariesByUnit } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Households of a unit by category, within your scope. Without a year: the current categories. With a year: ' +
    "that year's certified reviews (corrections applied); newlyEscaped is then null.",
})
export class HouseholdCounts {
  @Field(() => Int, { description: 'Households registered in the unit.' })
  total!: number;

  @Field(() => Int)
  poor!: number;

  @Field(() => Int)
  nearPoor!: number;

  @Field(() => Int, { nullable: true })
  newlyEscaped!: number | null;

  @Field(() => Int, { description: 'Neither poor nor near-poor (with a year: reviewed and certified as such).' })
  notPoor!: number;

  @Field(() => Int, { nullable: true, description: 'With a year: households with no certified review that year.' })
  notReviewed!: number | null;
}

/** The certified review that stands for a year: certified and not replaced by a certified correction. */
export const effectiveReviewSql = (year: number) => `
  SELECT r.classification, r.deprived_indicators FROM poverty_review r
   WHERE r.household_id = h.id AND r.year = ${year} AND r.state = 'CERTIFIED'
     AND NOT EXISTS (SELECT 1 FROM poverty_review c WHERE c.correction_of = r.id AND c.state = 'CERTIFIED')
   LIMIT 1`;

/** Counts per commune and per province (both in one statement), for a batch of unit codes. */
export async function householdCountsByUnit(
  db: DataSource,
  principal: Principal,
  codes: readonly string[],
  year: number | null,
): Promise<Array<HouseholdCounts & { code: string }>> {
  if (year !== null && !Number.isInteger(year)) throw new RangeError('year must be a whole number');
  const table =
    year === null
      ? `(SELECT h.commune_code, h.province_code, h.category AS cls FROM household h) t`
      : `(SELECT h.commune_code, h.province_code, r.classification AS cls
            FROM household h LEFT JOIN LATERAL (${effectiveReviewSql(year)}) r ON TRUE) t`;
  const select =
    year === null
      ? `count(*)::int AS total, count(*) FILTER (WHERE cls = 'POOR')::int AS poor,
         count(*) FILTER (WHERE cls = 'NEAR_POOR')::int AS "nearPoor",
         count(*) FILTER (WHERE cls = 'NEWLY_ESCAPED')::int AS "newlyEscaped",
         count(*) FILTER (WHERE cls = 'NOT_POOR')::int AS "notPoor", NULL::int AS "notReviewed"`
      : `count(*)::int AS total, count(*) FILTER (WHERE cls = 'POOR')::int AS poor,
         count(*) FILTER (WHERE cls = 'NEAR_POOR')::int AS "nearPoor", NULL::int AS "newlyEscaped",
         count(*) FILTER (WHERE cls IN ('AVERAGE_LIVING_STANDARD', 'ABOVE_AVERAGE'))::int AS "notPoor",
         count(*) FILTER (WHERE cls IS NULL)::int AS "notReviewed"`;
  return summariesByUnit<HouseholdCounts>(db, { table, select, principal, codes });
}
