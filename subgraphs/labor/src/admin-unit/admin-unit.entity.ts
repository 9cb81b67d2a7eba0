import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AdminLevel {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
}
registerEnumType(AdminLevel, {
  name: 'AdminLevel',
  description: 'Tier of an administrative unit. Since 1 July 2025 there are two: province and commune.',
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A province or a commune (ward, special zone), owned by the labor registry.' })
@Entity({ name: 'admin_unit' })
export class AdminUnit {
  @Field({ description: 'Statistical code: 2 digits for a province, 5 for a commune.' })
  @PrimaryColumn({ type: 'varchar', length: 5 })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => AdminLevel)
  @Column({ type: 'varchar', length: 16 })
  level!: AdminLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 5, nullable: true })
  parentCode!: string | null;
}
