import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { assertUnitArgInScope, notVisible, VndScalar } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from '../refs';
import type { BankContext } from '../context';
import { SavingsGroup } from '../savings-group/savings-group.entity';
import { Loan } from './loan.entity';

@ObjectType({ description: 'VBSP lending in an administrative unit.' })
export class LendingSummary {
  @Field(() => Int, { description: 'Loans not yet repaid.' })
  loanCount!: number;

  @Field(() => VndScalar)
  outstanding!: number;

  @Field(() => VndScalar, { description: 'Outstanding principal of overdue loans.' })
  overdue!: number;
}

@Resolver(() => Loan)
export class LoanResolver {
  @FieldResolver(() => HouseholdRef, { description: 'The borrowing household (details come from labor).' })
  household(@Root() loan: Loan): HouseholdRef {
    return { id: loan.householdId };
  }

  @FieldResolver(() => SavingsGroup)
  async savingsGroup(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<SavingsGroup> {
    // The foreign key guarantees the group exists: missing here means it sits outside the scope.
    const group = await ctx.loaders.savingsGroupById.load(loan.savingsGroupId);
    if (!group) throw notVisible('savings group', 'savingsGroup');
    return group;
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdLoanResolver {
  @FieldResolver(() => [Loan], { nullable: true, description: 'VBSP loans of the household made in your scope, oldest first.' })
  loans(@Root() household: HouseholdRef, @Ctx() ctx: BankContext): Promise<Loan[]> {
    return ctx.loaders.loansByHousehold.load(household.id);
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitLendingResolver {
  @FieldResolver(() => LendingSummary, {
    nullable: true,
    description: 'VBSP lending in this commune or province, over the loans in your scope.',
  })
  async lendingSummary(@Root() unit: AdminUnitRef, @Ctx() ctx: BankContext): Promise<LendingSummary> {
    assertUnitArgInScope(ctx.principal, 'code', unit.code);
    return (await ctx.loaders.lendingSummaryByUnit.load(unit.code)) ?? { loanCount: 0, outstanding: 0, overdue: 0 };
  }

  @FieldResolver(() => [SavingsGroup], { nullable: true, description: 'Savings-and-loan groups of this commune, in your scope.' })
  async savingsGroups(@Root() unit: AdminUnitRef, @Ctx() ctx: BankContext): Promise<SavingsGroup[]> {
    assertUnitArgInScope(ctx.principal, 'code', unit.code);
    return ctx.loaders.savingsGroupsByCommune.load(unit.code);
  }
}
