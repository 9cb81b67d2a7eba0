import type DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { manyByKey, oneByKey, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import type { AdminUnitLoaders } from '../admin-unit/admin-unit.loader';
import { householdCountsByUnit, type HouseholdCounts } from './household.counts';
import { Household } from './household.entity';
import { householdScope } from './household.scope';
import { Member } from './member.entity';

export function householdLoaders(db: DataSource, principal: Principal) {
  const scope = householdScope(principal);
  const countsByYear = new Map<number | null, DataLoader<string, (HouseholdCounts & { code: string }) | null>>();
  return {
    /** Counts per unit for one year (null: current categories), batched across units. */
    householdCounts: (code: string, year: number | null) => {
      let loader = countsByYear.get(year);
      if (!loader) {
        loader = oneByKey(
          (codes: readonly string[]) => householdCountsByUnit(db, principal, codes, year),
          (c) => c.code,
        );
        countsByYear.set(year, loader);
      }
      return loader.load(code);
    },
    /** A household by id, only when it is in the principal's scope (null otherwise, as if missing). */
    householdById: oneByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(Household)
          .createQueryBuilder('h')
          .where('h.id IN (:...ids)', { ids: [...ids] })
          .andWhere(scope.sql, scope.params)
          .getMany(),
      (h) => h.id,
    ),
    /** Every member, those who left too, oldest first: one statement for `members`, `members(includeLeft)` and `head`. */
    membersByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db.getRepository(Member).find({ where: { householdId: In([...ids]) }, order: { dateOfBirth: 'ASC', id: 'ASC' } }),
      (m) => m.householdId,
    ),
  };
}

export type HouseholdLoaders = ReturnType<typeof householdLoaders>;
/** What the household aggregate needs of a request: its loaders and those of the units it lives in. */
export type HouseholdContext = SubgraphContext<HouseholdLoaders & AdminUnitLoaders>;
