import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '@gnbv/kit';
import { productionSupportLoaders } from './production-support/production-support.loader';

/** Fresh DataLoaders for one request. */
export function createLoaders(db: DataSource) {
  return { ...productionSupportLoaders(db) };
}

export type AgricultureContext = SubgraphContext<ReturnType<typeof createLoaders>>;
