import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import {
  assertUuid,
  HouseholdCategory,
  IsoDateScalar,
  notVisible,
  scopeParam,
  scopeSqlRaw,
  todayInVietnam,
  VndScalar,
} from '@gnbv/kit';
import { badInput, clientError, ErrorCode, nationalScope, scopeCovers } from '@gnbv/platform';
import type { BankContext } from '../context';
import { standingOf } from '../loan/loan.loader';
import { owedOn } from '../loan/loan.rules';
import { LoanProgramme, LoanProgrammeCode } from '../programme/programme.entity';
import { programmeOn } from '../programme/programme.rules';
import { ELIGIBILITY_REQUIRES, HouseholdRef } from '../refs';
import { EligibilityReasonCode, loanEligibility, type EligibilityResult, type LoanOnDate } from './eligibility.rules';

registerEnumType(EligibilityReasonCode, {
  name: 'EligibilityReasonCode',
  description: 'Why a household may not borrow under a programme on a date.',
});

/** The most households `loanEligibilityBatch` checks at once (a savings group's meeting is far fewer). */
export const MAX_BATCH = 200;

@ObjectType({ description: 'One reason a household may not borrow.' })
export class EligibilityReason {
  @Field(() => EligibilityReasonCode)
  code!: EligibilityReasonCode;

  @Field()
  message!: string;
}

@ObjectType({
  description:
    "Whether a household may borrow under a programme on a date, with every reason why not. The category is the labor registry's, read through federation for each check.",
})
export class LoanEligibility {
  @Field(() => LoanProgrammeCode)
  programme!: LoanProgrammeCode;

  @Field(() => IsoDateScalar)
  on!: string;

  @Field()
  eligible!: boolean;

  @Field(() => [EligibilityReason], { description: 'Every reason that applies; empty when eligible.' })
  reasons!: EligibilityReason[];

  @Field(() => HouseholdCategory, {
    nullable: true,
    description: 'The certified category on the date; null before any certified review.',
  })
  category!: HouseholdCategory | null;

  @Field(() => VndScalar, { description: 'Owed under this programme on the date.' })
  outstandingUnderProgramme!: number;

  @Field(() => VndScalar, {
    nullable: true,
    description: 'Ceiling minus what is owed under this programme, never negative; null without a programme version.',
  })
  headroom!: number | null;

  @Field(() => VndScalar, { nullable: true })
  ceiling!: number | null;

  @Field(() => Float, { nullable: true, description: 'The annual rate a loan disbursed on the date would get.' })
  annualRatePercent!: number | null;

  @Field(() => Float, { nullable: true })
  overdueRatePercent!: number | null;

  @Field(() => Int, { nullable: true })
  maxTermMonths!: number | null;

  @Field(() => String, { nullable: true, description: "The lending commune: the household's savings group's commune." })
  lendingCommuneCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'The savings group the household would borrow through.' })
  savingsGroupId!: string | null;

  @Field(() => LoanProgramme, { nullable: true, description: 'The programme version in force on the date.' })
  programmeVersion!: LoanProgramme | null;
}

const toGraphql = (r: EligibilityResult, version: LoanProgramme | null): LoanEligibility => ({
  programme: r.programme,
  on: r.on,
  eligible: r.eligible,
  reasons: r.reasons,
  category: r.category,
  outstandingUnderProgramme: r.outstandingUnderProgramme,
  headroom: r.headroom,
  ceiling: r.version?.ceilingPerHousehold ?? null,
  annualRatePercent: r.annualRatePercent,
  overdueRatePercent: r.overdueRatePercent,
  maxTermMonths: r.maxTermMonths,
  lendingCommuneCode: r.lendingCommune,
  savingsGroupId: r.savingsGroupId,
  programmeVersion: version,
});

/** What the gateway fetched from labor for this household (`@requires`); refused without it. */
function registryFacts(household: HouseholdRef) {
  const periods = household.certifiedCategoryPeriods;
  const commune = household.commune;
  if (!Array.isArray(periods) || !commune?.code)
    throw clientError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'Household.loanEligibility: the labor registry did not give this household’s certified categories and commune (it refused or failed), and the bank gives no answer without them. Ask again through the gateway.',
      { field: 'Household.loanEligibility' },
    );
  return { periods, communeCode: commune.code, provinceCode: commune.parent?.code ?? null };
}

@Resolver(() => HouseholdRef)
export class HouseholdEligibilityResolver {
  @Directive(`@requires(fields: "${ELIGIBILITY_REQUIRES}")`)
  @FieldResolver(() => LoanEligibility, {
    nullable: true,
    description:
      "Whether the household may borrow under `programme` on `on` (default today in Vietnam), and every reason why not; with `amount`, whether that much fits under the ceiling. The category and commune are labor's (fetched by the gateway for each check); memberships and loans are the bank's. Purpose loan-eligibility; audited.",
  })
  async loanEligibility(
    @Root() household: HouseholdRef,
    @Arg('programme', () => LoanProgrammeCode) programme: LoanProgrammeCode,
    @Arg('on', () => IsoDateScalar, { nullable: true }) on: string | null,
    @Arg('amount', () => VndScalar, { nullable: true, description: 'The amount asked for, in đồng (more than 0).' })
    amount: number | null,
    @Ctx() ctx: BankContext,
  ): Promise<LoanEligibility> {
    if (amount !== null && amount <= 0) throw badInput('amount', 'must be more than 0 đồng');
    const day = on ?? todayInVietnam();
    const registry = registryFacts(household);
    const [memberships, book, versions] = await Promise.all([
      ctx.loaders.membershipsByHousehold.load(household.id),
      ctx.loaders.loanBookByHousehold.load(household.id),
      ctx.loaders.programmes(),
    ]);
    // In scope: the household lives in the reader's units, or borrows or is a member there.
    const visible =
      nationalScope(ctx.principal) ||
      scopeCovers(ctx.principal, { communeCode: registry.communeCode, provinceCode: registry.provinceCode }) ||
      memberships.some((m) => scopeCovers(ctx.principal, m)) ||
      book.some((l) => scopeCovers(ctx.principal, l));
    if (!visible) throw notVisible('household', 'id');
    const owed = book.filter((l) => owedOn(l, day));
    const loans: LoanOnDate[] = await Promise.all(
      owed.map(async (loan) => {
        const standing = standingOf(loan, await ctx.loaders.movementsByLoan.load(loan.id), day)!;
        return { id: loan.id, programme: loan.program, outstanding: standing.outstanding, overdueAmount: standing.overdueAmount };
      }),
    );
    const version = programmeOn(versions, programme, day);
    const result = loanEligibility({
      programme,
      on: day,
      version,
      categoryPeriods: registry.periods,
      householdCommune: registry.communeCode,
      memberships,
      loans,
      amount,
    });
    return toGraphql(result, version);
  }
}

@Resolver()
export class LoanEligibilityBatchResolver {
  @Query(() => [HouseholdRef], {
    description: `Households to check at once (at most ${MAX_BATCH}, e.g. a savings group's meeting): those of the ids visible to you, in the order given, duplicates once. Select loanEligibility(...) on each; the gateway fetches every household's category from labor in one batch.`,
  })
  async loanEligibilityBatch(
    @Arg('householdIds', () => [ID]) householdIds: string[],
    @Ctx() ctx: BankContext,
  ): Promise<HouseholdRef[]> {
    if (householdIds.length === 0) throw badInput('householdIds', 'give at least one household id');
    if (householdIds.length > MAX_BATCH) throw badInput('householdIds', `give at most ${MAX_BATCH} household ids`);
    const ids = [...new Set(householdIds.map((id, i) => assertUuid(`householdIds[${i}]`, id)))];
    if (nationalScope(ctx.principal)) return ids.map((id) => ({ id }));
    // Seen by the bank in the reader's units: a member of a group there, or a borrower there.
    const rows: Array<{ household_id: string }> = await ctx.db.query(
      `SELECT m.household_id FROM savings_group_member m JOIN savings_group g ON g.id = m.savings_group_id
        WHERE m.household_id = ANY($1::uuid[]) AND ${scopeSqlRaw(ctx.principal, 'g.commune_code', 'g.province_code', 2)}
       UNION
       SELECT l.household_id FROM loan l
        WHERE l.household_id = ANY($1::uuid[]) AND ${scopeSqlRaw(ctx.principal, 'l.commune_code', 'l.province_code', 2)}`,
      [ids, scopeParam(ctx.principal)],
    );
    const visible = new Set(rows.map((r) => r.household_id));
    return ids.filter((id) => visible.has(id)).map((id) => ({ id }));
  }
}
