import type { DataSource } from 'typeorm';
import { manyByKey, scopeWhere, type Principal } from '@gnbv/kit';
import { InformationSupport } from './information-support.entity';

/** Per-request loaders; they read only supports given in a commune of the principal's scope. */
export function informationSupportLoaders(db: DataSource, principal: Principal) {
  const scope = scopeWhere(principal, 's.commune_code', 's.province_code');
  return {
    supportsByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(InformationSupport)
          .createQueryBuilder('s')
          .where('s.household_id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .orderBy('s.delivered_on', 'ASC')
          .addOrderBy('s.id', 'ASC')
          .getMany(),
      (s) => s.householdId,
    ),
  };
}
