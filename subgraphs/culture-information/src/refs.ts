import { defineAdminUnitRef, defineHouseholdRef } from '@gnbv/kit';

/** Labor's entities as this subgraph extends them: their keys only. */
export const HouseholdRef = defineHouseholdRef();
export type HouseholdRef = InstanceType<typeof HouseholdRef>;
export const AdminUnitRef = defineAdminUnitRef();
export type AdminUnitRef = InstanceType<typeof AdminUnitRef>;
