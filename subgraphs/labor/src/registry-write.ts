import type { EntityManager } from 'typeorm';
import { auditedWrite, type AuditedWrite } from '@gnbv/kit';
import type { LaborContext } from './context';

/*
 * How the registry writes: the kit's audited, idempotent, one-transaction write (`auditedWrite`),
 * under the registry's name. Each mutation runs in one transaction with its idempotency key (a
 * re-sent request returns the first result, nothing is written twice) and its audit record.
 */

export { givenFields, IDEMPOTENCY_KEY_DESCRIPTION, pastDate, refusedAs } from '@gnbv/kit';
export type RegistryWrite<T> = AuditedWrite<T>;

export const registryWrite = <T>(
  ctx: LaborContext,
  write: RegistryWrite<T>,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> => auditedWrite(ctx, write, work);
