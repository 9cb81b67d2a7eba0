import type { DataSource } from 'typeorm';
import type { Principal, SubgraphContext } from '@gnbv/kit';
import { productionSupportLoaders } from './production-support/production-support.loader';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return { ...productionSupportLoaders(db, principal) };
}

export type AgricultureContext = SubgraphContext<ReturnType<typeof createLoaders>>;
