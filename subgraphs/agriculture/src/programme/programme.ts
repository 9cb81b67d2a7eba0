import { defineBudgetModule, defineSupportModule, type SupportRecord } from '@gnbv/kit';
import { checkProductionProject } from '../production-project/production-project.initiative';
import { AdminUnitRef, HouseholdRef } from '../refs';

/*
 * Project 3 (production support and nutrition) in the programme's shared shapes: supports to
 * households, each optionally part of one of agriculture's production projects, and the budget
 * lines of the project with their disbursements.
 */

export const AGRICULTURE_PROJECTS = [3];

export const agricultureSupports = defineSupportModule({
  agency: 'agriculture',
  ownedProjects: AGRICULTURE_PROJECTS,
  HouseholdRef,
  AdminUnitRef,
  names: {
    supports: 'productionSupports',
    summary: 'productionSupportSummary',
    record: 'recordProductionSupport',
    step: 'advanceProductionSupport',
  },
  checkInitiative: checkProductionProject,
});

export const agricultureBudget = defineBudgetModule({
  agency: 'agriculture',
  ownedProjects: AGRICULTURE_PROJECTS,
  AdminUnitRef,
  names: {
    lines: 'agricultureBudgetLines',
    totals: 'agricultureBudgetTotals',
    late: 'agricultureLateBudgetLines',
    save: 'saveAgricultureBudgetLine',
    disburse: 'recordAgricultureDisbursement',
  },
});

export type Support = InstanceType<typeof agricultureSupports.Support>;

/** A `support` row as the module's Support type shows it, for supports read here (a production project's). */
export const asSupport = (r: SupportRecord): Support => agricultureSupports.toSupport(r);
