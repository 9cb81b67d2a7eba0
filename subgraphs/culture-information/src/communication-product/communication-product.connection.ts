import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@gnbv/kit';
import { CommunicationProduct, CommunicationProductKind } from './communication-product.entity';

@ObjectType({ description: 'A page of communication products, newest first.' })
export class CommunicationProductConnection {
  @Field(() => [CommunicationProduct])
  nodes!: CommunicationProduct[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Products matching the filters in your scope, on every page.' })
  totalCount!: number;
}

@ObjectType({ description: "A unit's communication products of one kind, totalled (a province includes its communes)." })
export class CommunicationSummary {
  @Field(() => CommunicationProductKind)
  kind!: CommunicationProductKind;

  @Field(() => Int)
  subProject!: number;

  @Field(() => Int)
  productCount!: number;

  @Field(() => Int, { description: 'People reached, summed over the products.' })
  audienceReached!: number;

  @Field(() => Int, { description: 'Households reached, summed over the products that reported it.' })
  householdsReached!: number;

  @Field(() => Int, { description: 'How many of the products reported households reached (older records did not).' })
  productsReportingHouseholds!: number;
}
