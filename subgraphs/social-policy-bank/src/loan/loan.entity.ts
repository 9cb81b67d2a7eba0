import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum LoanProgram {
  POOR_HOUSEHOLD = 'POOR_HOUSEHOLD',
  NEAR_POOR_HOUSEHOLD = 'NEAR_POOR_HOUSEHOLD',
  NEWLY_ESCAPED_HOUSEHOLD = 'NEWLY_ESCAPED_HOUSEHOLD',
  CLEAN_WATER_SANITATION = 'CLEAN_WATER_SANITATION',
}
registerEnumType(LoanProgram, { name: 'LoanProgram', description: 'VBSP preferential lending program.' });

export enum LoanStatus {
  CURRENT = 'CURRENT',
  OVERDUE = 'OVERDUE',
  REPAID = 'REPAID',
}
registerEnumType(LoanStatus, { name: 'LoanStatus' });

const percent = {
  to: (v: number) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

@ObjectType({ description: 'A VBSP preferential loan to a household.' })
@Entity({ name: 'loan' })
export class Loan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field({ description: 'Lending commune (as was, at disbursement).' })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Column({ name: 'savings_group_id', type: 'uuid' })
  savingsGroupId!: string;

  @Field(() => LoanProgram)
  @Column({ type: 'varchar', length: 32 })
  program!: LoanProgram;

  // Amounts and terms are personal: nullable, so a refusal nulls the field, not the loan.
  @Field(() => VndScalar, { nullable: true })
  @Column({ type: 'bigint', transformer: vndColumn })
  principal!: number;

  @Field(() => VndScalar, { nullable: true, description: 'Principal still owed.' })
  @Column({ type: 'bigint', transformer: vndColumn })
  outstanding!: number;

  @Field(() => Float, { nullable: true, description: 'Annual interest rate in percent, fixed at disbursement.' })
  @Column({ name: 'annual_rate_percent', type: 'numeric', precision: 5, scale: 2, transformer: percent })
  annualRatePercent!: number;

  @Field(() => String, { nullable: true, description: 'What the loan is for, as approved by the savings group.' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'disbursed_on', type: 'date' })
  disbursedOn!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'matures_on', type: 'date' })
  maturesOn!: string;

  @Field(() => LoanStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: LoanStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
