import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    "A commune's VBSP transaction point (điểm giao dịch xã): where the bank meets borrowers on a fixed day each month.",
})
@Entity({ name: 'transaction_point' })
export class TransactionPoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: "Where it meets, e.g. the commune People's Committee hall." })
  @Column({ type: 'text' })
  place!: string;

  @Field(() => Int, { description: 'Day of the month it meets (the last day of a shorter month).' })
  @Column({ name: 'meeting_day', type: 'smallint' })
  meetingDay!: number;
}
