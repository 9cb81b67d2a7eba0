import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar, VndScalar, vndColumn } from '@gnbv/kit';

export enum InformationSupportKind {
  TELEVISION = 'TELEVISION',
  RADIO = 'RADIO',
  SMARTPHONE = 'SMARTPHONE',
  INTERNET_SUBSCRIPTION = 'INTERNET_SUBSCRIPTION',
  DIGITAL_SKILLS_TRAINING = 'DIGITAL_SKILLS_TRAINING',
}
registerEnumType(InformationSupportKind, {
  name: 'InformationSupportKind',
  description: 'Project 6 help that targets deprivation indicators 11 (telecom use) and 12 (devices).',
});

@ObjectType({ description: 'Project 6 help given to a household to access information.' })
@Entity({ name: 'information_support' })
export class InformationSupport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Field({ description: 'Commune of the household when the help was given (as was).' })
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => InformationSupportKind)
  @Column({ type: 'varchar', length: 32 })
  kind!: InformationSupportKind;

  @Field(() => VndScalar)
  @Column({ type: 'bigint', transformer: vndColumn })
  value!: number;

  @Field(() => IsoDateScalar)
  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
