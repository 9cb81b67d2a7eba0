import 'reflect-metadata';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import '../enums';
import { SupportKind } from '../program/catalogue';
import { VndScalar } from '../scalars';

@Directive('@shareable')
@ObjectType({ description: 'Delivered supports of one kind in a unit (delivered or verified), for reports.' })
export class SupportSummary {
  @Field(() => Int)
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject!: number | null;

  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => Int)
  supportCount!: number;

  @Field(() => Int)
  householdsSupported!: number;

  @Field(() => VndScalar)
  totalValue!: number;

  @Field(() => Int, {
    description: 'Of the households supported, those deprived on delivery on an indicator this kind addresses (targeting).',
  })
  householdsDeprivedOnAddressed!: number;
}
