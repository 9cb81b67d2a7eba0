import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';
import { IsoDateScalar } from '../scalars';
import '../enums';
import { HouseholdCategory } from './catalogue';

/**
 * A stretch of days [from, until) over which a household's certified category did not change.
 * Labor computes a household's periods from its certified reviews; another subgraph reads them
 * through federation (`@requires`) and picks the day it needs with `categoryOnDate`.
 */
@Directive('@shareable')
@ObjectType({ description: "A stretch of days over which a household's certified category did not change: [from, until)." })
export class CategoryPeriod {
  @Field(() => HouseholdCategory)
  category!: HouseholdCategory;

  @Field(() => IsoDateScalar, { description: 'The day a certified list (or the end of a newly-escaped window) started it.' })
  from!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'The first day of the next period; null while it lasts.' })
  until!: string | null;
}
