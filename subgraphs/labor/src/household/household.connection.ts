import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@gnbv/kit';
import { Household } from './household.entity';

@ObjectType({ description: 'A page of households, in household-code order.' })
export class HouseholdConnection {
  @Field(() => [Household])
  nodes!: Household[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All households matching the filter, across pages.' })
  totalCount!: number;
}
