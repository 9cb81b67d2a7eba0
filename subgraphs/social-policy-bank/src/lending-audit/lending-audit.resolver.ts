import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { AuditRecord, auditRecordsFor, badInput, nationalScope, toAuditRecord } from '@gnbv/kit';
import { HouseholdRef } from '../refs';
import type { BankContext } from '../context';

@Resolver(() => HouseholdRef)
export class HouseholdLendingAuditResolver {
  @FieldResolver(() => [AuditRecord], {
    description: "Who read this household's loan amounts and terms, when and why: newest first (data-protection officer).",
  })
  async lendingAudit(
    @Root() household: HouseholdRef,
    @Ctx() ctx: BankContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('before', () => ID, { nullable: true }) before?: string | null,
  ): Promise<AuditRecord[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
    if (before != null && !/^\d{1,15}$/.test(before)) throw badInput('before', 'must be the seq of an audit record');
    // The trail records no place: a household is in a scoped officer's units when one of its loans is.
    if (!nationalScope(ctx.principal) && (await ctx.loaders.loansByHousehold.load(household.id)).length === 0) return [];
    const rows = await auditRecordsFor(ctx.db, 'Household', household.id, first, before ? Number(before) : undefined);
    return rows.map(toAuditRecord);
  }
}
