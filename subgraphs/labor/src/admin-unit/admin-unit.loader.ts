import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey } from '@gnbv/kit';
import { AdminUnit } from './admin-unit.entity';

export function adminUnitLoaders(db: DataSource) {
  const units = db.getRepository(AdminUnit);
  return {
    adminUnitByCode: oneByKey(
      (codes: readonly string[]) => units.findBy({ code: In([...codes]) }),
      (u) => u.code,
    ),
    adminUnitsByParent: manyByKey(
      (codes: readonly string[]) => units.find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
      (u) => u.parentCode as string,
    ),
  };
}
