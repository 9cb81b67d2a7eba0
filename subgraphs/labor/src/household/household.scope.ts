import type { Principal } from '@gnbv/kit';
import { scopeWhere } from '@gnbv/kit';

/**
 * The scope filter for households (alias `h`): a household records only its commune, so its
 * province comes from the administrative units.
 */
export const householdScope = (principal: Principal) =>
  scopeWhere(principal, 'h.commune_code', '(SELECT au.parent_code FROM admin_unit au WHERE au.code = h.commune_code)');
