import { Field, InputType } from 'type-graphql';
import { IsoDateScalar } from '@gnbv/kit';
import { RelationToHead, Sex } from './member.entity';

@InputType({ description: 'A person to register in a household.' })
export class MemberInput {
  @Field({ description: 'Full name; stored trimmed, single-spaced, Unicode NFC.' })
  fullName!: string;

  @Field(() => IsoDateScalar, { description: 'Not before 1900-01-01, not in the future.' })
  dateOfBirth!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => String, {
    nullable: true,
    description: 'Citizen identity number, 12 digits (none for a child without one). No other current member may hold it.',
  })
  nationalId?: string | null;

  @Field(() => RelationToHead, { description: 'HEAD for the head of household (one per household).' })
  relationToHead!: RelationToHead;

  @Field({ description: "Ethnic group (dân tộc), e.g. Kinh, Thái, H'Mông." })
  ethnicity!: string;

  @Field({ defaultValue: false, description: 'The member has a disability.' })
  disability!: boolean;
}

@InputType({ description: 'Changes to a current member: only the fields given change; at least one.' })
export class UpdateMemberInput {
  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => String, { nullable: true, description: 'A new number; null removes a wrong one.' })
  nationalId?: string | null;

  @Field(() => RelationToHead, {
    nullable: true,
    description: "Relation to the head. Naming a new head, or changing the head's own, is changeHouseholdHead's work.",
  })
  relationToHead?: RelationToHead | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;

  @Field(() => Boolean, { nullable: true })
  disability?: boolean | null;
}
