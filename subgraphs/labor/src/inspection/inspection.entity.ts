import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum FindingCategory {
  COMMUNICATION = 'COMMUNICATION',
  LOAN_USE = 'LOAN_USE',
  COORDINATION = 'COORDINATION',
  SUSTAINABILITY_OF_ESCAPE = 'SUSTAINABILITY_OF_ESCAPE',
  TARGETING = 'TARGETING',
  FUND_DISBURSEMENT = 'FUND_DISBURSEMENT',
  OTHER = 'OTHER',
}
registerEnumType(FindingCategory, {
  name: 'FindingCategory',
  description: 'What an inspection finding is about.',
  valuesConfig: {
    COMMUNICATION: { description: 'Communication and information on the program (Project 6).' },
    LOAN_USE: { description: 'Social Policy Bank loans: used for another purpose, overdue.' },
    COORDINATION: { description: 'Coordination between the offices and organisations involved.' },
    SUSTAINABILITY_OF_ESCAPE: { description: 'Households that escaped poverty are not yet secure.' },
    TARGETING: { description: 'Who is on the lists or receives support: the review, eligibility.' },
    FUND_DISBURSEMENT: { description: 'Funds allocated but not disbursed, or late.' },
    OTHER: {},
  },
});

export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(FindingSeverity, { name: 'FindingSeverity', description: 'How serious the team judged a finding.' });

export enum FollowUpStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FollowUpStatus, {
  name: 'FollowUpStatus',
  description: 'OPEN → IN_PROGRESS → DONE; OPEN or IN_PROGRESS → CANCELLED (with a reason). DONE and CANCELLED are final.',
});

@ObjectType({ description: 'A member of an inspection team: an official acting in office, named as the team records it.' })
@Entity({ name: 'inspection_team_member' })
export class InspectionTeamMember {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  /** 0 is the team lead; the members follow in the order given. */
  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  @Field({ description: 'Full name.' })
  @Column({ name: 'full_name', type: 'text' })
  name!: string;

  @Field({ description: 'The agency or office the official comes from, as written (e.g. "Sở Nông nghiệp và Môi trường").' })
  @Column({ type: 'text' })
  agency!: string;

  @Field(() => String, { nullable: true, description: 'Position or role, as written (e.g. "Phó Giám đốc Sở").' })
  @Column({ type: 'text', nullable: true })
  role!: string | null;
}

@ObjectType({ description: 'The team that carried out an inspection.' })
export class InspectionTeam {
  @Field(() => InspectionTeamMember)
  lead!: InspectionTeamMember;

  @Field(() => [InspectionTeamMember], { description: 'The other members, in the order recorded.' })
  members!: InspectionTeamMember[];
}

@ObjectType({ description: "A provincial team's inspection of a commune's poverty-reduction work." })
@Entity({ name: 'inspection' })
export class Inspection {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  /** The commune's current version; the database fills it (and the province) from `communeCode`. */
  @Column({ name: 'commune_id', type: 'uuid' })
  communeId!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 5 })
  provinceCode!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'started_on', type: 'date' })
  startedOn!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'ended_on', type: 'date' })
  endedOn!: string;

  @Field(() => String, { nullable: true, description: 'Scope of the inspection and notes.' })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'What an inspection found.' })
@Entity({ name: 'inspection_finding' })
export class InspectionFinding {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Field(() => FindingCategory)
  @Column({ type: 'varchar', length: 32 })
  category!: FindingCategory;

  @Field(() => FindingSeverity)
  @Column({ type: 'varchar', length: 8 })
  severity!: FindingSeverity;

  @Field()
  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: 'An action an office must take on a finding, by a due date.' })
@Entity({ name: 'inspection_action' })
export class FollowUpAction {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Field({ description: 'The office responsible, as written (e.g. "Phòng Văn hóa - Xã hội xã").' })
  @Column({ name: 'responsible_office', type: 'text' })
  responsibleOffice!: string;

  @Field()
  @Column({ type: 'text' })
  description!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Field(() => FollowUpStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: FollowUpStatus;

  @Field(() => String, { nullable: true, description: 'The note given with the latest status change.' })
  @Column({ name: 'status_note', type: 'text', nullable: true })
  statusNote!: string | null;

  @Field(() => IsoDateScalar, { nullable: true, description: 'The day it was marked DONE.' })
  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled (set when CANCELLED).' })
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One status change of a follow-up action: kept, so a later note never replaces an earlier one.' })
@Entity({ name: 'inspection_action_event' })
export class FollowUpActionEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId!: string;

  @Field(() => String, { description: 'When, ISO 8601 UTC.' })
  @Column({
    type: 'timestamptz',
    default: () => 'now()',
    transformer: { to: (v?: string) => v, from: (v: Date | string) => new Date(v).toISOString() },
  })
  at!: string;

  @Field(() => FollowUpStatus, { nullable: true, description: 'The status before; null for the first event.' })
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: FollowUpStatus | null;

  @Field(() => FollowUpStatus)
  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: FollowUpStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field({ description: 'The account that recorded it.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
