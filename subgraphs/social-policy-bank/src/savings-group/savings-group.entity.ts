import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum EntrustingOrganisation {
  WOMENS_UNION = 'WOMENS_UNION',
  FARMERS_UNION = 'FARMERS_UNION',
  VETERANS_ASSOCIATION = 'VETERANS_ASSOCIATION',
  YOUTH_UNION = 'YOUTH_UNION',
}
registerEnumType(EntrustingOrganisation, {
  name: 'EntrustingOrganisation',
  description: 'The mass organisation VBSP entrusts lending to.',
});

@ObjectType({ description: 'A savings-and-loan group (Tổ tiết kiệm và vay vốn) that approves borrowers.' })
@Entity({ name: 'savings_group' })
export class SavingsGroup {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'The commune the group lends in: its members must live there.' })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => EntrustingOrganisation)
  @Column({ name: 'entrusted_to', type: 'varchar', length: 32 })
  entrustedTo!: EntrustingOrganisation;

  @Field(() => String, { nullable: true, description: 'The village (thôn, bản) the group serves.' })
  @Column({ type: 'text', nullable: true })
  village?: string | null;

  @Column({ name: 'leader_household_id', type: 'uuid', nullable: true })
  leaderHouseholdId?: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn?: string | null;

  @Column({ name: 'transaction_point_id', type: 'uuid', nullable: true })
  transactionPointId?: string | null;
}

/** A household's membership of a savings group, over [joinedOn, leftOn). */
@ObjectType({ description: "A household's membership of a savings group, over [joinedOn, leftOn)." })
@Entity({ name: 'savings_group_member' })
export class SavingsGroupMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'savings_group_id', type: 'uuid' })
  savingsGroupId!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'joined_on', type: 'date' })
  joinedOn!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'First day no longer a member; null while a member.' })
  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Whether a membership covers `date`. */
export const memberOn = (m: { joinedOn: string; leftOn: string | null }, date: string) =>
  m.joinedOn <= date && (m.leftOn === null || date < m.leftOn);
