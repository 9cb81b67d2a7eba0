import { Field, ID, InputType, Int } from 'type-graphql';
import { IsoDateScalar, VndScalar } from '@gnbv/kit';
import { LoanProgrammeCode } from '../programme/programme.entity';

@InputType({ description: 'A loan application, made through the savings group that approves the borrower.' })
export class LoanApplicationInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => LoanProgrammeCode)
  programme!: LoanProgrammeCode;

  @Field(() => VndScalar, { description: "More than 0, at most the programme's ceiling." })
  amountRequested!: number;

  @Field(() => Int, { description: "1 to the programme's maximum term." })
  termMonths!: number;

  @Field({ description: 'What the money is for, e.g. "Mua 2 con bò sinh sản".' })
  purpose!: string;

  @Field(() => ID, { description: 'The group the household borrows through: it must be a member on appliedOn.' })
  savingsGroupId!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'Default today in Vietnam; not in the future.' })
  appliedOn?: string | null;
}
