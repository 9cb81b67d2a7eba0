import 'reflect-metadata';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { todayInVietnam } from '../dates';
import '../enums';
import { FundingSource, projectNamed } from '../program/catalogue';
import type { BudgetLineRecord } from '../program/program.entity';
import { IsoDateScalar, VndScalar } from '../scalars';
import { disbursementRate, isLate } from './budget.rules';

/*
 * Budget lines and disbursements: one shape for every agency, for the projects it runs. A line is
 * one administrative unit (commune or province), year, project (and sub-project) and funding
 * source: planned, allocated, disbursed, and a disbursement deadline. A subgraph calls
 * `defineBudgetModule(...)` with the names its fields take in the composed graph.
 */

@Directive('@shareable')
@ObjectType({ description: 'Money paid out of a budget line.' })
export class Disbursement {
  @Field(() => ID)
  id!: string;

  @Field(() => VndScalar)
  amount!: number;

  @Field(() => IsoDateScalar)
  disbursedOn!: string;

  @Field({ description: 'The payment voucher or treasury reference.' })
  reference!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was paid beyond the allocation, when it was (an audited override).',
  })
  overAllocationReason!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'A project budget line of one unit, year and funding source.' })
export class BudgetLine {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The agency that runs the project and keeps the line.' })
  agency!: string;

  @Field({ description: 'The commune (5 digits) or province (2 digits) the money is for.' })
  unitCode!: string;

  @Field()
  provinceCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Project of the programme (1-7).' })
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject!: number | null;

  @Field()
  projectName!: string;

  @Field(() => FundingSource)
  fundingSource!: FundingSource;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => VndScalar)
  disbursed!: number;

  @Field(() => VndScalar, { description: 'Allocated but not yet paid out (0 when paid in full or beyond).' })
  undisbursed!: number;

  @Field(() => Float, { description: 'Disbursed ÷ allocated (0 to 1; above 1 only after an audited override).' })
  disbursementRate!: number;

  @Field(() => IsoDateScalar, { description: 'The date by which the allocation must be disbursed.' })
  deadline!: string;

  @Field({ description: 'Past its deadline (today in Vietnam) with money undisbursed.' })
  late!: boolean;

  @Field({ description: 'Disbursed beyond the allocation by an audited override.' })
  overAllocated!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Budget lines of a unit and year totalled by project (a province includes its communes).' })
export class BudgetProjectTotal {
  @Field(() => Int)
  project!: number;

  @Field()
  projectName!: string;

  @Field(() => Int)
  lineCount!: number;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => VndScalar)
  disbursed!: number;

  @Field(() => Float)
  disbursementRate!: number;

  @Field(() => Int, { description: 'Lines past their deadline with money undisbursed.' })
  lateLineCount!: number;

  @Field(() => VndScalar, { description: 'Money undisbursed on the late lines.' })
  lateUndisbursed!: number;
}

/** A `budget_line` row as the BudgetLine type shows it, late or not on `today`. */
export const toLine = (agency: string, r: BudgetLineRecord, today = todayInVietnam()): BudgetLine => ({
  id: r.id,
  agency,
  unitCode: r.unitCode,
  provinceCode: r.provinceCode,
  year: r.year,
  project: r.project,
  subProject: r.subProject,
  projectName: projectNamed(r.project)?.name ?? `Project ${r.project}`,
  fundingSource: r.fundingSource,
  planned: r.planned,
  allocated: r.allocated,
  disbursed: r.disbursed,
  undisbursed: Math.max(0, r.allocated - r.disbursed),
  disbursementRate: disbursementRate(r),
  deadline: r.deadline,
  late: isLate(r, today),
  overAllocated: r.overAllocated,
  note: r.note,
});
