import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, rowsByHousehold, scopeParam, scopedRows, scopeSqlRaw, toVnd } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { Loan, LoanPurposeCheck, type LoanInstalment, type LoanRepayment } from './loan.entity';
import { loanStanding, type LoanStanding } from './loan-standing';

/** A loan's schedule and repayments, read together. */
export interface LoanMovements {
  instalments: LoanInstalment[];
  repayments: LoanRepayment[];
}

const ORDER = { 'l.applied_on': 'ASC', 'l.id': 'ASC' } as const;

/** One page request of a unit's loans; requests with the same filters are read together. */
export interface LoanPageRequest {
  code: string;
  limit: number;
  /** The sort key (applied_on, id) of the previous page's last loan. */
  after: [string, string] | null;
  status: string | null;
}

/** `commune_code` for a commune's code, `province_code` for a province's: the index each uses. */
const UNIT_MATCH = `((length(u.code) = 5 AND l.commune_code = u.code) OR (length(u.code) = 2 AND l.province_code = u.code))`;

/** Anything that runs SQL: the data source, or a write's transaction manager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The schedules and repayments of `ids`, in one statement (every id gets an entry). */
export async function readMovements(db: Queryable, ids: readonly string[]): Promise<Map<string, LoanMovements>> {
  const rows = (await db.query(
    `SELECT 'I' AS kind, loan_id, number, due_on AS day, principal::text, '0' AS interest, NULL::uuid AS id, NULL AS note,
            NULL AS recorded_by
       FROM loan_instalment WHERE loan_id = ANY($1::uuid[])
     UNION ALL
     SELECT 'R', loan_id, NULL, paid_on, principal::text, interest::text, id, note, recorded_by
       FROM loan_repayment WHERE loan_id = ANY($1::uuid[])
     ORDER BY loan_id, day, number, id`,
    [[...ids]],
  )) as Array<{
    kind: 'I' | 'R';
    loan_id: string;
    number: number | null;
    day: string;
    principal: string;
    interest: string;
    id: string | null;
    note: string | null;
    recorded_by: string | null;
  }>;
  const byLoan = new Map<string, LoanMovements>(ids.map((id) => [id, { instalments: [], repayments: [] }]));
  for (const r of rows) {
    const movements = byLoan.get(r.loan_id);
    if (!movements) continue;
    if (r.kind === 'I')
      movements.instalments.push({ loanId: r.loan_id, number: r.number!, dueOn: r.day, principal: toVnd(r.principal) });
    else
      movements.repayments.push({
        id: r.id!,
        loanId: r.loan_id,
        paidOn: r.day,
        principal: toVnd(r.principal),
        interest: toVnd(r.interest),
        note: r.note,
        recordedBy: r.recorded_by ?? '',
      });
  }
  return byLoan;
}

/**
 * Per-request loaders of loans, one SQL statement per batch. Lists are kept to the loans made in
 * the principal's units (the group's commune), except `loanBookByHousehold`, which eligibility
 * reads: the ceiling and the overdue rule count every loan of the household, wherever made.
 */
export function loanLoaders(db: DataSource, principal: Principal) {
  const scoped = () => scopedRows(db, Loan, 'l', principal);
  return {
    loansByHousehold: rowsByHousehold(db, Loan, 'l', principal, ORDER),
    /** A loan by id; null when missing or outside the scope alike. */
    loanById: oneByKey(
      (ids: readonly string[]) =>
        scoped()
          .andWhere('l.id IN (:...ids)', { ids: [...ids] })
          .getMany(),
      (l) => l.id,
    ),
    loansBySavingsGroup: manyByKey(
      (ids: readonly string[]) =>
        scoped()
          .andWhere('l.savings_group_id IN (:...ids)', { ids: [...ids] })
          .orderBy(ORDER)
          .getMany(),
      (l) => l.savingsGroupId,
    ),
    /** Every loan of each household, in any commune: only for the eligibility rule, never listed. */
    loanBookByHousehold: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(Loan)
          .createQueryBuilder('l')
          .where('l.household_id IN (:...ids)', { ids: [...ids] })
          .orderBy(ORDER)
          .getMany(),
      (l) => l.householdId,
    ),
    /**
     * A page of each unit's loans, newest application first: one statement per distinct filter
     * for any number of units (their ids), then the loans themselves in one more.
     */
    loanPageByUnit: new DataLoader<LoanPageRequest, Loan[]>(
      async (requests) => {
        const groups = new Map<string, LoanPageRequest[]>();
        for (const r of requests) {
          const k = JSON.stringify([r.limit, r.after, r.status]);
          groups.set(k, [...(groups.get(k) ?? []), r]);
        }
        const idsByRequest = new Map<LoanPageRequest, string[]>();
        for (const group of groups.values()) {
          const { limit, after, status } = group[0]!;
          const params: unknown[] = [group.map((r) => r.code), scopeParam(principal), limit + 1];
          const where = [scopeSqlRaw(principal, 'l.commune_code', 'l.province_code', 2)];
          if (status) where.push(`l.status = $${params.push(status)}`);
          if (after) where.push(`(l.applied_on, l.id) < ($${params.push(after[0])}::date, $${params.push(after[1])}::uuid)`);
          const rows: Array<{ code: string; id: string }> = await db.query(
            `SELECT u.code, l.id FROM unnest($1::text[]) AS u(code)
             CROSS JOIN LATERAL (SELECT l.id, l.applied_on FROM loan l WHERE ${UNIT_MATCH} AND ${where.join(' AND ')}
                                 ORDER BY l.applied_on DESC, l.id DESC LIMIT $3) l`,
            params,
          );
          for (const r of group)
            idsByRequest.set(
              r,
              rows.filter((row) => row.code === r.code).map((row) => row.id),
            );
        }
        const ids = [...new Set([...idsByRequest.values()].flat())];
        const loans = ids.length
          ? await db.getRepository(Loan).createQueryBuilder('l').where('l.id IN (:...ids)', { ids }).getMany()
          : [];
        const byId = new Map(loans.map((l) => [l.id, l]));
        return requests.map((r) => (idsByRequest.get(r) ?? []).map((id) => byId.get(id)!));
      },
      { cache: false },
    ),
    /** How many loans each unit has in scope, with the same filter. */
    loanCountByUnit: new DataLoader<LoanPageRequest, number>(
      async (requests) => {
        const byKey = new Map<string, number>();
        const groups = new Map<string | null, LoanPageRequest[]>();
        for (const r of requests) groups.set(r.status, [...(groups.get(r.status) ?? []), r]);
        for (const [status, group] of groups) {
          const params: unknown[] = [group.map((r) => r.code), scopeParam(principal)];
          const where = [scopeSqlRaw(principal, 'l.commune_code', 'l.province_code', 2)];
          if (status) where.push(`l.status = $${params.push(status)}`);
          const rows: Array<{ code: string; n: number }> = await db.query(
            `SELECT u.code, (SELECT count(*)::int FROM loan l WHERE ${UNIT_MATCH} AND ${where.join(' AND ')}) AS n
               FROM unnest($1::text[]) AS u(code)`,
            params,
          );
          for (const row of rows) byKey.set(`${status}|${row.code}`, row.n);
        }
        return requests.map((r) => byKey.get(`${r.status}|${r.code}`) ?? 0);
      },
      { cache: false },
    ),
    /** Schedules and repayments of loans, in one statement. */
    movementsByLoan: new DataLoader<string, LoanMovements>(async (ids) => {
      const byLoan = await readMovements(db, ids);
      return ids.map((id) => byLoan.get(id)!);
    }),
    purposeChecksByLoan: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(LoanPurposeCheck)
          .createQueryBuilder('c')
          .where('c.loan_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 'c.checked_on': 'ASC', 'c.id': 'ASC' })
          .getMany(),
      (c) => c.loanId,
    ),
  };
}

/** Where a disbursed loan stands on `asOf` (loan-standing.ts); null before disbursement. */
export function standingOf(loan: Loan, movements: LoanMovements, asOf: string): LoanStanding | null {
  if (!loan.disbursedOn || loan.annualRatePercent === null) return null;
  return loanStanding(
    { disbursedOn: loan.disbursedOn, annualRatePercent: loan.annualRatePercent, instalments: movements.instalments },
    movements.repayments,
    asOf,
  );
}
