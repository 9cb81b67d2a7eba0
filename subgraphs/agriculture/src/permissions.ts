import { anyone, can, mergePermissions, officer, PERSONAL_PURPOSES, personal, purpose, type PermissionTable } from '@gnbv/kit';
import type { ProductionProjectParticipant } from './production-project/production-project.entity';
import { agricultureBudget, agricultureSupports } from './programme/programme';
import { agricultureCoverage } from './report/coverage';

/*
 * Who may read and write what in the agriculture subgraph (Project 3). Anything not listed is
 * denied. The kit's fragments add the supports (every agency's officers read them; analysts only
 * the per-unit totals) and the budget lines (unit-level money: officers and analysts read it);
 * agriculture officers write both. Rows are limited to the reader's units by loaders and queries.
 *
 * Production projects are programme work, not personal data: every agency's officers read them,
 * so a commune page can show every agency's help. Which households take part is read the same way
 * as their supports; the category each joined with is personal (a purpose, audited).
 */

const anyOfficer = officer();
const agricultureOfficer = officer('agriculture');
const ofParticipant = (p: ProductionProjectParticipant) => ({ type: 'Household', id: p.householdId });

const projectPermissions: PermissionTable = {
  Query: {
    productionProject: can(anyOfficer),
  },
  Mutation: {
    createProductionProject: can(agricultureOfficer), //  no household named: no purpose to declare
    addProductionProjectParticipant: can(agricultureOfficer, purpose('support-delivery')),
  },
  ProductionProject: can(anyOfficer),
  ProductionProjectParticipant: {
    '*': can(anyOfficer),
    categoryOnJoining: personal(ofParticipant, anyOfficer, purpose(...PERSONAL_PURPOSES)),
  },
  Household: {
    id: can(anyone), //                                   the key: the gateway holds it already
    productionProjects: can(anyOfficer),
  },
  AdminUnit: {
    code: can(anyone), //                                 the key
    productionProjects: can(anyOfficer),
  },
};

export const permissions = mergePermissions(
  projectPermissions,
  agricultureSupports.permissions,
  agricultureBudget.permissions,
  agricultureCoverage.permissions,
);
