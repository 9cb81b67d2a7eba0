import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { HouseholdCategory, IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum Area {
  RURAL = 'RURAL',
  URBAN = 'URBAN',
}
registerEnumType(Area, { name: 'Area', description: 'Rural and urban areas have different poverty lines.' });

/** Defined with the programme's vocabulary in the kit: other agencies record it with their supports. */
export { HouseholdCategory };

export enum HouseholdFlag {
  NO_WORKING_CAPACITY = 'NO_WORKING_CAPACITY',
  ETHNIC_MINORITY = 'ETHNIC_MINORITY',
  MERITORIOUS_FAMILY = 'MERITORIOUS_FAMILY',
}
registerEnumType(HouseholdFlag, { name: 'HouseholdFlag', description: 'The flags a review records on a household.' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A household in the poverty registry, owned by the labor subgraph.' })
@Entity({ name: 'household' })
export class Household {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Business key, unique within the commune.' })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  /** Today's commune: the code of `communeId`, copied so scope filters read an indexed column. */
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  /** Today's commune (the current version of the unit); the database fills it from `communeCode` when not given. */
  @Column({ name: 'commune_id', type: 'uuid' })
  communeId!: string;

  /** The province of today's commune. */
  @Column({ name: 'province_code', type: 'varchar', length: 5 })
  provinceCode!: string;

  /** The commune as recorded when the household was registered (a former unit after a reform). */
  @Column({ name: 'recorded_commune_id', type: 'uuid' })
  recordedCommuneId!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'When the household entered the registry.' })
  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;

  // Fields some readers may not see are nullable, so a refusal nulls the field, not the household.
  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  village!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  address!: string;

  @Field(() => Area)
  @Column({ type: 'varchar', length: 8 })
  area!: Area;

  @Field(() => HouseholdCategory)
  @Column({ type: 'varchar', length: 16 })
  category!: HouseholdCategory;

  @Field({ description: 'The household has no member able to work.' })
  @Column({ name: 'no_working_capacity', type: 'boolean', default: false })
  noWorkingCapacity!: boolean;

  @Field()
  @Column({ name: 'ethnic_minority', type: 'boolean', default: false })
  ethnicMinority!: boolean;

  @Field({ description: 'A family with meritorious service to the revolution.' })
  @Column({ name: 'meritorious_family', type: 'boolean', default: false })
  meritoriousFamily!: boolean;

  @Field(() => VndScalar, { nullable: true, description: 'Income per person per month at the latest review.' })
  @Column({ name: 'monthly_income_per_person', type: 'bigint', nullable: true, transformer: vndColumn })
  monthlyIncomePerPerson!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
