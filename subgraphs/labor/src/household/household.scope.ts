import type { Principal } from '@gnbv/kit';
import { scopeWhere } from '@gnbv/kit';

/**
 * The scope filter for households (alias `h`): a household records its commune and its
 * province (copies of today's unit, kept equal by a composite foreign key).
 */
export const householdScope = (principal: Principal) => scopeWhere(principal, 'h.commune_code', 'h.province_code');
