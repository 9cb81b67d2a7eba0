import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { scopeParam, scopeSqlRaw, toVnd } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';

/** VBSP lending in one unit on one day, over the loans in the reader's scope. */
export interface LendingSummaryRow {
  code: string;
  asOf: string;
  /** Loans owed on the day (disbursed by then, not yet settled or written off). */
  loanCount: number;
  outstanding: number;
  overdue: number;
  overdueLoanCount: number;
  borrowingHouseholds: number;
  /** Households owing on the day, by the category recorded when their latest owed loan was disbursed ('' = not recorded). */
  borrowersByCategory: Map<string, number>;
  /** Every loan of the unit by its status now. */
  loansByStatus: Map<string, number>;
  /** Loans whose latest purpose check by the day found the wrong purpose. */
  wrongPurposeLoanCount: number;
  /** Loans owed on the day, by programme. */
  byProgramme: Map<string, ProgrammeLending>;
}

/** What is owed on one programme's loans on the day. */
export interface ProgrammeLending {
  loanCount: number;
  outstanding: number;
  overdue: number;
  overdueLoanCount: number;
}

/*
 * One statement for any number of units (and one per distinct day asked). The per-loan balance
 * and overdue amount follow loan-standing.ts exactly: principal minus principal repaid by the
 * day; principal of instalments due before the day, minus principal repaid, never negative.
 */
const SUMMARY_SQL = (inScope: string) => `
  WITH unit_loans AS (
    SELECT u.code, l.id, l.household_id, l.status, l.program, l.principal, l.category_at_disbursement AS category,
           l.disbursed_on, coalesce(l.settled_on, l.written_off_on) AS closed_on
      FROM unnest($1::text[]) AS u(code)
      JOIN loan l ON (length(u.code) = 5 AND l.commune_code = u.code) OR (length(u.code) = 2 AND l.province_code = u.code)
     WHERE ${inScope}
  ), owed AS (
    SELECT ul.*, ul.principal - coalesce(p.repaid, 0) AS outstanding,
           greatest(0, coalesce(d.due, 0) - coalesce(p.repaid, 0)) AS overdue
      FROM unit_loans ul
      LEFT JOIN LATERAL (SELECT sum(r.principal) AS repaid FROM loan_repayment r
                          WHERE r.loan_id = ul.id AND r.paid_on <= $3::date) p ON true
      LEFT JOIN LATERAL (SELECT sum(i.principal) AS due FROM loan_instalment i
                          WHERE i.loan_id = ul.id AND i.due_on < $3::date) d ON true
     WHERE ul.status IN ('DISBURSED', 'REPAYING', 'SETTLED', 'WRITTEN_OFF')
       AND ul.disbursed_on <= $3::date AND (ul.closed_on IS NULL OR ul.closed_on > $3::date)
  ), borrowers AS (
    SELECT DISTINCT ON (code, household_id) code, household_id, category
      FROM owed ORDER BY code, household_id, disbursed_on DESC, id DESC
  ), misused AS (
    SELECT ul.code FROM unit_loans ul
      JOIN LATERAL (SELECT c.finding FROM loan_purpose_check c WHERE c.loan_id = ul.id AND c.checked_on <= $3::date
                     ORDER BY c.checked_on DESC, c.created_at DESC LIMIT 1) c ON true
     WHERE c.finding = 'WRONG_PURPOSE'
  )
  SELECT 'total' AS part, code, NULL AS key, count(*)::int AS n, coalesce(sum(outstanding), 0)::text AS outstanding,
         coalesce(sum(overdue), 0)::text AS overdue, (count(*) FILTER (WHERE overdue > 0))::int AS overdue_loans,
         count(DISTINCT household_id)::int AS households
    FROM owed GROUP BY code
  UNION ALL
  SELECT 'programme', code, program, count(*)::int, coalesce(sum(outstanding), 0)::text, coalesce(sum(overdue), 0)::text,
         (count(*) FILTER (WHERE overdue > 0))::int, NULL
    FROM owed GROUP BY code, program
  UNION ALL
  SELECT 'category', code, coalesce(category, ''), count(*)::int, NULL, NULL, NULL, NULL FROM borrowers GROUP BY code, category
  UNION ALL
  SELECT 'status', code, status, count(*)::int, NULL, NULL, NULL, NULL FROM unit_loans GROUP BY code, status
  UNION ALL
  SELECT 'misused', code, NULL, count(*)::int, NULL, NULL, NULL, NULL FROM misused GROUP BY code`;

interface SummaryRow {
  part: 'total' | 'programme' | 'category' | 'status' | 'misused';
  code: string;
  key: string | null;
  n: number;
  outstanding: string | null;
  overdue: string | null;
  overdue_loans: number | null;
  households: number | null;
}

const empty = (code: string, asOf: string): LendingSummaryRow => ({
  code,
  asOf,
  loanCount: 0,
  outstanding: 0,
  overdue: 0,
  overdueLoanCount: 0,
  borrowingHouseholds: 0,
  borrowersByCategory: new Map(),
  loansByStatus: new Map(),
  wrongPurposeLoanCount: 0,
  byProgramme: new Map(),
});

/** Lending totals per `code|asOf` key (a commune or a province), over the loans in the principal's scope. */
export function lendingSummaryLoaders(db: DataSource, principal: Principal) {
  return {
    lendingSummaryByUnit: new DataLoader<string, LendingSummaryRow>(async (keys) => {
      const byDay = new Map<string, string[]>();
      for (const k of keys) {
        const [code, asOf] = k.split('|') as [string, string];
        byDay.set(asOf, [...(byDay.get(asOf) ?? []), code]);
      }
      const out = new Map<string, LendingSummaryRow>();
      for (const [asOf, codes] of byDay) {
        for (const code of codes) out.set(`${code}|${asOf}`, empty(code, asOf));
        const rows: SummaryRow[] = await db.query(SUMMARY_SQL(scopeSqlRaw(principal, 'l.commune_code', 'l.province_code', 2)), [
          codes,
          scopeParam(principal),
          asOf,
        ]);
        for (const r of rows) {
          const summary = out.get(`${r.code}|${asOf}`)!;
          if (r.part === 'total') {
            Object.assign(summary, {
              loanCount: r.n,
              outstanding: toVnd(r.outstanding),
              overdue: toVnd(r.overdue),
              overdueLoanCount: r.overdue_loans,
              borrowingHouseholds: r.households,
            });
          } else if (r.part === 'programme') {
            summary.byProgramme.set(r.key!, {
              loanCount: r.n,
              outstanding: toVnd(r.outstanding!),
              overdue: toVnd(r.overdue!),
              overdueLoanCount: r.overdue_loans!,
            });
          } else if (r.part === 'category') summary.borrowersByCategory.set(r.key ?? '', r.n);
          else if (r.part === 'status') summary.loansByStatus.set(r.key!, r.n);
          else summary.wrongPurposeLoanCount = r.n;
        }
      }
      return keys.map((k) => out.get(k)!);
    }),
  };
}
