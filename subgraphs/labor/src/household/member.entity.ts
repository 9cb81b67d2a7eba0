import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex' });

export enum RelationToHead {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}
registerEnumType(RelationToHead, { name: 'RelationToHead' });

@ObjectType({ description: 'A person registered in a household.' })
@Entity({ name: 'household_member' })
export class Member {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  // Personal fields are nullable: a refusal (no purpose, wrong role) nulls the field, not the member.
  @Field(() => String, { nullable: true, description: 'Full name, Unicode NFC.' })
  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Field(() => Sex)
  @Column({ type: 'varchar', length: 8 })
  sex!: Sex;

  // Exposed through MemberResolver, which masks it for everyone but labor officers.
  @Column({ name: 'national_id', type: 'char', length: 12, nullable: true })
  nationalId!: string | null;

  @Field(() => RelationToHead)
  @Column({ name: 'relation_to_head', type: 'varchar', length: 16 })
  relationToHead!: RelationToHead;

  @Field(() => String, { nullable: true, description: "Ethnic group (dân tộc), e.g. Kinh, Thái, H'Mông." })
  @Column({ type: 'text' })
  ethnicity!: string;

  @Field(() => Boolean, { nullable: true, description: 'The member has a disability (health data: personal).' })
  @Column({ type: 'boolean', default: false })
  disability!: boolean;

  @Field(() => IsoDateScalar, {
    nullable: true,
    description: 'When the member left the household (moved, died, married out); null while a member.',
  })
  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the member left.' })
  @Column({ name: 'left_reason', type: 'text', nullable: true })
  leftReason!: string | null;
}
