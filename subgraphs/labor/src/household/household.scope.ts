import type { EntityManager } from 'typeorm';
import type { Principal } from '@gnbv/platform';
import { notVisible, scopeWhere } from '@gnbv/kit';
import { Household } from './household.entity';

/**
 * The scope filter for households (alias `h`): a household records its commune and its
 * province (copies of today's unit, kept equal by a composite foreign key).
 */
export const householdScope = (principal: Principal) => scopeWhere(principal, 'h.commune_code', 'h.province_code');

/**
 * The household, if the principal may see it: a missing one and one outside the scope get the
 * same answer (`notVisible(what, argument)`). Read through a write's transaction, since the
 * request's loaders use another connection. With `lock`, the row is locked for the transaction
 * (FOR NO KEY UPDATE: writes to the household and its members queue on it, while other tables'
 * foreign keys to the household, such as new reviews, are not held up).
 */
export async function visibleHousehold(
  principal: Principal,
  m: EntityManager,
  id: string,
  argument: string,
  what = 'household',
  options: { lock?: boolean } = {},
): Promise<Household> {
  const scope = householdScope(principal);
  const query = m.getRepository(Household).createQueryBuilder('h').where('h.id = :id', { id }).andWhere(scope.sql, scope.params);
  if (options.lock) query.setLock('for_no_key_update');
  const household = await query.getOne();
  if (!household) throw notVisible(what, argument);
  return household;
}
