import type { Agency } from '@gnbv/platform';
import type { AdminUnitRef } from '../refs';

/** What an agency tells `defineBudgetModule`: who it is, its projects and its field names. */
export interface BudgetModuleOptions {
  agency: Agency;
  ownedProjects: readonly number[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- type-graphql stub class
  AdminUnitRef: new (...args: any[]) => AdminUnitRef;
  /** Names in the composed graph, unique to this agency. */
  names: { lines: string; totals: string; late: string; save: string; disburse: string };
}
