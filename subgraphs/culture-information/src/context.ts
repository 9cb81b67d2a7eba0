import type { DataSource } from 'typeorm';
import { budgetLoaders, supportLoaders, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { communicationProductLoaders } from './communication-product/communication-product.loader';
import { coverageLoaders } from './report/coverage';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    support: supportLoaders(db, principal),
    budget: budgetLoaders(db, principal),
    communication: communicationProductLoaders(db, principal),
    ...coverageLoaders(db, principal),
  };
}

export type CultureLoaders = ReturnType<typeof createLoaders>;
export type CultureContext = SubgraphContext<CultureLoaders>;
