import { Field, InputType } from 'type-graphql';
import { IsoDateScalar } from '@gnbv/kit';
import { Area } from './household.entity';
import { MemberInput } from './member.input';

@InputType({ description: 'A household entering the registry, with its members.' })
export class RegisterHouseholdInput {
  @Field({ description: "Today's commune (5 digits), in your scope; a former commune's code is refused." })
  communeCode!: string;

  @Field({ description: 'Business key, unique within the commune (at most 32 characters).' })
  code!: string;

  @Field()
  village!: string;

  @Field()
  address!: string;

  @Field(() => Area)
  area!: Area;

  @Field({ defaultValue: false, description: 'The household has no member able to work.' })
  noWorkingCapacity!: boolean;

  @Field({ defaultValue: false })
  ethnicMinority!: boolean;

  @Field({ defaultValue: false, description: 'A family with meritorious service to the revolution.' })
  meritoriousFamily!: boolean;

  @Field(() => IsoDateScalar, {
    nullable: true,
    description: 'When the household entered the registry: today in Vietnam when omitted; not in the future.',
  })
  registeredOn?: string | null;

  @Field(() => [MemberInput], { description: 'Every member, exactly one of them with relationToHead HEAD.' })
  members!: MemberInput[];
}

@InputType({ description: 'Changes to a household: only the fields given change; at least one.' })
export class UpdateHouseholdInput {
  @Field(() => String, { nullable: true })
  village?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Area, { nullable: true, description: 'Rural or urban: decides the poverty line of later reviews.' })
  area?: Area | null;

  @Field(() => Boolean, { nullable: true })
  noWorkingCapacity?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  ethnicMinority?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  meritoriousFamily?: boolean | null;
}
