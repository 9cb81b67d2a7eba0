import { analyst, anyOf, anyone, can, officer, type PermissionTable } from '@gnbv/kit';

/*
 * Who may read what in the culture-information subgraph (Project 6). Anything not listed is
 * denied. Information supports are not personal data: every agency's officers read them, so a
 * commune page can show every agency's help; rows are limited to the reader's units by the loaders.
 */

const anyOfficer = officer();
/** Communication products name no household: the steering committee's analysts read them too. */
const unitReader = anyOf(anyOfficer, analyst);

export const permissions: PermissionTable = {
  Query: {
    communicationProducts: can(unitReader),
  },
  CommunicationProduct: can(unitReader),
  InformationSupport: can(anyOfficer), //            help given to one household
  Household: {
    id: can(anyone), //                                the key: the gateway holds it already
    informationSupports: can(anyOfficer),
  },
  AdminUnit: {
    code: can(anyone), //                              the key
    communicationProducts: can(unitReader),
  },
};
