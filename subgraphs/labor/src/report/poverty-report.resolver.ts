import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { assertReviewFilter } from '../household/household.query';
import { DIMENSIONS, INDICATORS } from '../poverty-standard/classify';
import type { PovertyReportContext } from './poverty-report.loader';
import { emptyCounts, povertyFigures } from './poverty-report.rates';
import { PovertyReport, ReportGeography } from './poverty-report.types';

const dimensionName = new Map(DIMENSIONS.map((d) => [d.key, d.nameEn]));
const INDICATOR_ROWS = INDICATORS.map((i) => ({
  number: i.number,
  name: i.nameEn,
  dimension: dimensionName.get(i.dimension) ?? i.dimension,
}));

@Resolver(() => AdminUnit)
export class AdminUnitPovertyReportResolver {
  @FieldResolver(() => PovertyReport, {
    nullable: true,
    description:
      "Poverty figures of review year `year` from the certified lists (corrections applied), over your scope. AS_IS: today's units, recomputed from household records; AS_WAS: the units of that year (this unit version), from each review's recorded commune. Null for AS_IS on a former unit (households are registered in today's units).",
  })
  async povertyReport(
    @Root() unit: AdminUnit,
    @Ctx() ctx: PovertyReportContext,
    @Arg('year', () => Int) year: number,
    @Arg('geography', () => ReportGeography, { defaultValue: ReportGeography.AS_IS }) geography: ReportGeography,
  ): Promise<PovertyReport | null> {
    assertReviewFilter({ year });
    if (geography === ReportGeography.AS_IS && unit.validTo !== null) return null;
    const counts = (await ctx.loaders.povertyCounts(unit, year, geography)) ?? emptyCounts(unit.code, INDICATORS.length);
    return { unitCode: unit.code, year, geography, ...povertyFigures(counts, year, INDICATOR_ROWS) };
  }
}
