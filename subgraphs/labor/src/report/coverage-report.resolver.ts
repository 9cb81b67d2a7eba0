import { Arg, Args, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { assertReportYear, coverageKeyOf, PageArgs, pageWindow, projectNamed, toPage } from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { HouseholdConnection } from '../household/household.connection';
import { HouseholdCategory } from '../household/household.entity';
import type { CoverageReportContext, CoverageReportRoot } from './coverage-report.loader';
import { coverageInput } from './coverage-report.loader';
import {
  COVERAGE_CATEGORIES,
  COVERAGE_PROJECTS,
  noneReceivedPage,
  type CoverageCategory,
  type GroupCounts,
} from './coverage-report.sql';
import { CommuneCoverage, CoverageGroup, CoverageReport, CoverageTargeting } from './coverage-report.types';
import { percent } from './poverty-report.rates';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const REQUIRES = '@requires(fields: "productionHouseholds informationHouseholds borrowingHouseholds")';

/** One list's counts as the report shows them: shares in percent of the list, projects in order. */
export function toCoverageGroup(category: CoverageCategory, counts: GroupCounts): CoverageGroup {
  return {
    category: category as HouseholdCategory,
    households: counts.households,
    byProject: COVERAGE_PROJECTS.map((project, i) => ({
      project,
      projectName: projectNamed(project)?.name ?? `Project ${project}`,
      households: counts.projects[i] ?? 0,
      share: percent(counts.projects[i] ?? 0, counts.households),
    })),
    borrowing: counts.borrowing,
    several: counts.several,
    none: counts.none,
  };
}

const groupsOf = (groups: Map<CoverageCategory, GroupCounts>) =>
  COVERAGE_CATEGORIES.map((c) => toCoverageGroup(c, groups.get(c)!));

@Resolver(() => AdminUnit)
export class AdminUnitCoverageReportResolver {
  @FieldResolver(() => CoverageReport, {
    nullable: true,
    description:
      "Who the programme reached here in review year `year`: each list's households by project, bank borrowing, several and none, per commune, and targeting; over your scope. Null for a former unit (households are registered in today's units).",
  })
  coverageReport(@Root() unit: AdminUnit, @Arg('year', () => Int) year: number): CoverageReport | null {
    assertReportYear('year', year);
    if (unit.validTo !== null) return null;
    return { unitCode: unit.code, year };
  }
}

@Resolver(() => CoverageReport)
export class CoverageReportResolver {
  @Directive(REQUIRES)
  @FieldResolver(() => [CoverageGroup], { description: 'POOR, NEAR_POOR and NEWLY_ESCAPED, in that order.' })
  async groups(@Root() report: CoverageReportRoot, @Ctx() ctx: CoverageReportContext): Promise<CoverageGroup[]> {
    return groupsOf((await ctx.loaders.coverageCounts.load(report)).groups);
  }

  @Directive(REQUIRES)
  @FieldResolver(() => [CommuneCoverage], {
    description:
      "The same figures per commune (a province's communes with households in your scope; a commune: itself), by code.",
  })
  async communes(@Root() report: CoverageReportRoot, @Ctx() ctx: CoverageReportContext): Promise<CommuneCoverage[]> {
    const { communes } = await ctx.loaders.coverageCounts.load(report);
    const units = await ctx.loaders.adminUnitByCode.loadMany(communes.map((c) => c.communeCode));
    return communes.map((c, i) => {
      const unit = units[i];
      return {
        communeCode: c.communeCode,
        communeName: unit && !(unit instanceof Error) ? unit.name : c.communeCode,
        groups: groupsOf(c.groups),
      };
    });
  }

  @Directive(REQUIRES)
  @FieldResolver(() => CoverageTargeting)
  async targeting(@Root() report: CoverageReportRoot, @Ctx() ctx: CoverageReportContext): Promise<CoverageTargeting> {
    return (await ctx.loaders.coverageCounts.load(report)).targeting;
  }

  @Directive(REQUIRES)
  @FieldResolver(() => HouseholdConnection, {
    nullable: true,
    description:
      'The households on the lists (one list with `category`; all three without) that nothing reached: no project support and no bank loan in the year. Officers who may see households.',
  })
  async noneReceived(
    @Root() report: CoverageReportRoot,
    @Args() page: PageArgs,
    @Ctx() ctx: CoverageReportContext,
    @Arg('category', () => HouseholdCategory, { nullable: true }) category?: HouseholdCategory | null,
  ): Promise<HouseholdConnection> {
    if (category && !(COVERAGE_CATEGORIES as readonly string[]).includes(category))
      throw badInput('category', `must be one of the report's lists: ${COVERAGE_CATEGORIES.join(', ')}`);
    const window = pageWindow(page, 2);
    const after = window.after as [string, string] | null;
    if (after && !UUID.test(after[1]))
      throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
    const { rows, totalCount } = await noneReceivedPage(ctx.db, ctx.principal, report.year, coverageInput(report), {
      categories: category ? [category as CoverageCategory] : COVERAGE_CATEGORIES,
      limit: window.limit,
      after,
    });
    return toPage(rows, window, (h) => [h.code, h.id], totalCount);
  }
}

/** `__resolveReference` for CoverageReport: the checked key, with the household sets the gateway brought. */
export function resolveCoverageReportReference(reference: Record<string, unknown>): CoverageReportRoot {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    ...coverageKeyOf(reference),
    productionHouseholds: text(reference.productionHouseholds),
    informationHouseholds: text(reference.informationHouseholds),
    borrowingHouseholds: text(reference.borrowingHouseholds),
  };
}
