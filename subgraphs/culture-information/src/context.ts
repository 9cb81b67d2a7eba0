import type { DataSource } from 'typeorm';
import type { Principal, SubgraphContext } from '@gnbv/kit';
import { communicationProductLoaders } from './communication-product/communication-product.loader';
import { informationSupportLoaders } from './information-support/information-support.loader';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return { ...informationSupportLoaders(db, principal), ...communicationProductLoaders(db, principal) };
}

export type CultureContext = SubgraphContext<ReturnType<typeof createLoaders>>;
