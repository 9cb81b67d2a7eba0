import { defineBudgetModule, defineSupportModule } from '@gnbv/kit';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { Household } from '../household/household.entity';

/*
 * The projects labor runs itself, in the programme's shared shapes: supports to households
 * (2 livelihoods and start-up capital, 4 vocational training and jobs, 5 housing) and the budget
 * lines of those projects and of project 7 (capacity building, monitoring and evaluation).
 */

export const LABOR_SUPPORT_PROJECTS = [2, 4, 5];
export const LABOR_BUDGET_PROJECTS = [2, 4, 5, 7];

export const laborSupports = defineSupportModule({
  agency: 'labor',
  ownedProjects: LABOR_SUPPORT_PROJECTS,
  HouseholdRef: Household,
  AdminUnitRef: AdminUnit,
  names: { supports: 'laborSupports', summary: 'laborSupportSummary', record: 'recordLaborSupport', step: 'advanceLaborSupport' },
});

export const laborBudget = defineBudgetModule({
  agency: 'labor',
  ownedProjects: LABOR_BUDGET_PROJECTS,
  AdminUnitRef: AdminUnit,
  names: {
    lines: 'laborBudgetLines',
    totals: 'laborBudgetTotals',
    late: 'laborLateBudgetLines',
    save: 'saveLaborBudgetLine',
    disburse: 'recordLaborDisbursement',
  },
});
