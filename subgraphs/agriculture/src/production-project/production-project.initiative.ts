import { type SupportKind } from '@gnbv/kit';
import { badInput } from '@gnbv/platform';
import type { EntityManager } from 'typeorm';
import { ProductionProject, ProductionProjectParticipant } from './production-project.entity';
import { initiativeRefusal } from './production-project.rules';

/**
 * The support module's `checkInitiative` for agriculture: a support recorded with an
 * `initiativeId` must belong to a production project of the household's commune, of the kind's
 * sub-project, in which the household takes part. Runs inside the support's write transaction.
 */
export async function checkProductionProject(
  m: EntityManager,
  initiativeId: string,
  support: { householdId: string; communeCode: string; kind: SupportKind; on: string },
): Promise<void> {
  const project = await m.getRepository(ProductionProject).findOneBy({ id: initiativeId });
  // A participant on the support's date: joined by then and not yet left.
  const participates =
    !!project &&
    (await m
      .getRepository(ProductionProjectParticipant)
      .createQueryBuilder('p')
      .where('p.project_id = :project AND p.household_id = :household', { project: project.id, household: support.householdId })
      .andWhere('p.joined_on <= :on AND (p.left_on IS NULL OR p.left_on > :on)', { on: support.on })
      .getExists());
  const refusal = initiativeRefusal(project, support, participates);
  if (refusal) throw badInput('input.initiativeId', refusal);
}
