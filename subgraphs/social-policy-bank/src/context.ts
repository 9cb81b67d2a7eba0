import type { DataSource } from 'typeorm';
import type { Principal, SubgraphContext } from '@gnbv/kit';
import { loanLoaders } from './loan/loan.loader';
import { savingsGroupLoaders } from './savings-group/savings-group.loader';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return { ...loanLoaders(db, principal), ...savingsGroupLoaders(db, principal) };
}

export type BankContext = SubgraphContext<ReturnType<typeof createLoaders>>;
