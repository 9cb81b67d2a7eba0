import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum EntrustingOrganisation {
  WOMENS_UNION = 'WOMENS_UNION',
  FARMERS_UNION = 'FARMERS_UNION',
  VETERANS_ASSOCIATION = 'VETERANS_ASSOCIATION',
  YOUTH_UNION = 'YOUTH_UNION',
}
registerEnumType(EntrustingOrganisation, {
  name: 'EntrustingOrganisation',
  description: 'The mass organisation VBSP entrusts lending to.',
});

@ObjectType({ description: 'A savings-and-loan group (Tổ tiết kiệm và vay vốn) that approves borrowers.' })
@Entity({ name: 'savings_group' })
export class SavingsGroup {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field()
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field(() => EntrustingOrganisation)
  @Column({ name: 'entrusted_to', type: 'varchar', length: 32 })
  entrustedTo!: EntrustingOrganisation;
}
