import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum ReviewState {
  DRAFT = 'DRAFT',
  SURVEYED = 'SURVEYED',
  VILLAGE_AGREED = 'VILLAGE_AGREED',
  POSTED = 'POSTED',
  CERTIFIED = 'CERTIFIED',
}
registerEnumType(ReviewState, {
  name: 'ReviewState',
  description: 'Listed → surveyed (forms B1, B2) → agreed at the village meeting → posted publicly → certified by the commune.',
});

export enum PovertyClass {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  AVERAGE_LIVING_STANDARD = 'AVERAGE_LIVING_STANDARD',
  ABOVE_AVERAGE = 'ABOVE_AVERAGE',
}
registerEnumType(PovertyClass, {
  name: 'PovertyClass',
  description: 'The class a review computes under the standard in force on its date.',
});

const indicators = {
  to: (v: number[]) => v,
  from: (v: number[] | string | null) => (Array.isArray(v) ? v.map(Number) : []),
};

@ObjectType({
  description:
    "A household's yearly poverty review (rà soát). Certified reviews never change; corrections are new, linked reviews.",
})
@Entity({ name: 'poverty_review' })
export class PovertyReview {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  /** The commune in force on the review's date ("as was"); the database fills it when not given. */
  @Column({ name: 'commune_id', type: 'uuid' })
  communeId!: string;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  year!: number;

  @Field(() => IsoDateScalar, { description: 'The date the review is classified on: it picks the standard in force.' })
  @Column({ name: 'review_date', type: 'date' })
  reviewDate!: string;

  @Field(() => ReviewState)
  @Column({ type: 'varchar', length: 16 })
  state!: ReviewState;

  @Field(() => VndScalar, {
    nullable: true,
    description: 'Income per person per month (form B1). Personal: labor officers, with a purpose.',
  })
  @Column({ name: 'income_per_person', type: 'bigint', nullable: true, transformer: vndColumn })
  incomePerPerson!: number | null;

  @Field(() => [Int], { nullable: true, description: 'The indicators (1-12) the household is deprived in (form B2).' })
  @Column({ name: 'deprived_indicators', type: 'smallint', array: true, transformer: indicators })
  deprivedIndicators!: number[];

  @Column({ name: 'standard_code', type: 'varchar', length: 32, nullable: true })
  standardCode!: string | null;

  @Field(() => PovertyClass, { nullable: true, description: 'Null until surveyed.' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  classification!: PovertyClass | null;

  @Field(() => [String], { nullable: true, description: 'Which lines and indicators decided the class.' })
  @Column({ type: 'text', array: true })
  reasons!: string[];

  @Field(() => String, { nullable: true, description: 'Who certified it (the commune officer).' })
  @Column({ name: 'certified_by', type: 'text', nullable: true })
  certifiedBy!: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'certified_on', type: 'date', nullable: true })
  certifiedOn!: string | null;

  @Column({ name: 'correction_of', type: 'uuid', nullable: true })
  correctionOf!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
