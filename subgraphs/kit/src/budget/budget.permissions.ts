import { analyst, anyOf, can, officer, type PermissionTable } from '../permissions';
import type { BudgetModuleOptions } from './budget.options';

/** Who may read and write one agency's budget lines. */
export function budgetPermissions({ agency, names }: Pick<BudgetModuleOptions, 'agency' | 'names'>): PermissionTable {
  const reader = can(anyOf(officer(), analyst)); //           unit-level money, no household: analysts read it too
  const writer = can(officer(agency));
  return {
    BudgetLine: reader,
    Disbursement: reader,
    BudgetProjectTotal: reader,
    AdminUnit: { [names.lines]: reader, [names.totals]: reader },
    Query: { [names.late]: reader },
    Mutation: { [names.save]: writer, [names.disburse]: writer },
  };
}
