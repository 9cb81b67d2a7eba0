import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '@gnbv/kit';
import type { Principal } from '@gnbv/platform';
import { lendingSummaryLoaders } from './lending-summary/lending-summary.loader';
import { loanLoaders } from './loan/loan.loader';
import { LoanProgramme } from './programme/programme.entity';
import { coverageLoaders } from './report/coverage';
import { savingsGroupLoaders } from './savings-group/savings-group.loader';

/** Every programme version, read once per request (a handful of rows). */
function programmeLoader(db: DataSource) {
  let all: Promise<LoanProgramme[]> | undefined;
  return {
    programmes: () => (all ??= db.getRepository(LoanProgramme).find({ order: { code: 'ASC', validFrom: 'ASC' } })),
  };
}

/** Fresh DataLoaders for one request, filtered to its principal's scope. */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    ...loanLoaders(db, principal),
    ...savingsGroupLoaders(db, principal),
    ...lendingSummaryLoaders(db, principal),
    ...programmeLoader(db),
    ...coverageLoaders(db, principal),
  };
}

export type BankLoaders = ReturnType<typeof createLoaders>;
export type BankContext = SubgraphContext<BankLoaders>;
