import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum CommunicationProductKind {
  BROADCAST = 'BROADCAST',
  STAGED_PERFORMANCE = 'STAGED_PERFORMANCE',
  LEAFLET = 'LEAFLET',
  PUBLIC_INFORMATION_POINT = 'PUBLIC_INFORMATION_POINT',
}
registerEnumType(CommunicationProductKind, {
  name: 'CommunicationProductKind',
  description:
    'Broadcasts, staged performances and leaflets are communication on poverty reduction; public information points are information access.',
});

@ObjectType({ description: 'A Project 6 communication product (broadcast, performance, leaflet...) in a commune.' })
@Entity({ name: 'communication_product' })
export class CommunicationProduct {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => CommunicationProductKind)
  @Column({ type: 'varchar', length: 32 })
  kind!: CommunicationProductKind;

  @Field(() => Int, { description: 'Sub-project of Project 6 (Decision 90/QĐ-TTg), from the kind.' })
  @Column({ name: 'sub_project', type: 'smallint' })
  subProject!: number;

  @Field(() => Int, { description: 'The programme year whose budget paid for it.' })
  @Column({ name: 'program_year', type: 'smallint' })
  programYear!: number;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Field(() => Int, { description: 'People reached, as reported by the commune.' })
  @Column({ name: 'audience_reach', type: 'integer' })
  audienceReach!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Households reached, as reported; null when not reported (products recorded before it was asked).',
  })
  @Column({ name: 'households_reached', type: 'integer', nullable: true })
  householdsReached!: number | null;

  @Field({ description: 'The office that produced it, e.g. "Phòng Văn hóa - Xã hội xã Mường Phăng".' })
  @Column({ name: 'producing_office', type: 'text' })
  producingOffice!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
