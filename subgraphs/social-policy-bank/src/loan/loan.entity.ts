import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HouseholdCategory, IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';
import { LoanProgrammeCode, percentColumn } from '../programme/programme.entity';

export enum LoanStatus {
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  DISBURSED = 'DISBURSED',
  REPAYING = 'REPAYING',
  SETTLED = 'SETTLED',
  REJECTED = 'REJECTED',
  WRITTEN_OFF = 'WRITTEN_OFF',
}
registerEnumType(LoanStatus, {
  name: 'LoanStatus',
  description:
    'APPLIED → APPROVED → DISBURSED → REPAYING (a first repayment) → SETTLED (nothing owed); or REJECTED (before disbursement) / WRITTEN_OFF (after), with a reason. Whether a loan is overdue is computed, not a status.',
});

/** Who checked what a loan was used for. */
export enum PurposeCheckBy {
  SAVINGS_GROUP = 'SAVINGS_GROUP',
  INSPECTION = 'INSPECTION',
}
registerEnumType(PurposeCheckBy, { name: 'PurposeCheckBy' });

export enum PurposeFinding {
  AS_DECLARED = 'AS_DECLARED',
  WRONG_PURPOSE = 'WRONG_PURPOSE',
}
registerEnumType(PurposeFinding, { name: 'PurposeFinding', description: 'Whether the loan was used for the purpose declared.' });

/** The statuses of a loan that has been disbursed (money lent). */
export const DISBURSED_STATUSES: readonly LoanStatus[] = [
  LoanStatus.DISBURSED,
  LoanStatus.REPAYING,
  LoanStatus.SETTLED,
  LoanStatus.WRITTEN_OFF,
];

/*
 * The GraphQL fields of a loan that are plain columns are declared here; the computed ones
 * (balance, overdue, schedule...) are field resolvers in loan.resolver.ts. Amounts and terms are
 * nullable in GraphQL so that a refused field nulls itself, not the loan.
 */
@ObjectType({ description: 'A VBSP preferential loan to a household, from application to settlement.' })
@Entity({ name: 'loan' })
export class Loan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field({ description: "Lending commune: the savings group's commune." })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Column({ name: 'savings_group_id', type: 'uuid' })
  savingsGroupId!: string;

  @Field(() => LoanProgrammeCode)
  @Column({ type: 'varchar', length: 32 })
  program!: LoanProgrammeCode;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId?: string | null;

  @Field(() => LoanStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: LoanStatus;

  @Field(() => VndScalar, { nullable: true })
  @Column({ name: 'amount_requested', type: 'bigint', transformer: vndColumn })
  amountRequested!: number;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'term_months', type: 'integer' })
  termMonths!: number;

  @Field(() => VndScalar, { nullable: true, description: 'The amount approved and lent; null while only applied for.' })
  @Column({ type: 'bigint', transformer: vndColumn, nullable: true })
  principal!: number | null;

  @Field(() => Float, { nullable: true, description: 'Annual interest rate in percent, fixed at disbursement.' })
  @Column({ name: 'annual_rate_percent', type: 'numeric', transformer: percentColumn, nullable: true })
  annualRatePercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Annual rate on overdue principal, fixed at disbursement.' })
  @Column({ name: 'overdue_rate_percent', type: 'numeric', transformer: percentColumn, nullable: true })
  overdueRatePercent?: number | null;

  @Field(() => String, { nullable: true, description: 'What the loan is for, as declared and approved by the savings group.' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'applied_on', type: 'date' })
  appliedOn!: string;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'approved_on', type: 'date', nullable: true })
  approvedOn?: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'disbursed_on', type: 'date', nullable: true })
  disbursedOn!: string | null;

  @Field(() => IsoDateScalar, { nullable: true, description: 'The last instalment is due then.' })
  @Column({ name: 'matures_on', type: 'date', nullable: true })
  maturesOn!: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'settled_on', type: 'date', nullable: true })
  settledOn?: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'rejected_on', type: 'date', nullable: true })
  rejectedOn?: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason?: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'written_off_on', type: 'date', nullable: true })
  writtenOffOn?: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'write_off_reason', type: 'text', nullable: true })
  writeOffReason?: string | null;

  @Field(() => HouseholdCategory, {
    nullable: true,
    description: "The household's certified category on the disbursement day, as the registry stated it.",
  })
  @Column({ name: 'category_at_disbursement', type: 'varchar', length: 16, nullable: true })
  categoryAtDisbursement?: HouseholdCategory | null;

  /** The registry statement that justified the disbursement. */
  @Column({ name: 'attestation_id', type: 'uuid', nullable: true })
  attestationId?: string | null;

  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One principal instalment of a loan's schedule. */
@ObjectType({ description: 'A principal instalment of the repayment schedule made at disbursement.' })
@Entity({ name: 'loan_instalment' })
export class LoanInstalment {
  @PrimaryColumn({ name: 'loan_id', type: 'uuid' })
  loanId!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'smallint' })
  number!: number;

  @Field(() => IsoDateScalar)
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Field(() => VndScalar)
  @Column({ type: 'bigint', transformer: vndColumn })
  principal!: number;
}

@ObjectType({ description: 'A repayment: principal and interest paid on a day.' })
@Entity({ name: 'loan_repayment' })
export class LoanRepayment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'loan_id', type: 'uuid' })
  loanId!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  @Field(() => VndScalar)
  @Column({ type: 'bigint', transformer: vndColumn })
  principal!: number;

  @Field(() => VndScalar)
  @Column({ type: 'bigint', transformer: vndColumn })
  interest!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}

@ObjectType({ description: 'What a loan was found used for, by its savings group or an inspection.' })
@Entity({ name: 'loan_purpose_check' })
export class LoanPurposeCheck {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'loan_id', type: 'uuid' })
  loanId!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'checked_on', type: 'date' })
  checkedOn!: string;

  @Field(() => PurposeCheckBy)
  @Column({ name: 'checked_by', type: 'varchar', length: 16 })
  checkedBy!: PurposeCheckBy;

  @Field(() => PurposeFinding)
  @Column({ type: 'varchar', length: 16 })
  finding!: PurposeFinding;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
