import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import type { AdminUnitLoaders } from '../admin-unit/admin-unit.loader';
import { FollowUpAction, FollowUpActionEvent, Inspection, InspectionFinding, InspectionTeamMember } from './inspection.entity';
import { inspectionScope } from './inspection.scope';

/**
 * Per-request loaders of inspections. An inspection loads only when it is in the principal's
 * scope; its team, findings and actions are reached through it (or through the scoped overdue list).
 */
export function inspectionLoaders(db: DataSource, principal: Principal) {
  const scope = inspectionScope(principal);
  return {
    /** An inspection by id, only when it is in the principal's scope (null otherwise, as if missing). */
    inspectionById: oneByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(Inspection)
          .createQueryBuilder('i')
          .where('i.id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .getMany(),
      (i) => i.id,
    ),
    teamByInspection: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(InspectionTeamMember).find({ where: { inspectionId: In([...ids]) }, order: { position: 'ASC' } }),
      (t) => t.inspectionId,
    ),
    findingsByInspection: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(InspectionFinding)
          .find({ where: { inspectionId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      (f) => f.inspectionId,
    ),
    findingById: oneByKey(
      (ids: readonly string[]) => db.getRepository(InspectionFinding).findBy({ id: In([...ids]) }),
      (f) => f.id,
    ),
    actionsByFinding: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(FollowUpAction)
          .find({ where: { findingId: In([...ids]) }, order: { dueOn: 'ASC', createdAt: 'ASC', id: 'ASC' } }),
      (a) => a.findingId,
    ),
    eventsByAction: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(FollowUpActionEvent).find({ where: { actionId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (e) => e.actionId,
    ),
  };
}

export type InspectionLoaders = ReturnType<typeof inspectionLoaders>;
/** What inspections need of a request: their loaders and those of the units inspected. */
export type InspectionContext = SubgraphContext<InspectionLoaders & AdminUnitLoaders>;
