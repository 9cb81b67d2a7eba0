import type { SupportModuleOptions } from './support.options';
import { supportPermissions } from './support.permissions';
import { supportReadResolvers } from './support.read';
import { recordSupportResolver } from './support.record';
import { stepSupportResolver } from './support.step';
import { supportOf, supportTypes } from './support.types';

/*
 * Support delivered to households: one shape for every agency. A subgraph calls
 * `defineSupportModule(...)` with its entity stubs, the projects it runs and the names its
 * fields take in the composed graph, and gets the GraphQL types, resolvers and permission rules.
 * Rows live in the agency's own `support` table (`programTablesMigration`). The types are in
 * support.types.ts and support.inputs.ts, the resolvers in support.read.ts, support.record.ts and
 * support.step.ts, the rules in support.rules.ts and support.permissions.ts.
 */

/** The GraphQL shape, resolvers and permission rules of one agency's supports. */
export function defineSupportModule(options: SupportModuleOptions) {
  // Built in this order so types and fields keep their order in the published SDL.
  const types = supportTypes(options.HouseholdRef);
  const toSupport = supportOf(options.agency);
  const resolvers = [
    ...supportReadResolvers(options, types, toSupport),
    recordSupportResolver(options, types, toSupport),
    stepSupportResolver(options, types, toSupport),
  ] as const;
  return {
    ...types,
    /** A `support` row as this module's Support type shows it (for supports an agency reads itself). */
    toSupport,
    resolvers,
    permissions: supportPermissions(options),
  };
}
