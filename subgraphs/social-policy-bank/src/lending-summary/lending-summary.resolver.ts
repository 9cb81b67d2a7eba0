import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import {
  assertAdminCode,
  assertUnitArgInScope,
  HouseholdCategory,
  isIsoDate,
  IsoDateScalar,
  PageArgs,
  PageInfo,
  pageWindow,
  todayInVietnam,
  toPage,
  VndScalar,
} from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import type { BankContext } from '../context';
import { Loan, LoanStatus } from '../loan/loan.entity';
import { LoanProgrammeCode } from '../programme/programme.entity';
import { AdminUnitRef, COVERAGE_REQUIRES } from '../refs';
import { SavingsGroup } from '../savings-group/savings-group.entity';
import { TransactionPoint } from '../transaction-point/transaction-point.entity';
import type { LendingSummaryRow } from './lending-summary.loader';

@ObjectType({ description: 'Households owing the bank, by the category recorded at disbursement.' })
export class BorrowersByCategory {
  @Field(() => HouseholdCategory, {
    nullable: true,
    description: 'Null: not recorded (loans taken over from the earlier loan book without one).',
  })
  category!: HouseholdCategory | null;

  @Field(() => Int)
  households!: number;
}

@ObjectType()
export class LoansByStatus {
  @Field(() => LoanStatus)
  status!: LoanStatus;

  @Field(() => Int)
  loans!: number;
}

@ObjectType({ description: "One programme's loans owed on the day." })
export class ProgrammeLendingSummary {
  @Field(() => LoanProgrammeCode)
  programme!: LoanProgrammeCode;

  @Field(() => Int, { description: 'Loans owed on the day.' })
  loanCount!: number;

  @Field(() => VndScalar, { description: 'Principal owed on the day.' })
  outstanding!: number;

  @Field(() => VndScalar, { description: 'Principal due before the day and not repaid.' })
  overdue!: number;

  @Field(() => Float, { description: 'Overdue ÷ outstanding (0 when nothing is owed).' })
  overdueRate!: number;

  @Field(() => Int, { description: 'Loans with principal overdue.' })
  overdueLoanCount!: number;
}

@ObjectType({ description: 'VBSP lending in an administrative unit on a day, over the loans in your scope.' })
export class LendingSummary {
  @Field(() => IsoDateScalar)
  asOf!: string;

  @Field(() => Int, { description: 'Loans owed on the day (disbursed, not yet settled or written off).' })
  loanCount!: number;

  @Field(() => VndScalar, { description: 'Principal owed on the day.' })
  outstanding!: number;

  @Field(() => VndScalar, { description: 'Principal due before the day and not repaid.' })
  overdue!: number;

  @Field(() => Float, { description: 'Overdue ÷ outstanding (0 when nothing is owed).' })
  overdueRate!: number;

  @Field(() => Int, { description: 'Loans with principal overdue.' })
  overdueLoanCount!: number;

  @Field(() => Int, { description: 'Households owing on the day.' })
  borrowingHouseholds!: number;

  @Field(() => [BorrowersByCategory], {
    description:
      "Households owing on the day, by the category recorded when their latest loan was disbursed. For the share of poor households that borrow, divide by labor's AdminUnit.householdCounts.",
  })
  borrowingHouseholdsByCategory!: BorrowersByCategory[];

  @Field(() => [LoansByStatus], { description: 'Every loan of the unit by its status now (applications included).' })
  loansByStatus!: LoansByStatus[];

  @Field(() => Int, { description: 'Loans whose latest purpose check by the day found the wrong purpose.' })
  wrongPurposeLoanCount!: number;

  @Field(() => [ProgrammeLendingSummary], { description: 'Loans owed on the day by programme, in the catalogue order.' })
  byProgramme!: ProgrammeLendingSummary[];
}

@ArgsType()
export class UnitLoanPageArgs extends PageArgs {
  @Field(() => LoanStatus, {
    nullable: true,
    description: 'Only loans in this status (e.g. APPLIED: the applications to decide).',
  })
  status?: LoanStatus | null;
}

@ObjectType({ description: "A page of a unit's loans, newest application first." })
export class LoanConnection {
  @Field(() => [Loan])
  nodes!: Loan[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const STATUS_ORDER = Object.values(LoanStatus);
const PROGRAMME_ORDER = Object.values(LoanProgrammeCode);
const CATEGORY_ORDER = ['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR', ''];

function toSummary(row: LendingSummaryRow): LendingSummary {
  return {
    asOf: row.asOf,
    loanCount: row.loanCount,
    outstanding: row.outstanding,
    overdue: row.overdue,
    overdueRate: row.outstanding === 0 ? 0 : row.overdue / row.outstanding,
    overdueLoanCount: row.overdueLoanCount,
    borrowingHouseholds: row.borrowingHouseholds,
    borrowingHouseholdsByCategory: [...row.borrowersByCategory]
      .sort(([a], [b]) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b))
      .map(([category, households]) => ({ category: (category || null) as HouseholdCategory | null, households })),
    loansByStatus: [...row.loansByStatus]
      .sort(([a], [b]) => STATUS_ORDER.indexOf(a as LoanStatus) - STATUS_ORDER.indexOf(b as LoanStatus))
      .map(([status, loans]) => ({ status: status as LoanStatus, loans })),
    wrongPurposeLoanCount: row.wrongPurposeLoanCount,
    byProgramme: [...row.byProgramme]
      .sort(([a], [b]) => PROGRAMME_ORDER.indexOf(a as LoanProgrammeCode) - PROGRAMME_ORDER.indexOf(b as LoanProgrammeCode))
      .map(([programme, p]) => ({
        programme: programme as LoanProgrammeCode,
        ...p,
        overdueRate: p.outstanding === 0 ? 0 : p.overdue / p.outstanding,
      })),
  };
}

@ObjectType({
  description:
    "How many of a unit's poor and near-poor households borrow: labor's current counts (through federation) against the households owing the bank today, by the category recorded when their latest loan was disbursed. Both over the reader's scope.",
})
export class LendingCoverage {
  @Field(() => Int, { description: "Poor households registered in the unit (labor's current list)." })
  poorHouseholds!: number;

  @Field(() => Int, { description: 'Households owing the bank whose latest loan went to them as poor.' })
  poorBorrowing!: number;

  @Field(() => Float, { description: 'poorBorrowing ÷ poorHouseholds (0 when there are none).' })
  poorShare!: number;

  @Field(() => Int)
  nearPoorHouseholds!: number;

  @Field(() => Int)
  nearPoorBorrowing!: number;

  @Field(() => Float)
  nearPoorShare!: number;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

@Resolver(() => AdminUnitRef)
export class AdminUnitLendingResolver {
  @Directive(`@requires(fields: "${COVERAGE_REQUIRES}")`)
  @FieldResolver(() => LendingCoverage, {
    nullable: true,
    description:
      "The share of the unit's poor and near-poor households that borrow today; labor's counts come through federation. The category of a borrower is the one recorded at its latest disbursement, so a household that changed list since counts under its old one.",
  })
  async lendingCoverage(@Root() unit: AdminUnitRef, @Ctx() ctx: BankContext): Promise<LendingCoverage | null> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    const counts = unit.currentHouseholdCounts;
    if (!counts) return null;
    const row = await ctx.loaders.lendingSummaryByUnit.load(`${unit.code}|${todayInVietnam()}`);
    const borrowing = (category: string) => row.borrowersByCategory.get(category) ?? 0;
    return {
      poorHouseholds: counts.poor,
      poorBorrowing: borrowing('POOR'),
      poorShare: share(borrowing('POOR'), counts.poor),
      nearPoorHouseholds: counts.nearPoor,
      nearPoorBorrowing: borrowing('NEAR_POOR'),
      nearPoorShare: share(borrowing('NEAR_POOR'), counts.nearPoor),
    };
  }

  @FieldResolver(() => LendingSummary, {
    nullable: true,
    description: 'VBSP lending in this commune or province on `asOf` (default today), over the loans in your scope.',
  })
  async lendingSummary(
    @Root() unit: AdminUnitRef,
    @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<LendingSummary> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    return toSummary(await ctx.loaders.lendingSummaryByUnit.load(`${unit.code}|${asOf ?? todayInVietnam()}`));
  }

  @FieldResolver(() => LoanConnection, {
    nullable: true,
    description:
      'Loans made in this commune or province (in your scope), newest application first, e.g. the applications to decide.',
  })
  async loans(@Root() unit: AdminUnitRef, @Args() args: UnitLoanPageArgs, @Ctx() ctx: BankContext): Promise<LoanConnection> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    const window = pageWindow(args, 2);
    const after = window.after as [string, string] | null;
    if (after && (!isIsoDate(after[0]) || !UUID.test(after[1])))
      throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
    const request = { code: unit.code, limit: window.limit, after, status: args.status ?? null };
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.loanPageByUnit.load(request),
      ctx.loaders.loanCountByUnit.load(request),
    ]);
    return toPage(rows, window, (l) => [l.appliedOn, l.id], totalCount) as LoanConnection;
  }

  @FieldResolver(() => [SavingsGroup], { nullable: true, description: 'Savings-and-loan groups of this commune, in your scope.' })
  async savingsGroups(@Root() unit: AdminUnitRef, @Ctx() ctx: BankContext): Promise<SavingsGroup[]> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    return ctx.loaders.savingsGroupsByCommune.load(unit.code);
  }

  @FieldResolver(() => TransactionPoint, { nullable: true, description: "The commune's VBSP transaction point (public)." })
  transactionPoint(@Root() unit: AdminUnitRef, @Ctx() ctx: BankContext): Promise<TransactionPoint | null> {
    return ctx.loaders.transactionPointByCommune.load(unit.code);
  }
}
