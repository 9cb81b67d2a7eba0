import { allow, analyst, anyOf, can, officer, PERSONAL_PURPOSES, personal, purpose, type PermissionTable } from '../permissions';
import type { SupportModuleOptions } from './support.options';
import type { Support } from './support.types';

/** Who may read and write one agency's supports; the household's category on delivery is personal data. */
export function supportPermissions({ agency, names }: Pick<SupportModuleOptions, 'agency' | 'names'>): PermissionTable {
  const anyOfficer = officer();
  const writer = can(officer(agency), purpose('support-delivery'));
  const ofSupport = (s: Support) => ({ type: 'Household', id: s.household.id });
  return {
    Support: {
      '*': can(anyOfficer),
      categoryOnDelivery: personal(ofSupport, anyOfficer, purpose(...PERSONAL_PURPOSES)),
      reachedDeprivation: personal(ofSupport, anyOfficer, purpose(...PERSONAL_PURPOSES)),
    },
    SupportConnection: allow, //                             reached only through a field checked here
    SupportSummary: can(anyOf(anyOfficer, analyst)), //      totals: the steering committee's analysts read them too
    Household: { [names.supports]: can(anyOfficer) },
    AdminUnit: { [names.supports]: can(anyOfficer), [names.summary]: can(anyOf(anyOfficer, analyst)) },
    Mutation: { [names.record]: writer, [names.step]: writer },
  };
}
