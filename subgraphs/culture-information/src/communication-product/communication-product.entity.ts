import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsoDateScalar } from '@gnbv/kit';

export enum CommunicationProductKind {
  BROADCAST = 'BROADCAST',
  STAGED_PERFORMANCE = 'STAGED_PERFORMANCE',
  LEAFLET = 'LEAFLET',
  PUBLIC_INFORMATION_POINT = 'PUBLIC_INFORMATION_POINT',
}
registerEnumType(CommunicationProductKind, { name: 'CommunicationProductKind' });

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

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field(() => IsoDateScalar)
  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Field(() => Int, { description: 'People reached, as reported by the commune.' })
  @Column({ name: 'audience_reach', type: 'integer' })
  audienceReach!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
