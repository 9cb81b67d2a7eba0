import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopedRows, type Principal } from '@gnbv/kit';
import { SavingsGroup } from './savings-group.entity';

/** Per-request loaders; they read only groups of communes in the principal's scope. */
export function savingsGroupLoaders(db: DataSource, principal: Principal) {
  const groups = () => scopedRows(db, SavingsGroup, 'g', principal);
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
