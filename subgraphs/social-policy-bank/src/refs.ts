import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CategoryPeriod } from '@gnbv/kit';

/*
 * Labor's entities as this subgraph extends them. Besides their keys, the bank declares the few
 * labor fields it reads through federation (`@external`), so that its fields can `@requires`
 * them: the gateway fetches them from labor for each request and hands them to the bank in the
 * entity representation. Nothing of labor's is copied into the bank's database.
 *
 * These classes are the bank's own (not the kit's `defineHouseholdRef`): type-graphql attaches
 * fields to the class, and these carry the bank's externals.
 */

/** What the bank reads of labor's HouseholdCounts (the @requires of AdminUnit.lendingCoverage). */
@ObjectType('HouseholdCounts')
export class HouseholdCountsRef {
  @Directive('@external')
  @Field(() => Int)
  poor!: number;

  @Directive('@external')
  @Field(() => Int)
  nearPoor!: number;
}

@Directive('@key(fields: "code")')
@ObjectType('AdminUnit')
export class AdminUnitRef {
  @Field()
  code!: string;

  @Directive('@external')
  @Field(() => HouseholdCountsRef, {
    nullable: true,
    description: "Labor's: households by current category, in the reader's scope.",
  })
  currentHouseholdCounts?: HouseholdCountsRef | null;

  @Directive('@external')
  @Field(() => AdminUnitRef, { nullable: true, description: "Labor's: the province of a commune." })
  parent?: AdminUnitRef | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Household')
export class HouseholdRef {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [CategoryPeriod], { nullable: true, description: "Labor's: the certified category over time." })
  certifiedCategoryPeriods?: CategoryPeriod[] | null;

  @Directive('@external')
  @Field(() => AdminUnitRef, { nullable: true, description: "Labor's: the commune the household is registered in today." })
  commune?: AdminUnitRef | null;
}

/*
 * Deliberately not required: labor's `AdminUnit.householdCounts(year: Int)`, for the share of poor
 * households that borrow. It composes, but the Apollo query planner (2.14) merges a @requires of
 * a field with arguments with the client's own selection of that field under other arguments:
 * `{ householdCounts(year: 2024) { poor } <field requiring householdCounts> }` fetches the field
 * once, so either the client's 2024 counts or the bank's current ones are wrong
 * (apollographql/federation#2996 and #2276, open). The bank gives the borrowing counts by
 * category (LendingSummary.borrowingHouseholdsByCategory); a client divides by labor's counts.
 */

/** The labor fields Household.loanEligibility needs, as the gateway fetches them for every check. */
export const ELIGIBILITY_REQUIRES = 'certifiedCategoryPeriods { category from until } commune { code parent { code } }';

/** The labor fields AdminUnit.lendingCoverage needs: the current counts, a field without arguments. */
export const COVERAGE_REQUIRES = 'currentHouseholdCounts { poor nearPoor }';
