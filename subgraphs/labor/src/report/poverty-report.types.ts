import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ReportGeography {
  AS_IS = 'AS_IS',
  AS_WAS = 'AS_WAS',
}
registerEnumType(ReportGeography, {
  name: 'ReportGeography',
  description:
    "AS_IS: today's units (after the 2025 mergers), recomputed from household records. AS_WAS: the unit version asked about, from each review's recorded commune.",
});

@ObjectType({ description: 'How households moved between their previous certified review and this year’s.' })
export class PovertyMovements {
  @Field(() => Int, { description: 'Previous review poor, this year not poor.' })
  escapedPoverty!: number;

  @Field(() => Int, { description: 'Previous review near-poor, this year on neither list.' })
  escapedNearPoverty!: number;

  @Field(() => Int, { description: 'Worse than the previous review, and had been at least this bad before.' })
  relapsed!: number;

  @Field(() => Int, { description: 'Worse than the previous review (or first reviewed) and never this bad before.' })
  newlyArising!: number;

  @Field(() => Int, { description: 'On the same list as in the previous review.' })
  stayed!: number;

  @Field(() => Int, { description: 'Counting as newly escaped (36-month window) on the year’s last day, as known then.' })
  newlyEscapedInWindow!: number;
}

@ObjectType({ description: 'Reviewed households deprived on one of the 12 indicators.' })
export class IndicatorDeprivation {
  @Field(() => Int, { description: 'Indicator number, 1-12 (form B2).' })
  indicator!: number;

  @Field({ description: 'The indicator’s name (English; the number keys a translation).' })
  name!: string;

  @Field({ description: 'Its dimension (English name).' })
  dimension!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => Float, { description: 'Percent of the reviewed households.' })
  share!: number;

  @Field(() => Int)
  poorHouseholds!: number;

  @Field(() => Float, { description: 'Percent of the poor households.' })
  poorShare!: number;
}

@ObjectType({
  description:
    "A unit's poverty figures for one review year, from the certified lists (corrections applied), over the reader's scope. Rates are percents with two decimals.",
})
export class PovertyReport {
  @Field()
  unitCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => ReportGeography)
  geography!: ReportGeography;

  @Field(() => Int, { description: 'Resident households the rates are over.' })
  households!: number;

  @Field(() => Int, { description: 'Of which with a certified review that year.' })
  reviewed!: number;

  @Field(() => Int)
  poor!: number;

  @Field(() => Int)
  nearPoor!: number;

  @Field(() => Float, { description: 'Percent of households, e.g. 1.92.' })
  poorRate!: number;

  @Field(() => Float)
  nearPoorRate!: number;

  @Field(() => Int, { nullable: true, description: 'year - 1 when the unit has certified reviews that year, else null.' })
  previousYear!: number | null;

  @Field(() => Int, { nullable: true })
  previousPoor!: number | null;

  @Field(() => Int, { nullable: true })
  previousNearPoor!: number | null;

  @Field(() => Float, { nullable: true })
  previousPoorRate!: number | null;

  @Field(() => Float, { nullable: true })
  previousNearPoorRate!: number | null;

  @Field(() => Int, { nullable: true, description: 'poor - previousPoor (negative = fewer).' })
  poorChange!: number | null;

  @Field(() => Float, { nullable: true, description: 'poorRate - previousPoorRate, in percentage points.' })
  poorRateChangePoints!: number | null;

  @Field(() => Float, { nullable: true })
  nearPoorRateChangePoints!: number | null;

  @Field(() => Float, { description: 'The yearly target: the poor rate falls by at least this many points.' })
  targetReductionPoints!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The poor rate fell by at least the target; null without a previous year.',
  })
  targetMet!: boolean | null;

  @Field(() => PovertyMovements)
  movements!: PovertyMovements;

  @Field(() => [IndicatorDeprivation], { description: '12 rows, indicator 1..12.' })
  deprivation!: IndicatorDeprivation[];
}
