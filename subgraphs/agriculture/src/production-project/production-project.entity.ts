import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HouseholdCategory, IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

/** The production and nutrition models Project 3 runs in communes. */
export enum ProductionModel {
  CATTLE_BREEDING = 'CATTLE_BREEDING',
  BUFFALO_BREEDING = 'BUFFALO_BREEDING',
  PIG_BREEDING = 'PIG_BREEDING',
  POULTRY = 'POULTRY',
  RICE_SEED = 'RICE_SEED',
  MAIZE = 'MAIZE',
  COFFEE = 'COFFEE',
  TEA = 'TEA',
  FRUIT_TREES = 'FRUIT_TREES',
  AQUACULTURE = 'AQUACULTURE',
  NUTRITION_CLUB = 'NUTRITION_CLUB',
}
registerEnumType(ProductionModel, {
  name: 'ProductionModel',
  description:
    'What a Project 3 production project does: breeding animals, crops and aquaculture (sub-project 1, production), or a nutrition club for children under 16 (sub-project 2).',
});

@ObjectType({
  description:
    'A Project 3 production project or model (dự án, mô hình hỗ trợ phát triển sản xuất) run in one commune, with the households taking part.',
})
@Entity({ name: 'production_project' })
export class ProductionProject {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Business key, unique nationally: capital letters, digits and "-", 3 to 40 characters.' })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => ProductionModel)
  @Column({ type: 'varchar', length: 32 })
  model!: ProductionModel;

  @Field({ description: 'The commune the project runs in.' })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Field({ description: "The commune's province." })
  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => Int, { description: 'Sub-project of Project 3: 1 production, 2 nutrition (follows from the model).' })
  @Column({ name: 'sub_project', type: 'smallint' })
  subProject!: number;

  @Field(() => Int, { description: 'The programme year whose budget pays for it.' })
  @Column({ name: 'program_year', type: 'smallint' })
  programYear!: number;

  @Field(() => IsoDateScalar)
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Field(() => VndScalar, { description: 'The budget of the project in đồng.' })
  @Column({ type: 'bigint', transformer: vndColumn })
  budget!: number;

  @Field({ description: 'The office that runs it, e.g. "Phòng Kinh tế xã Mường Phăng".' })
  @Column({ name: 'lead_office', type: 'text' })
  leadOffice!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: 'A household taking part in a production project.' })
@Entity({ name: 'production_project_participant' })
export class ProductionProjectParticipant {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'joined_on', type: 'date' })
  joinedOn!: string;

  @Field(() => IsoDateScalar, { nullable: true })
  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  /** The registry statement (its id) that showed the household eligible on joining. */
  @Column({ name: 'attestation_id', type: 'uuid', nullable: true })
  attestationId!: string | null;

  @Field(() => HouseholdCategory, {
    nullable: true,
    description: "The household's certified category on joining, as the registry stated it (personal data).",
  })
  @Column({ name: 'category_on_joining', type: 'varchar', length: 16, nullable: true })
  categoryOnJoining!: HouseholdCategory | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
