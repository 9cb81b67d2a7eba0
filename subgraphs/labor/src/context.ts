import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '@gnbv/kit';
import { adminUnitLoaders } from './admin-unit/admin-unit.loader';
import { householdLoaders } from './household/household.loader';

/** Fresh DataLoaders for one request. */
export function createLoaders(db: DataSource) {
  return { ...adminUnitLoaders(db), ...householdLoaders(db) };
}

export type LaborLoaders = ReturnType<typeof createLoaders>;
export type LaborContext = SubgraphContext<LaborLoaders>;
