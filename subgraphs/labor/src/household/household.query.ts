import type { DataSource } from 'typeorm';
import { pageWindow, toPage, type PageArgs, type Principal } from '@gnbv/kit';
import { Household, type HouseholdCategory } from './household.entity';
import { householdScope } from './household.scope';

export interface HouseholdFilter {
  communeCode?: string;
  provinceCode?: string;
  category?: HouseholdCategory;
}

/**
 * A keyset-paginated page of the households in the principal's scope that match the filter,
 * ordered by (code, id), with the total across pages.
 */
export async function findHouseholdPage(db: DataSource, principal: Principal, filter: HouseholdFilter, page: PageArgs) {
  const window = pageWindow(page, 2);
  const scope = householdScope(principal);
  const base = db.getRepository(Household).createQueryBuilder('h').where(scope.sql, scope.params);
  if (filter.communeCode) base.andWhere('h.commune_code = :commune', { commune: filter.communeCode });
  if (filter.provinceCode) {
    base.andWhere('h.commune_code IN (SELECT code FROM admin_unit WHERE parent_code = :province)', {
      province: filter.provinceCode,
    });
  }
  if (filter.category) base.andWhere('h.category = :category', { category: filter.category });
  const totalCount = await base.clone().getCount();
  const rowsQuery = base
    .clone()
    .orderBy('h.code', 'ASC')
    .addOrderBy('h.id', 'ASC')
    .limit(window.limit + 1);
  if (window.after) {
    rowsQuery.andWhere('(h.code, h.id) > (:afterCode, :afterId)', { afterCode: window.after[0], afterId: window.after[1] });
  }
  return toPage(await rowsQuery.getMany(), window, (h) => [h.code, h.id], totalCount);
}
