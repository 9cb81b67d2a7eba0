import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { assertUuid, IsoDateScalar, notVisible, todayInVietnam, VndScalar } from '@gnbv/kit';
import type { BankContext } from '../context';
import { LoanProgramme } from '../programme/programme.entity';
import { HouseholdRef } from '../refs';
import { SavingsGroup } from '../savings-group/savings-group.entity';
import { Loan, LoanInstalment, LoanPurposeCheck, LoanRepayment } from './loan.entity';
import { standingOf } from './loan.loader';
import type { LoanStanding } from './loan-standing';
import { owedOn } from './loan.rules';

@ObjectType('LoanStanding', { description: 'Where a loan stands on a day, computed from its schedule and repayments.' })
export class LoanStandingType implements LoanStanding {
  @Field(() => IsoDateScalar)
  asOf!: string;

  @Field(() => VndScalar, { description: 'Principal lent (0 before the disbursement day).' })
  principal!: number;

  @Field(() => VndScalar)
  principalRepaid!: number;

  @Field(() => VndScalar)
  outstanding!: number;

  @Field(() => VndScalar, { description: 'Principal of instalments due before the day and not repaid.' })
  overdueAmount!: number;

  @Field(() => Int, { description: 'Days since the oldest unpaid due day, when something is overdue; else 0.' })
  daysOverdue!: number;

  @Field(() => IsoDateScalar, { nullable: true })
  oldestUnpaidDueOn!: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  nextDueOn!: string | null;

  @Field(() => VndScalar)
  nextDueAmount!: number;

  @Field(() => VndScalar, { description: 'Interest fallen due: monthly, on the balance at the start of each month.' })
  interestDue!: number;

  @Field(() => VndScalar)
  interestPaid!: number;

  @Field(() => VndScalar)
  interestArrears!: number;
}

/** Where a loan stands today, or null before disbursement. */
async function standingToday(loan: Loan, ctx: BankContext, asOf = todayInVietnam()): Promise<LoanStanding | null> {
  if (!loan.disbursedOn) return null;
  return standingOf(loan, await ctx.loaders.movementsByLoan.load(loan.id), asOf);
}

/** Whether the loan has principal overdue today (never once settled or written off). */
export async function overdueToday(loan: Loan, ctx: BankContext): Promise<boolean> {
  const today = todayInVietnam();
  if (!owedOn(loan, today)) return false;
  return ((await standingToday(loan, ctx, today))?.overdueAmount ?? 0) > 0;
}

@Resolver(() => Loan)
export class LoanResolver {
  @Query(() => Loan, {
    nullable: true,
    description: 'A loan by id. A missing loan and one outside your scope give the same FORBIDDEN answer.',
  })
  async loan(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<Loan> {
    const loan = await ctx.loaders.loanById.load(assertUuid('id', id));
    if (!loan) throw notVisible('loan', 'id');
    return loan;
  }

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

  @FieldResolver(() => LoanProgramme, {
    nullable: true,
    description: 'The programme version whose terms the loan got at disbursement; null before.',
  })
  async programme(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<LoanProgramme | null> {
    if (!loan.programmeId) return null;
    return (await ctx.loaders.programmes()).find((p) => p.id === loan.programmeId) ?? null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether principal is overdue today (computed from the schedule and repayments; false once closed).',
  })
  overdue(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<boolean> {
    return overdueToday(loan, ctx);
  }

  @FieldResolver(() => VndScalar, { nullable: true, description: 'Principal still owed today; null before disbursement.' })
  async outstanding(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<number | null> {
    return (await standingToday(loan, ctx))?.outstanding ?? null;
  }

  @FieldResolver(() => VndScalar, { nullable: true, description: 'Principal overdue today; null before disbursement.' })
  async overdueAmount(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<number | null> {
    if (!loan.disbursedOn) return null;
    return (await overdueToday(loan, ctx)) ? ((await standingToday(loan, ctx))?.overdueAmount ?? 0) : 0;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Days overdue today (0 when nothing is); null before disbursement.' })
  async daysOverdue(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<number | null> {
    if (!loan.disbursedOn) return null;
    return (await overdueToday(loan, ctx)) ? ((await standingToday(loan, ctx))?.daysOverdue ?? 0) : 0;
  }

  @FieldResolver(() => LoanStandingType, {
    nullable: true,
    description:
      'Where the loan stands on a day (default today): balance, overdue principal and days, interest. Null before disbursement.',
  })
  async standing(
    @Root() loan: Loan,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<LoanStanding | null> {
    return standingToday(loan, ctx, asOf ?? todayInVietnam());
  }

  @FieldResolver(() => [LoanInstalment], { nullable: true, description: 'The repayment schedule (empty before disbursement).' })
  async schedule(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<LoanInstalment[]> {
    if (!loan.disbursedOn) return [];
    return (await ctx.loaders.movementsByLoan.load(loan.id)).instalments;
  }

  @FieldResolver(() => [LoanRepayment], { nullable: true, description: 'Repayments, oldest first.' })
  async repayments(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<LoanRepayment[]> {
    if (!loan.disbursedOn) return [];
    return (await ctx.loaders.movementsByLoan.load(loan.id)).repayments;
  }

  @FieldResolver(() => [LoanPurposeCheck], { nullable: true, description: 'What the loan was found used for, oldest first.' })
  purposeChecks(@Root() loan: Loan, @Ctx() ctx: BankContext): Promise<LoanPurposeCheck[]> {
    return ctx.loaders.purposeChecksByLoan.load(loan.id);
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdLoanResolver {
  @FieldResolver(() => [Loan], {
    nullable: true,
    description: 'VBSP loans of the household made in your scope, applications included, oldest first.',
  })
  loans(@Root() household: HouseholdRef, @Ctx() ctx: BankContext): Promise<Loan[]> {
    return ctx.loaders.loansByHousehold.load(household.id);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the household owes the bank today on a loan made in your scope.',
  })
  async borrowsFromBank(@Root() household: HouseholdRef, @Ctx() ctx: BankContext): Promise<boolean> {
    const today = todayInVietnam();
    return (await ctx.loaders.loansByHousehold.load(household.id)).some((l) => owedOn(l, today));
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the household has principal overdue today on a loan made in your scope.',
  })
  async hasOverdueLoan(@Root() household: HouseholdRef, @Ctx() ctx: BankContext): Promise<boolean> {
    const loans = await ctx.loaders.loansByHousehold.load(household.id);
    const flags = await Promise.all(loans.map((l) => overdueToday(l, ctx)));
    return flags.some(Boolean);
  }
}
