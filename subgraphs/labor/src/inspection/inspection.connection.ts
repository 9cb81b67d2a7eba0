import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@gnbv/kit';
import { FollowUpAction, Inspection } from './inspection.entity';

@ObjectType({ description: 'A page of inspections, newest first.' })
export class InspectionConnection {
  @Field(() => [Inspection])
  nodes!: Inspection[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All inspections matching the filter, across pages.' })
  totalCount!: number;
}

@ObjectType({ description: 'A page of follow-up actions, earliest due first.' })
export class FollowUpActionConnection {
  @Field(() => [FollowUpAction])
  nodes!: FollowUpAction[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'All actions matching the filter, across pages.' })
  totalCount!: number;
}
