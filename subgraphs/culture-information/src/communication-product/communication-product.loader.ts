import type { DataSource } from 'typeorm';
import { manyByKey, scopedRows, type Principal } from '@gnbv/kit';
import { CommunicationProduct } from './communication-product.entity';

/** Per-request loaders; they read only products of communes in the principal's scope, newest first. */
export function communicationProductLoaders(db: DataSource, principal: Principal) {
  const productsWhere = (column: 'commune_code' | 'province_code', codes: readonly string[]) =>
    scopedRows(db, CommunicationProduct, 'p', principal)
      .andWhere(`p.${column} IN (:...codes)`, { codes: [...codes] })
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
