import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn, type ValueTransformer } from 'typeorm';
import { vndColumn } from '../scalars';
import type { FundingSource, HouseholdCategory, SupportKind } from './catalogue';
import type { SupportStatus } from '../support/support.rules';

/** numeric columns come back from pg as text; quantities are small enough for a JS number. */
const numericColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** A support delivered (or planned) to a household, in any agency's `support` table. */
@Entity({ name: 'support' })
export class SupportRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'member_id', type: 'uuid', nullable: true }) memberId!: string | null;
  @Column({ name: 'commune_code', type: 'varchar' }) communeCode!: string;
  @Column({ name: 'province_code', type: 'varchar' }) provinceCode!: string;
  @Column({ type: 'smallint' }) project!: number;
  @Column({ name: 'sub_project', type: 'smallint', nullable: true }) subProject!: number | null;
  @Column({ type: 'varchar' }) kind!: SupportKind;
  @Column({ name: 'initiative_id', type: 'uuid', nullable: true }) initiativeId!: string | null;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'numeric', transformer: numericColumn }) quantity!: number;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'bigint', transformer: vndColumn }) value!: number;
  @Column({ type: 'varchar' }) status!: SupportStatus;
  @Column({ name: 'planned_on', type: 'date' }) plannedOn!: string;
  @Column({ name: 'delivered_on', type: 'date', nullable: true }) deliveredOn!: string | null;
  @Column({ name: 'verified_on', type: 'date', nullable: true }) verifiedOn!: string | null;
  @Column({ name: 'cancelled_on', type: 'date', nullable: true }) cancelledOn!: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason!: string | null;
  @Column({ name: 'delivering_office', type: 'text' }) deliveringOffice!: string;
  @Column({ name: 'program_year', type: 'smallint' }) programYear!: number;
  @Column({ name: 'category_on_delivery', type: 'varchar', nullable: true }) categoryOnDelivery!: HouseholdCategory | null;
  @Column({ name: 'deprived_on_delivery', type: 'smallint', array: true, nullable: true }) deprivedOnDelivery!: number[] | null;
  @Column({ name: 'attestation_id', type: 'uuid', nullable: true }) attestationId!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A budget line: one unit, year, project (and sub-project) and funding source. */
@Entity({ name: 'budget_line' })
export class BudgetLineRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'unit_code', type: 'varchar' }) unitCode!: string;
  @Column({ name: 'province_code', type: 'varchar' }) provinceCode!: string;
  @Column({ type: 'smallint' }) year!: number;
  @Column({ type: 'smallint' }) project!: number;
  @Column({ name: 'sub_project', type: 'smallint', nullable: true }) subProject!: number | null;
  @Column({ name: 'funding_source', type: 'varchar' }) fundingSource!: FundingSource;
  @Column({ type: 'bigint', transformer: vndColumn }) planned!: number;
  @Column({ type: 'bigint', transformer: vndColumn }) allocated!: number;
  @Column({ type: 'bigint', transformer: vndColumn }) disbursed!: number;
  @Column({ name: 'over_allocated', type: 'boolean' }) overAllocated!: boolean;
  @Column({ type: 'date' }) deadline!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Money paid out of a budget line. */
@Entity({ name: 'disbursement' })
export class DisbursementRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'budget_line_id', type: 'uuid' }) budgetLineId!: string;
  @Column({ type: 'bigint', transformer: vndColumn }) amount!: number;
  @Column({ name: 'disbursed_on', type: 'date' }) disbursedOn!: string;
  @Column({ type: 'text' }) reference!: string;
  @Column({ name: 'over_allocation_reason', type: 'text', nullable: true }) overAllocationReason!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
}

export const programEntities = [SupportRecord, BudgetLineRecord, DisbursementRecord];
