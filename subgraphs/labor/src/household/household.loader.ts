import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey } from '@gnbv/kit';
import { Member } from '../member/member.entity';
import { Household } from './household.entity';

export function householdLoaders(db: DataSource) {
  return {
    householdById: oneByKey(
      (ids: readonly string[]) => db.getRepository(Household).findBy({ id: In([...ids]) }),
      (h) => h.id,
    ),
    membersByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(Member).find({ where: { householdId: In([...ids]) }, order: { dateOfBirth: 'ASC', id: 'ASC' } }),
      (m) => m.householdId,
    ),
  };
}
