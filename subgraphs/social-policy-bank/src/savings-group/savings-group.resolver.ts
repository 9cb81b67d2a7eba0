import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { assertUuid, IsoDateScalar, notVisible, todayInVietnam, VndScalar } from '@gnbv/kit';
import type { BankContext } from '../context';
import { Loan, LoanStatus } from '../loan/loan.entity';
import { standingOf } from '../loan/loan.loader';
import { owedOn } from '../loan/loan.rules';
import { HouseholdRef } from '../refs';
import { TransactionPoint } from '../transaction-point/transaction-point.entity';
import { memberOn, SavingsGroup, SavingsGroupMember } from './savings-group.entity';
import type { MembershipRow } from './savings-group.loader';

@ObjectType({ description: "A savings group's loans in arrears on a day." })
export class SavingsGroupArrears {
  @Field(() => IsoDateScalar)
  asOf!: string;

  @Field(() => VndScalar, { description: "Principal owed on the day on the group's loans." })
  outstanding!: number;

  @Field(() => VndScalar, { description: 'Principal due before the day and not repaid.' })
  overdueAmount!: number;

  @Field(() => Int)
  overdueLoanCount!: number;

  @Field(() => [Loan], { description: 'The loans with principal overdue, most days overdue first.' })
  overdueLoans!: Loan[];
}

@Resolver(() => SavingsGroup)
export class SavingsGroupResolver {
  @Query(() => SavingsGroup, {
    nullable: true,
    description: 'A savings-and-loan group by id. A missing group and one outside your scope give the same FORBIDDEN answer.',
  })
  async savingsGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<SavingsGroup> {
    const group = await ctx.loaders.savingsGroupById.load(assertUuid('id', id));
    if (!group) throw notVisible('savings group', 'id');
    return group;
  }

  @FieldResolver(() => TransactionPoint, { nullable: true, description: 'Where the group meets the bank.' })
  transactionPoint(@Root() group: SavingsGroup, @Ctx() ctx: BankContext): Promise<TransactionPoint | null> {
    return group.transactionPointId
      ? ctx.loaders.transactionPointById.load(group.transactionPointId)
      : ctx.loaders.transactionPointByCommune.load(group.communeCode);
  }

  @FieldResolver(() => HouseholdRef, { nullable: true, description: "The leader's household (tổ trưởng)." })
  leader(@Root() group: SavingsGroup): HouseholdRef | null {
    return group.leaderHouseholdId ? { id: group.leaderHouseholdId } : null;
  }

  @FieldResolver(() => [SavingsGroupMember], {
    nullable: true,
    description:
      'Member households on `on` (default today), oldest membership first; with includeLeft, every membership ever. For a group meeting: select household { loanEligibility(...) } on each.',
  })
  async members(
    @Root() group: SavingsGroup,
    @Arg('on', () => IsoDateScalar, { nullable: true }) on: string | null,
    @Arg('includeLeft', { defaultValue: false }) includeLeft: boolean,
    @Ctx() ctx: BankContext,
  ): Promise<SavingsGroupMember[]> {
    const members = await ctx.loaders.membersByGroup.load(group.id);
    const day = on ?? todayInVietnam();
    return includeLeft ? members : members.filter((m) => memberOn(m, day));
  }

  @FieldResolver(() => [Loan], {
    nullable: true,
    description: 'Loans made through the group, applications included, oldest first.',
  })
  async loans(
    @Root() group: SavingsGroup,
    @Arg('status', () => LoanStatus, { nullable: true }) status: LoanStatus | null,
    @Ctx() ctx: BankContext,
  ): Promise<Loan[]> {
    const loans = await ctx.loaders.loansBySavingsGroup.load(group.id);
    return status ? loans.filter((l) => l.status === status) : loans;
  }

  @FieldResolver(() => SavingsGroupArrears, {
    nullable: true,
    description: "The group's arrears on `asOf` (default today): what is overdue, on which loans.",
  })
  async arrears(
    @Root() group: SavingsGroup,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<SavingsGroupArrears> {
    const day = asOf ?? todayInVietnam();
    const owed = (await ctx.loaders.loansBySavingsGroup.load(group.id)).filter((l) => owedOn(l, day));
    const standings = await Promise.all(
      owed.map(async (loan) => ({ loan, standing: standingOf(loan, await ctx.loaders.movementsByLoan.load(loan.id), day)! })),
    );
    const overdue = standings
      .filter((s) => s.standing.overdueAmount > 0)
      .sort((a, b) => b.standing.daysOverdue - a.standing.daysOverdue || a.loan.id.localeCompare(b.loan.id));
    return {
      asOf: day,
      outstanding: standings.reduce((sum, s) => sum + s.standing.outstanding, 0),
      overdueAmount: overdue.reduce((sum, s) => sum + s.standing.overdueAmount, 0),
      overdueLoanCount: overdue.length,
      overdueLoans: overdue.map((s) => s.loan),
    };
  }
}

@Resolver(() => SavingsGroupMember)
export class SavingsGroupMemberResolver {
  @FieldResolver(() => HouseholdRef, { description: 'The member household (details come from labor).' })
  household(@Root() member: Pick<SavingsGroupMember, 'householdId'>): HouseholdRef {
    return { id: member.householdId };
  }

  @FieldResolver(() => SavingsGroup)
  async savingsGroup(@Root() member: Pick<SavingsGroupMember, 'savingsGroupId'>, @Ctx() ctx: BankContext): Promise<SavingsGroup> {
    const group = await ctx.loaders.savingsGroupById.load(member.savingsGroupId);
    if (!group) throw notVisible('savings group', 'savingsGroup');
    return group;
  }

  @FieldResolver(() => Boolean, { description: "Whether the household is the group's leader." })
  async isLeader(
    @Root() member: Pick<SavingsGroupMember, 'savingsGroupId' | 'householdId'>,
    @Ctx() ctx: BankContext,
  ): Promise<boolean> {
    const group = await ctx.loaders.savingsGroupById.load(member.savingsGroupId);
    return !!group && group.leaderHouseholdId === member.householdId;
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdMembershipResolver {
  @FieldResolver(() => [SavingsGroupMember], {
    nullable: true,
    description: "The household's savings-group memberships in your scope, past ones included, oldest first.",
  })
  async savingsGroupMemberships(@Root() household: HouseholdRef, @Ctx() ctx: BankContext): Promise<MembershipRow[]> {
    const rows = await ctx.loaders.membershipsByHousehold.load(household.id);
    const visible = await Promise.all(rows.map((m) => ctx.loaders.savingsGroupById.load(m.savingsGroupId)));
    return rows.filter((_, i) => visible[i] !== null);
  }
}
