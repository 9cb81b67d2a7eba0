import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopeWhere, type Principal } from '@gnbv/kit';
import { SavingsGroup } from './savings-group.entity';

/** Per-request loaders; they read only groups of communes in the principal's scope. */
export function savingsGroupLoaders(db: DataSource, principal: Principal) {
  const scope = scopeWhere(principal, 'g.commune_code', 'g.province_code');
  const groups = () => db.getRepository(SavingsGroup).createQueryBuilder('g').where(scope.sql, scope.params);
  return {
    /** A group by id; null when missing or outside the scope alike. */
    savingsGroupById: oneByKey(
      (ids: readonly string[]) =>
        groups()
          .andWhere('g.id IN (:...ids)', { ids: [...ids] })
          .getMany(),
      (g) => g.id,
    ),
    savingsGroupsByCommune: manyByKey(
      (codes: readonly string[]) =>
        groups()
          .andWhere('g.commune_code IN (:...codes)', { codes: [...codes] })
          .orderBy('g.code', 'ASC')
          .getMany(),
      (g) => g.communeCode,
    ),
  };
}
