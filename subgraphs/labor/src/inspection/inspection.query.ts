import type { DataSource } from 'typeorm';
import { assertUuid, pageWindow, toPage, type PageArgs, type PageWindow, isIsoDate } from '@gnbv/kit';
import { badInput, type Principal } from '@gnbv/platform';
import { FollowUpAction, Inspection, type FindingCategory } from './inspection.entity';
import { inspectionScope } from './inspection.scope';

export interface InspectionFilter {
  communeCode?: string;
  provinceCode?: string;
  /** Inspections still under way on or after this day (ended on or after it). */
  from?: string;
  /** Inspections begun on or before this day. */
  to?: string;
  /** Inspections with at least one finding of this category. */
  category?: FindingCategory;
}

/** A page window whose cursor is a (date, id) key, checked so a forged cursor never reaches SQL. */
function dateKeyWindow(page: PageArgs): PageWindow {
  const window = pageWindow(page, 2);
  if (!window.after) return window;
  try {
    if (!isIsoDate(window.after[0])) throw new RangeError('not a date');
    assertUuid('after', window.after[1] as string);
  } catch {
    throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
  }
  return window;
}

const IN_PROVINCE = 'i.province_code = :province';

/**
 * A keyset-paginated page of the inspections in the principal's scope that match the filter,
 * newest first (by start date, then id), with the total across pages.
 */
export async function findInspectionPage(db: DataSource, principal: Principal, filter: InspectionFilter, page: PageArgs) {
  const window = dateKeyWindow(page);
  const scope = inspectionScope(principal);
  const base = db.getRepository(Inspection).createQueryBuilder('i').where(scope.sql, scope.params);
  if (filter.communeCode) base.andWhere('i.commune_code = :commune', { commune: filter.communeCode });
  if (filter.provinceCode) base.andWhere(IN_PROVINCE, { province: filter.provinceCode });
  if (filter.from) base.andWhere('i.ended_on >= :from', { from: filter.from });
  if (filter.to) base.andWhere('i.started_on <= :to', { to: filter.to });
  if (filter.category) {
    base.andWhere('EXISTS (SELECT 1 FROM inspection_finding f WHERE f.inspection_id = i.id AND f.category = :category)', {
      category: filter.category,
    });
  }
  const totalCount = await base.clone().getCount();
  const rows = base
    .clone()
    .orderBy('i.started_on', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .limit(window.limit + 1);
  if (window.after)
    rows.andWhere('(i.started_on, i.id) < (:afterDate, :afterId)', { afterDate: window.after[0], afterId: window.after[1] });
  return toPage(await rows.getMany(), window, (i) => [i.startedOn, i.id], totalCount);
}

/**
 * Open and in-progress actions due before `today`, of inspections in the principal's scope
 * (optionally of one province), earliest due first.
 */
export async function findOverdueActionPage(
  db: DataSource,
  principal: Principal,
  filter: { provinceCode?: string; today: string },
  page: PageArgs,
) {
  const window = dateKeyWindow(page);
  const scope = inspectionScope(principal);
  const base = db
    .getRepository(FollowUpAction)
    .createQueryBuilder('a')
    .innerJoin('inspection_finding', 'f', 'f.id = a.finding_id')
    .innerJoin('inspection', 'i', 'i.id = f.inspection_id')
    .where(`a.status IN ('OPEN', 'IN_PROGRESS') AND a.due_on < :today`, { today: filter.today })
    .andWhere(scope.sql, scope.params);
  if (filter.provinceCode) base.andWhere(IN_PROVINCE, { province: filter.provinceCode });
  const totalCount = await base.clone().getCount();
  const rows = base
    .clone()
    .orderBy('a.due_on', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .limit(window.limit + 1);
  if (window.after)
    rows.andWhere('(a.due_on, a.id) > (:afterDate, :afterId)', { afterDate: window.after[0], afterId: window.after[1] });
  return toPage(await rows.getMany(), window, (a) => [a.dueOn, a.id], totalCount);
}
