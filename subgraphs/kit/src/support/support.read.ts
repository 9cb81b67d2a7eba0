import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badInput } from '@gnbv/platform';
import { isIsoDate } from '../dates';
import { pageWindow, toPage } from '../pagination';
import type { SupportRecord } from '../program/program.entity';
import type { AdminUnitRef, HouseholdRef } from '../refs';
import { assertUnitArgInScope } from '../scope';
import { assertAdminCode } from '../validate';
import { SupportPageArgs } from './support.inputs';
import type { SupportContext, SupportModuleOptions } from './support.options';
import { SupportSummary } from './support.summary';
import type { Support, SupportConnection, SupportTypes } from './support.types';

/** `Household.<supports>`, `AdminUnit.<supports>` and `AdminUnit.<summary>`: one agency's supports, read. */
export function supportReadResolvers(
  { HouseholdRef, AdminUnitRef, names, ownedProjects, agency }: SupportModuleOptions,
  { Support, SupportConnection }: SupportTypes,
  toSupport: (r: SupportRecord) => Support,
) {
  @Resolver(() => HouseholdRef)
  class HouseholdSupportsResolver {
    @FieldResolver(() => [Support], {
      name: names.supports,
      nullable: true,
      description: `Supports the household received from ${agency} (projects ${ownedProjects.join(', ')}), in your scope, oldest first.`,
    })
    async supports(@Root() household: HouseholdRef, @Ctx() ctx: SupportContext): Promise<Support[]> {
      return (await ctx.loaders.support.byHousehold.load(household.id)).map(toSupport);
    }
  }

  @Resolver(() => AdminUnitRef)
  class UnitSupportsResolver {
    @FieldResolver(() => SupportConnection, {
      name: names.supports,
      nullable: true,
      description: `Supports ${agency} delivered in this commune or province (in your scope), latest first.`,
    })
    async supports(
      @Root() unit: AdminUnitRef,
      @Args() args: SupportPageArgs,
      @Ctx() ctx: SupportContext,
    ): Promise<SupportConnection> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      const window = pageWindow(args, 2);
      const request = {
        code: unit.code,
        limit: window.limit,
        after: window.after as [string, string] | null,
        status: args.status ?? null,
        year: args.programYear ?? null,
      };
      if (request.after && (!isIsoDate(request.after[0]) || !/^[0-9a-f-]{36}$/.test(request.after[1])))
        throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
      const [rows, totalCount] = await Promise.all([
        ctx.loaders.support.pageByUnit.load(request),
        ctx.loaders.support.countByUnit.load(request),
      ]);
      return toPage(rows.map(toSupport), window, (s) => [s.plannedOn, s.id], totalCount) as SupportConnection;
    }

    @FieldResolver(() => [SupportSummary], {
      name: names.summary,
      nullable: true,
      description: `Supports ${agency} delivered in this unit (in your scope), totalled by project and kind; all years unless programYear is given.`,
    })
    async summary(
      @Root() unit: AdminUnitRef,
      @Arg('programYear', () => Int, { nullable: true }) programYear: number | null,
      @Ctx() ctx: SupportContext,
    ): Promise<SupportSummary[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      return (await ctx.loaders.support.summaryByUnit.load(`${unit.code}|${programYear ?? ''}`)) as SupportSummary[];
    }
  }
  return [HouseholdSupportsResolver, UnitSupportsResolver] as const;
}
