import { budgetPermissions } from './budget.permissions';
import type { BudgetModuleOptions } from './budget.options';
import { BudgetLineFieldsResolver, lateLinesResolver, unitBudgetResolver } from './budget.read';
import { budgetWriteResolver } from './budget.write';

/*
 * Budget lines and disbursements: one shape for every agency, for the projects it runs. A line is
 * one administrative unit (commune or province), year, project (and sub-project) and funding
 * source: planned, allocated, disbursed, and a disbursement deadline. A subgraph calls
 * `defineBudgetModule(...)` with the names its fields take in the composed graph. The types are
 * in budget.types.ts and budget.inputs.ts, the resolvers in budget.read.ts and budget.write.ts,
 * the rules in budget.permissions.ts.
 */

/** The GraphQL fields, mutations and permission rules of one agency's budget lines. */
export function defineBudgetModule(options: BudgetModuleOptions) {
  // Built in this order so the fields keep their order in the published SDL.
  const resolvers = [
    unitBudgetResolver(options),
    lateLinesResolver(options),
    budgetWriteResolver(options),
    BudgetLineFieldsResolver,
  ] as const;
  return { resolvers, permissions: budgetPermissions(options) };
}
