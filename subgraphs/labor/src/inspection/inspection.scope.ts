import { scopeWhere } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';

/**
 * The scope filter for inspections (alias `i`): an inspection records its commune and its
 * province (copies of today's unit, kept equal by a composite foreign key).
 */
export const inspectionScope = (principal: Principal) => scopeWhere(principal, 'i.commune_code', 'i.province_code');
