import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopedRows, scopeWhere, SupportRecord } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { ProductionProject, ProductionProjectParticipant } from './production-project.entity';

/** A participant row read with its (in-scope) project. */
export type ParticipantWithProject = ProductionProjectParticipant & { project: ProductionProject };

/**
 * Per-request loaders of production projects, each one SQL statement per batch and each reading
 * only projects in the principal's scope (a project's participants and supports are reached
 * through an in-scope project).
 */
export function productionProjectLoaders(db: DataSource, principal: Principal) {
  const projects = () => scopedRows(db, ProductionProject, 'p', principal);
  return {
    byId: oneByKey(
      (ids: readonly string[]) =>
        projects()
          .andWhere('p.id IN (:...ids)', { ids: [...ids] })
          .getMany(),
      (p) => p.id,
    ),
    /** Key `code|programYear` (year may be empty): a commune's projects, or a province's, by start date. */
    byUnit: manyByKey(
      async (keys: readonly string[]) => {
        const byYear = new Map<string, string[]>();
        for (const k of keys) {
          const [code, year] = k.split('|') as [string, string];
          byYear.set(year, [...(byYear.get(year) ?? []), code]);
        }
        const found: Array<{ key: string; project: ProductionProject }> = [];
        for (const [year, codes] of byYear) {
          const rows = projects().andWhere('(p.commune_code IN (:...codes) OR p.province_code IN (:...codes))', { codes });
          if (year) rows.andWhere('p.program_year = :year', { year: Number(year) });
          for (const project of await rows.orderBy({ 'p.starts_on': 'ASC', 'p.code': 'ASC' }).getMany())
            for (const code of codes)
              if (code === project.communeCode || code === project.provinceCode) found.push({ key: `${code}|${year}`, project });
        }
        return found;
      },
      (r) => r.key,
    ),
    /** The in-scope projects each household takes part in, each with the household's participation. */
    byHousehold: manyByKey(
      async (ids: readonly string[]) => {
        const scope = scopeWhere(principal, 'p.commune_code', 'p.province_code');
        return (await db
          .getRepository(ProductionProjectParticipant)
          .createQueryBuilder('pp')
          .innerJoinAndMapOne('pp.project', ProductionProject, 'p', 'p.id = pp.project_id')
          .where('pp.household_id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .orderBy({ 'p.starts_on': 'ASC', 'p.code': 'ASC' })
          .getMany()) as ParticipantWithProject[];
      },
      (r) => r.householdId,
    ),
    participantsByProject: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(ProductionProjectParticipant)
          .createQueryBuilder('pp')
          .where('pp.project_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 'pp.joined_on': 'ASC', 'pp.household_id': 'ASC' })
          .getMany(),
      (r) => r.projectId,
    ),
    /** Households taking part in each project (a project with none loads as null). */
    participantCountByProject: oneByKey(
      (ids: readonly string[]): Promise<Array<{ project_id: string; n: number }>> =>
        db.query(
          `SELECT project_id, count(*)::int AS n FROM production_project_participant
           WHERE project_id = ANY($1::uuid[]) GROUP BY project_id`,
          [[...ids]],
        ),
      (r) => r.project_id,
    ),
    /** The in-scope supports recorded as part of each project, oldest first. */
    supportsByProject: manyByKey(
      (ids: readonly string[]) =>
        scopedRows(db, SupportRecord, 's', principal)
          .andWhere('s.initiative_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 's.planned_on': 'ASC', 's.id': 'ASC' })
          .getMany(),
      (s) => s.initiativeId!,
    ),
  };
}

export type ProductionProjectLoaders = ReturnType<typeof productionProjectLoaders>;
