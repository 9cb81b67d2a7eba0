import 'reflect-metadata';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { todayInVietnam } from '../dates';
import { BudgetLineRecord } from '../program/program.entity';
import type { AdminUnitRef } from '../refs';
import { IsoDateScalar } from '../scalars';
import { assertUnitArgInScope, scopeWhere } from '../scope';
import { assertAdminCode } from '../validate';
import type { BudgetContext } from './budget.loaders';
import type { BudgetModuleOptions } from './budget.options';
import { BudgetLine, BudgetProjectTotal, Disbursement, toLine } from './budget.types';
import { yearArg } from './budget.validate';

/** The fields of a budget line read through its own loaders: one resolver class for every subgraph. */
@Resolver(() => BudgetLine)
export class BudgetLineFieldsResolver {
  @FieldResolver(() => [Disbursement], { description: 'Payments out of the line, oldest first.' })
  async disbursements(@Root() line: BudgetLine, @Ctx() ctx: BudgetContext): Promise<Disbursement[]> {
    return ctx.loaders.budget.disbursementsByLine.load(line.id);
  }
}

/** `AdminUnit.<lines>` and `AdminUnit.<totals>`: one agency's budget of a unit and year. */
export function unitBudgetResolver({ agency, ownedProjects, AdminUnitRef, names }: BudgetModuleOptions) {
  @Resolver(() => AdminUnitRef)
  class UnitBudgetResolver {
    @FieldResolver(() => [BudgetLine], {
      name: names.lines,
      nullable: true,
      description: `Budget lines of ${agency}'s projects (${ownedProjects.join(', ')}) for this unit and year, in your scope; for a province, with includeCommunes, its communes' lines too.`,
    })
    async lines(
      @Root() unit: AdminUnitRef,
      @Arg('year', () => Int) year: number,
      @Arg('includeCommunes', { defaultValue: false }) includeCommunes: boolean,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      const rows = await ctx.loaders.budget.linesByUnit.load(`${unit.code}|${yearArg('year', year)}|${includeCommunes}`);
      return rows.map((r) => toLine(agency, r));
    }

    @FieldResolver(() => [BudgetProjectTotal], {
      name: names.totals,
      nullable: true,
      description: `${agency}'s budget for this unit and year by project: a province's totals include its communes' lines.`,
    })
    async totals(
      @Root() unit: AdminUnitRef,
      @Arg('year', () => Int) year: number,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetProjectTotal[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      return ctx.loaders.budget.totalsByUnit.load(`${unit.code}|${yearArg('year', year)}|${todayInVietnam()}`);
    }
  }
  return UnitBudgetResolver;
}

/** `Query.<late>`: one agency's lines past their deadline with money undisbursed. */
export function lateLinesResolver({ agency, names }: BudgetModuleOptions) {
  @Resolver(() => BudgetLine)
  class LateLinesResolver {
    @Query(() => [BudgetLine], {
      name: names.late,
      description: `${agency}'s budget lines in a unit (a province: with its communes) past their deadline on asOf (default today) with money undisbursed, in your scope, earliest deadline first.`,
    })
    async late(
      @Arg('unitCode') unitCode: string,
      @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf: string | null,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine[]> {
      const code = assertAdminCode('unitCode', unitCode);
      assertUnitArgInScope(ctx.principal, 'unitCode', code);
      const day = asOf ?? todayInVietnam();
      const scope = scopeWhere(ctx.principal, 'b.unit_code', 'b.province_code');
      const rows = await ctx.db
        .getRepository(BudgetLineRecord)
        .createQueryBuilder('b')
        .where(scope.sql, scope.params)
        .andWhere(code.length === 2 ? 'b.province_code = :code' : 'b.unit_code = :code', { code })
        .andWhere('b.deadline < :day AND b.disbursed < b.allocated', { day })
        .orderBy({ 'b.deadline': 'ASC', 'b.unit_code': 'ASC', 'b.project': 'ASC', 'b.id': 'ASC' })
        .limit(1000)
        .getMany();
      return rows.map((r) => toLine(agency, r, day));
    }
  }
  return LateLinesResolver;
}
