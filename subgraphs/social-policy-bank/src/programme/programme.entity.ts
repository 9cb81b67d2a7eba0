import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { HouseholdCategory, IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum LoanProgrammeCode {
  POOR_HOUSEHOLD = 'POOR_HOUSEHOLD',
  NEAR_POOR_HOUSEHOLD = 'NEAR_POOR_HOUSEHOLD',
  NEWLY_ESCAPED_HOUSEHOLD = 'NEWLY_ESCAPED_HOUSEHOLD',
  CLEAN_WATER_SANITATION = 'CLEAN_WATER_SANITATION',
  JOB_CREATION = 'JOB_CREATION',
}
registerEnumType(LoanProgrammeCode, { name: 'LoanProgrammeCode', description: 'A VBSP preferential lending programme.' });

/** numeric columns come back from pg as text; rates are small enough for a JS number. */
export const percentColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

@ObjectType({
  description:
    'A version of a VBSP lending programme, in force over [validFrom, validTo). A loan keeps the version in force on its disbursement day.',
})
@Entity({ name: 'loan_programme' })
export class LoanProgramme {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => LoanProgrammeCode)
  @Column({ type: 'varchar', length: 32 })
  code!: LoanProgrammeCode;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'First day no longer in force; null while open.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Field(() => Float, { description: 'Annual interest rate in percent.' })
  @Column({ name: 'annual_rate_percent', type: 'numeric', transformer: percentColumn })
  annualRatePercent!: number;

  @Field(() => Float, { description: 'Annual rate on overdue principal, in percent.' })
  @Column({ name: 'overdue_rate_percent', type: 'numeric', transformer: percentColumn })
  overdueRatePercent!: number;

  @Field(() => VndScalar, { description: 'Most a household may owe under this programme at once.' })
  @Column({ name: 'ceiling_per_household', type: 'bigint', transformer: vndColumn })
  ceilingPerHousehold!: number;

  @Field(() => Int)
  @Column({ name: 'max_term_months', type: 'integer' })
  maxTermMonths!: number;

  @Field(() => [HouseholdCategory], {
    description: 'Certified categories that may borrow; empty: any household of the registry.',
  })
  @Column({ name: 'qualifying_categories', type: 'text', array: true })
  qualifyingCategories!: HouseholdCategory[];

  @Field(() => String, { nullable: true, description: 'Legal basis, or a note where the terms are not yet checked.' })
  @Column({ type: 'text', nullable: true })
  basis!: string | null;
}
