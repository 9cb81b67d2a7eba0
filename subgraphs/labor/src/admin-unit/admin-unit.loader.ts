import { In, IsNull, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type SubgraphContext } from '@gnbv/kit';
import { AdminUnit, AdminUnitLinkRow } from './admin-unit.entity';

/** Per-request loaders of administrative units: by code (the current version), by version id, and their history. */
export function adminUnitLoaders(db: DataSource) {
  const units = db.getRepository(AdminUnit);
  const links = db.getRepository(AdminUnitLinkRow);
  return {
    /** The unit current today with this code. */
    adminUnitByCode: oneByKey(
      (codes: readonly string[]) => units.findBy({ code: In([...codes]), validTo: IsNull() }),
      (u) => u.code,
    ),
    adminUnitById: oneByKey(
      (ids: readonly string[]) => units.findBy({ id: In([...ids]) }),
      (u) => u.id,
    ),
    /** Every version of every child of a unit version, by code then date: the resolver picks the date. */
    adminUnitChildren: manyByKey(
      (ids: readonly string[]) => units.find({ where: { parentId: In([...ids]) }, order: { code: 'ASC', validFrom: 'ASC' } }),
      (u) => u.parentId as string,
    ),
    /** Every version of a code, oldest first. */
    adminUnitVersions: manyByKey(
      (codes: readonly string[]) => units.find({ where: { code: In([...codes]) }, order: { validFrom: 'ASC' } }),
      (u) => u.code,
    ),
    adminUnitPredecessors: manyByKey(
      (ids: readonly string[]) => links.findBy({ successorId: In([...ids]) }),
      (l) => l.successorId,
    ),
    adminUnitSuccessors: manyByKey(
      (ids: readonly string[]) => links.findBy({ predecessorId: In([...ids]) }),
      (l) => l.predecessorId,
    ),
  };
}

/** Whether a unit version is in force on an ISO date. */
export const validOn = (unit: Pick<AdminUnit, 'validFrom' | 'validTo'>, date: string) =>
  unit.validFrom <= date && (unit.validTo === null || date < unit.validTo);

export type AdminUnitLoaders = ReturnType<typeof adminUnitLoaders>;
/** What administrative units need of a request: their own loaders. */
export type AdminUnitContext = SubgraphContext<AdminUnitLoaders>;
