import { In, type DataSource } from 'typeorm';
import { manyByKey, type SubgraphContext } from '@gnbv/kit';
import { CommunicationProduct } from './communication-product/communication-product.entity';
import { InformationSupport } from './information-support/information-support.entity';

/** Fresh DataLoaders for one request. */
export function createLoaders(db: DataSource) {
  return {
    supportsByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(InformationSupport)
          .find({ where: { householdId: In([...ids]) }, order: { deliveredOn: 'ASC', id: 'ASC' } }),
      (s) => s.householdId,
    ),
    productsByCommune: manyByKey(
      (codes: readonly string[]) =>
        db
          .getRepository(CommunicationProduct)
          .find({ where: { communeCode: In([...codes]) }, order: { publishedOn: 'DESC', id: 'ASC' } }),
      (p) => p.communeCode,
    ),
    productsByProvince: manyByKey(
      (codes: readonly string[]) =>
        db
          .getRepository(CommunicationProduct)
          .find({ where: { provinceCode: In([...codes]) }, order: { publishedOn: 'DESC', id: 'ASC' } }),
      (p) => p.provinceCode,
    ),
  };
}

export type CultureContext = SubgraphContext<ReturnType<typeof createLoaders>>;
