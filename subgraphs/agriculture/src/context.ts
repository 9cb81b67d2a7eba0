import type { DataSource } from 'typeorm';
import { budgetLoaders, supportLoaders, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { productionProjectLoaders } from './production-project/production-project.loader';
import { coverageLoaders } from './report/coverage';

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    support: supportLoaders(db, principal),
    budget: budgetLoaders(db, principal),
    projects: productionProjectLoaders(db, principal),
    ...coverageLoaders(db, principal),
  };
}

export type AgricultureLoaders = ReturnType<typeof createLoaders>;
export type AgricultureContext = SubgraphContext<AgricultureLoaders>;
