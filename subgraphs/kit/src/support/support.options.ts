import type { EntityManager } from 'typeorm';
import type { Agency } from '@gnbv/platform';
import type { SupportKind } from '../program/catalogue';
import type { AdminUnitRef, HouseholdRef } from '../refs';
import type { SubgraphContext } from '../subgraph';
import type { SupportLoaders } from './support.loaders';

/** What a support module needs of the request context: the kit's context and its loaders. */
export type SupportContext = SubgraphContext<{ support: SupportLoaders }>;

export interface SupportModuleOptions {
  agency: Agency;
  /** Projects (1-7) this agency runs: it records only their kinds of support. */
  ownedProjects: readonly number[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- type-graphql stub classes
  HouseholdRef: new (...args: any[]) => HouseholdRef;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  AdminUnitRef: new (...args: any[]) => AdminUnitRef;
  /** Names in the composed graph, unique to this agency, e.g. `productionSupports`. */
  names: {
    /** `Household.<name>` and `AdminUnit.<name>`: the supports. */
    supports: string;
    /** `AdminUnit.<name>(programYear)`: totals by kind. */
    summary: string;
    /** The mutations. */
    record: string;
    step: string;
  };
  /**
   * Checks an `initiativeId` against the agency's own records (inside the write's transaction),
   * throwing a coded error when it does not fit. Without it, initiativeId is refused.
   */
  checkInitiative?: (
    m: EntityManager,
    initiativeId: string,
    support: { householdId: string; communeCode: string; kind: SupportKind; on: string },
  ) => Promise<void>;
}
