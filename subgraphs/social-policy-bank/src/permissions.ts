import {
  analyst,
  anyOf,
  anyone,
  can,
  dataProtectionOfficer,
  officer,
  PERSONAL_PURPOSES,
  personal,
  purpose,
  service,
  type PermissionTable,
} from '@gnbv/kit';
import type { Loan } from './loan/loan.entity';

/*
 * Who may read what in the social-policy-bank subgraph (VBSP lending). Anything not listed is
 * denied. Rows are limited to the reader's units by the loaders. That a household borrows is
 * shared with every agency's officers; how much and on what terms is personal: bank officers and
 * the bank's eligibility service only, for a declared purpose, each read written to the audit trail.
 */

const anyOfficer = officer();
/** The bank's eligibility system: loans, their amounts and savings groups; never a member's name. */
const bankEligibility = service('social-policy-bank', 'loan-eligibility');
const loanReader = anyOf(anyOfficer, bankEligibility);
/** Totals per unit, no household in sight: the steering committee's analysts read them too. */
const aggregateReader = anyOf(anyOfficer, analyst);
const ofBorrower = (loan: Loan) => ({ type: 'Household', id: loan.householdId });
const loanTerms = personal(ofBorrower, anyOf(officer('social-policy-bank'), bankEligibility), purpose(...PERSONAL_PURPOSES));

export const permissions: PermissionTable = {
  Query: {
    savingsGroup: can(loanReader),
  },
  SavingsGroup: can(loanReader), //                   a group of borrowers, named after its village
  Loan: {
    id: can(loanReader), //                           that a loan exists is shared with every officer
    communeCode: can(loanReader),
    program: can(loanReader),
    status: can(loanReader),
    disbursedOn: can(loanReader),
    maturesOn: can(loanReader),
    savingsGroup: can(loanReader),
    household: can(loanReader),
    principal: loanTerms, //                          amounts and terms of a person's debt: personal
    outstanding: loanTerms,
    annualRatePercent: loanTerms,
    purpose: loanTerms,
  },
  LendingSummary: can(aggregateReader),
  AuditRecord: can(dataProtectionOfficer),
  Household: {
    id: can(anyone), //                               the key: the gateway holds it already
    loans: can(loanReader),
    lendingAudit: can(dataProtectionOfficer),
  },
  AdminUnit: {
    code: can(anyone), //                             the key
    lendingSummary: can(aggregateReader),
    savingsGroups: can(loanReader),
  },
};
