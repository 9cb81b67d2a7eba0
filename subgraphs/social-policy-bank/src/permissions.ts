import {
  allow,
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
import type { HouseholdRef } from './refs';
import { bankCoverage } from './report/coverage';

/*
 * Who may read and write what in the social-policy-bank subgraph (VBSP lending). Anything not
 * listed is denied. Rows are limited to the reader's units by the loaders and the writes.
 *
 * - That a household borrows, is overdue, and its loans' existence, programme, status and dates
 *   are shared with every agency's officer.
 * - Amounts, terms, balances, schedules, repayments and purpose checks are personal: bank officers
 *   and the bank's eligibility service only, with a declared purpose, each read audited.
 * - Eligibility (it reveals the household's category and debts): bank officers and the
 *   eligibility service, purpose loan-eligibility, audited. Labor gives the same callers the
 *   category periods the check needs, and never members' names or ID numbers to the service.
 * - Writes: bank officers, purpose loan-eligibility: the one purpose the bank's lending work is
 *   declared under, from the eligibility check through the registry statement (which labor gives
 *   for that purpose) to disbursement and repayment; support-delivery stays the programme
 *   agencies' purpose, so the audit trail tells lending from in-kind support.
 * - Analysts (the steering committee): aggregates only.
 */

const anyOfficer = officer();
const bankOfficer = officer('social-policy-bank');
/** The bank's eligibility system: loans, their amounts and savings groups; never a member's name. */
const bankEligibility = service('social-policy-bank', 'loan-eligibility');
const loanReader = anyOf(anyOfficer, bankEligibility);
const bankReader = anyOf(bankOfficer, bankEligibility);
/** Totals per unit, no household in sight: the steering committee's analysts read them too. */
const aggregateReader = anyOf(anyOfficer, analyst);
const ofBorrower = (loan: Loan) => ({ type: 'Household', id: loan.householdId });
const ofHousehold = (household: HouseholdRef) => ({ type: 'Household', id: household.id });
const loanTerms = personal(ofBorrower, bankReader, purpose(...PERSONAL_PURPOSES));
const eligibility = personal(ofHousehold, bankReader, purpose('loan-eligibility'));
const bankWriter = can(bankOfficer, purpose('loan-eligibility'));

export const permissions: PermissionTable = {
  ...bankCoverage.permissions, //                    the household set for labor's coverage report (CoverageReport)
  Query: {
    loanProgrammes: can(anyone), //                   programme terms are public policy
    savingsGroup: can(loanReader),
    loan: can(loanReader),
    loanEligibilityBatch: can(bankReader, purpose('loan-eligibility')),
  },
  Mutation: {
    applyForLoan: bankWriter,
    approveLoan: bankWriter,
    rejectLoan: bankWriter,
    disburseLoan: bankWriter, //                      also needs the loan's commune in scope (loan.mutations.ts)
    recordLoanRepayment: bankWriter,
    writeOffLoan: bankWriter,
    recordLoanPurposeCheck: bankWriter,
    addSavingsGroupMember: bankWriter,
    recordSavingsGroupMemberLeft: bankWriter,
  },
  LoanProgramme: can(anyone),
  TransactionPoint: can(anyone), //                   where and when the bank meets borrowers is public
  SavingsGroup: {
    '*': can(loanReader), //                          a group of borrowers, named after its village
    members: can(bankReader), //                      who is in a group says who borrows: the bank's
    leader: can(bankReader),
    arrears: can(bankReader), //                      a small group's arrears name its debtors' amounts
  },
  SavingsGroupMember: can(bankReader),
  SavingsGroupArrears: can(bankReader),
  Loan: {
    id: can(loanReader), //                           that a loan exists is shared with every officer
    communeCode: can(loanReader),
    program: can(loanReader),
    status: can(loanReader),
    appliedOn: can(loanReader),
    approvedOn: can(loanReader),
    disbursedOn: can(loanReader),
    maturesOn: can(loanReader),
    settledOn: can(loanReader),
    rejectedOn: can(loanReader),
    writtenOffOn: can(loanReader),
    overdue: can(loanReader), //                      the flag, as Household.hasOverdueLoan
    savingsGroup: can(loanReader),
    household: can(loanReader),
    // The version tells the rate fixed at disbursement: a term of the debt (programmes themselves are public).
    programme: loanTerms,
    amountRequested: loanTerms, //                    amounts and terms of a person's debt: personal
    termMonths: loanTerms,
    principal: loanTerms,
    annualRatePercent: loanTerms,
    overdueRatePercent: loanTerms,
    purpose: loanTerms,
    outstanding: loanTerms,
    overdueAmount: loanTerms,
    daysOverdue: loanTerms,
    standing: loanTerms,
    schedule: loanTerms,
    repayments: loanTerms,
    purposeChecks: loanTerms,
    categoryAtDisbursement: loanTerms,
    rejectionReason: loanTerms,
    writeOffReason: loanTerms,
  },
  LoanStanding: allow, //                             reached only through Loan.standing, checked above
  LoanInstalment: allow, //                           reached only through Loan.schedule
  LoanRepayment: allow, //                            reached only through Loan.repayments
  LoanPurposeCheck: allow, //                         reached only through Loan.purposeChecks
  LoanEligibility: allow, //                          reached only through Household.loanEligibility
  EligibilityReason: allow,
  LoanConnection: allow, //                            reached only through AdminUnit.loans, checked below
  LendingSummary: can(aggregateReader),
  LendingCoverage: can(aggregateReader),
  BorrowersByCategory: can(aggregateReader),
  ProgrammeLendingSummary: can(aggregateReader),
  LoansByStatus: can(aggregateReader),
  AuditRecord: can(dataProtectionOfficer),
  Household: {
    id: can(anyone), //                               the key: the gateway holds it already
    loans: can(loanReader),
    borrowsFromBank: can(loanReader),
    hasOverdueLoan: can(loanReader),
    savingsGroupMemberships: can(bankReader),
    loanEligibility: eligibility,
    lendingAudit: can(dataProtectionOfficer),
  },
  AdminUnit: {
    code: can(anyone), //                             the key
    lendingSummary: can(aggregateReader),
    lendingCoverage: can(aggregateReader),
    savingsGroups: can(loanReader),
    loans: can(loanReader), //                         existence and status; amounts are checked on Loan
    transactionPoint: can(anyone),
  },
};
