import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type Principal } from '@gnbv/kit';
import { Member } from '../member/member.entity';
import { Household } from './household.entity';
import { householdScope } from './household.scope';

export function householdLoaders(db: DataSource, principal: Principal) {
  const scope = householdScope(principal);
  return {
    /** A household by id, only when it is in the principal's scope (null otherwise, as if missing). */
    householdById: oneByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(Household)
          .createQueryBuilder('h')
          .where('h.id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .getMany(),
      (h) => h.id,
    ),
    membersByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(Member).find({ where: { householdId: In([...ids]) }, order: { dateOfBirth: 'ASC', id: 'ASC' } }),
      (m) => m.householdId,
    ),
  };
}
