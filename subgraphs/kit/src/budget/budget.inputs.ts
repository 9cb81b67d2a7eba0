import 'reflect-metadata';
import { Field, ID, InputType, Int } from 'type-graphql';
import '../enums';
import { FundingSource } from '../program/catalogue';
import { IsoDateScalar, VndScalar } from '../scalars';

@InputType({ description: 'A budget line to create, or (same unit, year, project, sub-project and source) to change.' })
export class BudgetLineInput {
  @Field({ description: 'Commune (5 digits) or province (2 digits).' })
  unitCode!: string;

  @Field({ description: 'The province of the unit (the unit itself for a province line).' })
  provinceCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject?: number | null;

  @Field(() => FundingSource)
  fundingSource!: FundingSource;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => IsoDateScalar)
  deadline!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'Money paid out of a budget line.' })
export class DisbursementInput {
  @Field(() => ID)
  budgetLineId!: string;

  @Field(() => VndScalar, { description: 'More than 0.' })
  amount!: number;

  @Field(() => IsoDateScalar, { description: 'Not in the future.' })
  disbursedOn!: string;

  @Field({ description: 'The payment voucher or treasury reference.' })
  reference!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only to pay beyond the allocation: why. The override is kept with the payment and in the audit trail.',
  })
  overAllocationReason?: string | null;
}
