import { allow, analyst, anyOf, anyone, can, mergePermissions, officer, type PermissionTable } from '@gnbv/kit';
import { cultureInformationBudget, informationSupports } from './projects/projects';
import { cultureInformationCoverage } from './report/coverage';

/*
 * Who may read and write what in the culture-information subgraph (Project 6). Anything not
 * listed is denied. Rows are limited to the reader's units by the loaders and the writes.
 *
 * - Officers of every agency read supports and communication products, so a commune page can
 *   show every agency's help; a support's category and deprivations on delivery are personal
 *   data (a declared purpose, audited: the kit's support rules).
 * - The steering committee's analysts read aggregates only: the summaries and the budget.
 * - The bank's eligibility service reads nothing here but the entity keys the gateway holds.
 * - Culture-information officers write (supports need the support-delivery purpose: the kit's rules).
 */

const anyOfficer = officer();
const aggregateReader = anyOf(anyOfficer, analyst);

const communication: PermissionTable = {
  Query: {
    communicationProducts: can(anyOfficer),
  },
  Mutation: {
    recordCommunicationProduct: can(officer('culture-information')), // nothing personal is written: no purpose
  },
  CommunicationProduct: can(anyOfficer),
  CommunicationProductConnection: allow, //            reached only through a field checked here
  CommunicationSummary: can(aggregateReader),
  Household: {
    id: can(anyone), //                                the key: the gateway holds it already
  },
  AdminUnit: {
    code: can(anyone), //                              the key
    communicationProducts: can(anyOfficer),
    communicationSummary: can(aggregateReader),
  },
};

export const permissions = mergePermissions(
  communication,
  informationSupports.permissions,
  cultureInformationBudget.permissions,
  cultureInformationCoverage.permissions,
);
