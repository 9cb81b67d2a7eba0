import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { HouseholdCategory } from '../household/household.entity';

/*
 * The coverage report's GraphQL shape (issue 7, contract section 2). Labor owns the entity; the
 * other agencies each add a household set (@inaccessible) that labor @requires to compute the
 * figures in its own database. See coverage-report.sql.ts for the definitions.
 */

@Directive('@key(fields: "unitCode year")')
@ObjectType({
  description:
    "Who the programme reached in a unit in a review year: the year's certified poor and near-poor lists and the households newly escaped at the year's end, against every project's supports and the bank's loans, over your scope.",
})
export class CoverageReport {
  @Field({ description: 'The province (2 digits) or commune (5 digits) code.' })
  unitCode!: string;

  @Field(() => Int, { description: 'The review year; supports count by programme year, loans when owed during it.' })
  year!: number;

  // Household sets from the other agencies (kit household-set codec): labor reads them, clients never can.
  @Directive('@external')
  @Field(() => String, { nullable: true })
  productionHouseholds?: string | null;

  @Directive('@external')
  @Field(() => String, { nullable: true })
  informationHouseholds?: string | null;

  @Directive('@external')
  @Field(() => String, { nullable: true })
  borrowingHouseholds?: string | null;
}

@ObjectType({ description: "Households of a list reached by one project's support in the year." })
export class ProjectReach {
  @Field(() => Int, { description: 'Project of the programme: 2, 4, 5 (labor), 3 (agriculture), 6 (culture-information).' })
  project!: number;

  @Field()
  projectName!: string;

  @Field(() => Int, {
    description: 'Households of the list with a delivered or verified support of the project, programme year = the year.',
  })
  households!: number;

  @Field(() => Float, { description: 'Percent of the households of the list, two decimals.' })
  share!: number;
}

@ObjectType({ description: 'One list of the year and how the programme reached it.' })
export class CoverageGroup {
  @Field(() => HouseholdCategory, {
    description:
      "POOR and NEAR_POOR: the year's certified lists. NEWLY_ESCAPED: counting as newly escaped on the year's last day (a near-poor household can be on that list too).",
  })
  category!: HouseholdCategory;

  @Field(() => Int, { description: 'Households on the list, in the unit and your scope.' })
  households!: number;

  @Field(() => [ProjectReach], { description: 'Projects 2 to 6, in project order.' })
  byProject!: ProjectReach[];

  @Field(() => Int, { description: 'Of them, owing on a bank loan at some time during the year.' })
  borrowing!: number;

  @Field(() => Int, { description: 'Reached by at least two of: each project (once each) and bank borrowing.' })
  several!: number;

  @Field(() => Int, { description: 'Reached by none of them: the "leave no one behind" figure.' })
  none!: number;
}

@ObjectType({ description: "A commune's coverage figures (the same lists as the unit's)." })
export class CommuneCoverage {
  @Field()
  communeCode!: string;

  @Field()
  communeName!: string;

  @Field(() => [CoverageGroup])
  groups!: CoverageGroup[];
}

@ObjectType({ description: 'Whether support went where the deprivation is.' })
export class CoverageTargeting {
  @Field(() => Int, { description: "Households deprived on indicator 11 (telecom) or 12 (devices) in the year's review." })
  informationDeprived!: number;

  @Field(() => Int, { description: 'Of them, with a Project 6 support in the year.' })
  informationDeprivedReached!: number;

  @Field(() => Int, { description: 'Project 6 households not deprived on 11 or 12 that year (mis-targeting).' })
  informationReachedNotDeprived!: number;

  @Field(() => Int, { description: 'Poor households of the year with no member able to work.' })
  poorNoWorkingCapacity!: number;

  @Field(() => Int, { description: 'Of them, with a Project 3 support in the year.' })
  poorNoWorkingCapacityReached!: number;
}
