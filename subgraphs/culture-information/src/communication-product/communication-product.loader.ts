import type { DataSource } from 'typeorm';
import { manyByKey, scopeWhere, type Principal } from '@gnbv/kit';
import { CommunicationProduct } from './communication-product.entity';

/** Per-request loaders; they read only products of communes in the principal's scope, newest first. */
export function communicationProductLoaders(db: DataSource, principal: Principal) {
  const scope = scopeWhere(principal, 'p.commune_code', 'p.province_code');
  const productsWhere = (column: 'commune_code' | 'province_code', codes: readonly string[]) =>
    db
      .getRepository(CommunicationProduct)
      .createQueryBuilder('p')
      .where(`p.${column} IN (:...codes)`, { codes: [...codes] })
      .andWhere(scope.sql, scope.params)
      .orderBy('p.published_on', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  return {
    productsByCommune: manyByKey(
      (codes: readonly string[]) => productsWhere('commune_code', codes),
      (p) => p.communeCode,
    ),
    productsByProvince: manyByKey(
      (codes: readonly string[]) => productsWhere('province_code', codes),
      (p) => p.provinceCode,
    ),
  };
}
