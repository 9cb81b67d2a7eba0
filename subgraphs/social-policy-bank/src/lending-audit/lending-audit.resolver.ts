import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AuditPageArgs, AuditRecord, auditTrailPage } from '@gnbv/kit';
import { nationalScope } from '@gnbv/platform';
import { HouseholdRef } from '../refs';
import type { BankContext } from '../context';

@Resolver(() => HouseholdRef)
export class HouseholdLendingAuditResolver {
  @FieldResolver(() => [AuditRecord], {
    nullable: true,
    description: "Who read this household's loan amounts and terms, when and why: newest first (data-protection officer).",
  })
  async lendingAudit(
    @Root() household: HouseholdRef,
    @Ctx() ctx: BankContext,
    @Args() page: AuditPageArgs,
  ): Promise<AuditRecord[]> {
    // The trail records no place: a household is in a scoped officer's units when one of its loans is.
    const inScope = async () =>
      nationalScope(ctx.principal) || (await ctx.loaders.loansByHousehold.load(household.id)).length > 0;
    return auditTrailPage(ctx.db, 'Household', household.id, page, inScope);
  }
}
