import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum AdminLevel {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
}
registerEnumType(AdminLevel, {
  name: 'AdminLevel',
  description: 'Tier of an administrative unit. Since 1 July 2025 there are two: province and commune (districts are history).',
});

export enum AdminUnitLinkKind {
  WHOLE = 'WHOLE',
  PART = 'PART',
}
registerEnumType(AdminUnitLinkKind, {
  name: 'AdminUnitLinkKind',
  description: "WHOLE: all of the predecessor's territory went into the successor. PART: some of it (a split unit).",
});

/**
 * One version of an administrative unit: a code names a territory for a period. The 2025 reform
 * gave new units the code of one predecessor, so a code can name different territory before and
 * after; `id` tells the versions apart.
 */
@Directive('@key(fields: "code")')
@ObjectType({
  description:
    'A province or a commune (ward, special zone) for a period, owned by the labor registry. Other agencies attach their data by code to the unit current today.',
})
@Entity({ name: 'admin_unit' })
export class AdminUnit {
  @Field(() => ID, { description: 'This version of the unit: stable, unlike the code, across reforms.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Statistical code: 2 digits for a province, 5 for a commune.' })
  @Column({ type: 'varchar', length: 5 })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => AdminLevel)
  @Column({ type: 'varchar', length: 16 })
  level!: AdminLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 5, nullable: true })
  parentCode!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field(() => IsoDateScalar, { description: 'First day this version is in force.' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'First day it is no longer in force; null while current.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Field(() => String, { nullable: true, description: 'For a commune before 1 July 2025: its district (history only).' })
  @Column({ name: 'district_name', type: 'text', nullable: true })
  districtName!: string | null;
}

/** A predecessor link of the 2025 (or a later) reform. */
@Entity({ name: 'admin_unit_link' })
export class AdminUnitLinkRow {
  @Column({ name: 'successor_id', type: 'uuid', primary: true })
  successorId!: string;

  @Column({ name: 'predecessor_id', type: 'uuid', primary: true })
  predecessorId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: AdminUnitLinkKind;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

@ObjectType({ description: 'A unit before or after a reform, and how much of its territory is concerned.' })
export class AdminUnitLink {
  @Field(() => AdminUnit)
  unit!: AdminUnit;

  @Field(() => AdminUnitLinkKind)
  kind!: AdminUnitLinkKind;

  @Field(() => String, { nullable: true, description: 'E.g. which villages went where.' })
  note!: string | null;
}
