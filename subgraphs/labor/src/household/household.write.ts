import type { EntityManager } from 'typeorm';
import type { LaborContext } from '../context';
import { registryWrite, type RegistryWrite } from '../registry-write';

/** A write to a household or its members: what `registryWrite` needs, with the household it concerns. */
export type HouseholdWrite<T> = Omit<RegistryWrite<T>, 'subjectOf'> & { householdOf: (result: T) => string };

/**
 * Runs a write to a household's registry data (see `registryWrite`), filed in the audit trail
 * under the household, the data subject of its members' personal data too. Then the request's
 * loaders forget what they read of that household, so fields resolved after the write (or a
 * later mutation of the same request) see it.
 */
export async function householdWrite<T>(
  ctx: LaborContext,
  write: HouseholdWrite<T>,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const { householdOf, ...rest } = write;
  const result = await registryWrite(ctx, { ...rest, subjectOf: (r) => ({ type: 'Household', id: householdOf(r) }) }, work);
  const id = householdOf(result);
  ctx.loaders.householdById.clear(id);
  ctx.loaders.membersByHousehold.clear(id);
  return result;
}
