import type { EntityManager } from 'typeorm';
import { auditedWrite, type AuditedWrite } from '@gnbv/kit';
import type { HouseholdContext } from './household.loader';

/** A write to a household or its members: what the kit's `auditedWrite` needs, with the household it concerns. */
export type HouseholdWrite<T> = Omit<AuditedWrite<T>, 'subjectOf'> & { householdOf: (result: T) => string };

/**
 * Runs a write to a household's registry data (see the kit's `auditedWrite`), filed in the audit trail
 * under the household, the data subject of its members' personal data too. Then the request's
 * loaders forget what they read of that household, so fields resolved after the write (or a
 * later mutation of the same request) see it.
 */
export async function householdWrite<T>(
  ctx: HouseholdContext,
  write: HouseholdWrite<T>,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const { householdOf, ...rest } = write;
  const result = await auditedWrite(ctx, { ...rest, subjectOf: (r) => ({ type: 'Household', id: householdOf(r) }) }, work);
  const id = householdOf(result);
  ctx.loaders.householdById.clear(id);
  ctx.loaders.membersByHousehold.clear(id);
  return result;
}
