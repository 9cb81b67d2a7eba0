import { scopeWhere, type Principal } from '@gnbv/kit';

/**
 * The scope filter for inspections (alias `i`): an inspection records only its commune, so its
 * province comes from the administrative units.
 */
export const inspectionScope = (principal: Principal) =>
  scopeWhere(principal, 'i.commune_code', '(SELECT au.parent_code FROM admin_unit au WHERE au.code = i.commune_code)');
