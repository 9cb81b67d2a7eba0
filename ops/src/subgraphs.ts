/**
 * @deprecated The agency list is `AGENCIES` in ./agencies. Kept while ops/src/seed and ops/src/demo
 * still import `SUBGRAPHS` from here; delete once they import ./agencies.
 */
export { AGENCIES as SUBGRAPHS } from './agencies';
export type { AgencyDefinition as SubgraphEntry } from '@gnbv/kit';
