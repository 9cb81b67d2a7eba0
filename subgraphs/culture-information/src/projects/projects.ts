import { defineBudgetModule, defineSupportModule } from '@gnbv/kit';
import { AdminUnitRef, HouseholdRef } from '../refs';

/*
 * Project 6 (communication and information poverty reduction) in the programme's shared shapes:
 * information-access supports to households (phones, TVs, radios, internet access: sub-project
 * 6.1, addressing deprivation indicators 11 and 12) and the project's budget lines.
 */

export const CULTURE_INFORMATION_PROJECTS = [6];

export const informationSupports = defineSupportModule({
  agency: 'culture-information',
  ownedProjects: CULTURE_INFORMATION_PROJECTS,
  HouseholdRef,
  AdminUnitRef,
  names: {
    supports: 'informationSupports',
    summary: 'informationSupportSummary',
    record: 'recordInformationSupport',
    step: 'advanceInformationSupport',
  },
});

export const cultureInformationBudget = defineBudgetModule({
  agency: 'culture-information',
  ownedProjects: CULTURE_INFORMATION_PROJECTS,
  AdminUnitRef,
  names: {
    lines: 'cultureInformationBudgetLines',
    totals: 'cultureInformationBudgetTotals',
    late: 'cultureInformationLateBudgetLines',
    save: 'saveCultureInformationBudgetLine',
    disburse: 'recordCultureInformationDisbursement',
  },
});
