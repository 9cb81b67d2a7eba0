import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum SupportSubProject {
  PRODUCTION = 'PRODUCTION',
  NUTRITION = 'NUTRITION',
}
registerEnumType(SupportSubProject, {
  name: 'SupportSubProject',
  description: 'Project 3 sub-project 1 (agricultural production) or 2 (nutrition, children under 16).',
});

export enum ProductionSupportKind {
  SEEDS = 'SEEDS',
  BREEDING_ANIMALS = 'BREEDING_ANIMALS',
  INPUTS = 'INPUTS',
  TRAINING = 'TRAINING',
  PRODUCTION_MODEL = 'PRODUCTION_MODEL',
  NUTRITION_PACKAGE = 'NUTRITION_PACKAGE',
}
registerEnumType(ProductionSupportKind, { name: 'ProductionSupportKind' });

@ObjectType({ description: 'Support delivered to a household under Project 3 (production and nutrition).' })
@Entity({ name: 'production_support' })
export class ProductionSupport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field({ description: 'Commune of the household when the support was delivered (as was).' })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => SupportSubProject)
  @Column({ name: 'sub_project', type: 'varchar', length: 16 })
  subProject!: SupportSubProject;

  @Field(() => ProductionSupportKind)
  @Column({ type: 'varchar', length: 24 })
  kind!: ProductionSupportKind;

  @Field()
  @Column({ type: 'text' })
  description!: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity!: number;

  @Field({ description: 'Unit of the quantity: head (con), kg, course, package...' })
  @Column({ type: 'text' })
  unit!: string;

  @Field(() => VndScalar, { description: 'Value of the support in đồng.' })
  @Column({ type: 'bigint', transformer: vndColumn })
  value!: number;

  @Field(() => IsoDateScalar)
  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn!: string;

  @Field(() => Int, { description: 'Program year the support is budgeted under.' })
  @Column({ name: 'program_year', type: 'integer' })
  programYear!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: 'Project 3 outputs in an administrative unit.' })
export class ProductionSupportSummary {
  @Field(() => Int)
  supportCount!: number;

  @Field(() => Int)
  householdsSupported!: number;

  @Field(() => VndScalar)
  totalValue!: number;
}
