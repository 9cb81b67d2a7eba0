import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { IsoDateScalar, PageArgs } from '@gnbv/kit';
import { CommunicationProductKind } from './communication-product.entity';

@InputType({ description: 'A communication product a commune produced, as reported.' })
export class CommunicationProductInput {
  @Field({ description: 'The commune (5 digits) where it was produced or shown.' })
  communeCode!: string;

  @Field({ description: 'The province (2 digits) of the commune.' })
  provinceCode!: string;

  @Field(() => CommunicationProductKind)
  kind!: CommunicationProductKind;

  @Field({ description: 'Its title, 1 to 300 characters.' })
  title!: string;

  @Field(() => IsoDateScalar, { description: 'When it was broadcast, staged, handed out or opened: not in the future.' })
  publishedOn!: string;

  @Field(() => Int, { description: 'People reached, 0 or more.' })
  audienceReach!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Households reached, 0 or more and not above the people reached; leave out when unknown.',
  })
  householdsReached?: number | null;

  @Field({ description: 'The office that produced it.' })
  producingOffice!: string;

  @Field(() => Int, {
    description: 'The programme year whose budget paid for it: the year of publication, or the year before or after.',
  })
  programYear!: number;
}

@ArgsType()
export class CommunicationProductPageArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only products of this programme year.' })
  programYear?: number | null;

  @Field(() => CommunicationProductKind, { nullable: true, description: 'Only products of this kind.' })
  kind?: CommunicationProductKind | null;
}
