import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';
import { Area } from '../household/household.entity';

@ObjectType({ description: 'The income line of a poverty standard for one area, in đồng per person per month.' })
@Entity({ name: 'poverty_line' })
export class PovertyLine {
  @PrimaryColumn({ name: 'standard_code', type: 'varchar', length: 32 })
  standardCode!: string;

  @Field(() => Area)
  @PrimaryColumn({ type: 'varchar', length: 8 })
  area!: Area;

  @Field(() => VndScalar, { description: 'Poor or near-poor at or below this income.' })
  @Column({ name: 'poverty_line', type: 'bigint', transformer: vndColumn })
  povertyLine!: number;

  @Field(() => VndScalar, { nullable: true, description: 'Top of the average-living-standard band; null where not published.' })
  @Column({ name: 'average_living_upper_bound', type: 'bigint', nullable: true, transformer: vndColumn })
  averageLivingUpperBound!: number | null;
}

@ObjectType({ description: 'A multidimensional poverty standard: income lines per area and the deprivation rule, for a period.' })
@Entity({ name: 'poverty_standard' })
export class PovertyStandard {
  @Field()
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'The legal act, e.g. Decree 07/2021/NĐ-CP.' })
  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Field(() => IsoDateScalar, { description: 'First day in force.' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'First day no longer in force; null while open-ended.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Field(() => Int, {
    description: 'Deprived in at least this many of the 12 indicators, with income at or below the line: poor.',
  })
  @Column({ name: 'min_deprivations', type: 'smallint' })
  minDeprivations!: number;

  /** Loaded with the standard (see the loader); not a TypeORM relation. */
  @Field(() => [PovertyLine])
  lines!: PovertyLine[];
}
