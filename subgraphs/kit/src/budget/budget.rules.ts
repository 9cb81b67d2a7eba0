/*
 * The rules of budget lines and disbursements, as plain functions.
 */

export interface LineMoney {
  allocated: number;
  disbursed: number;
  deadline: string;
}

/** Whether a disbursement of `amount` fits the line; if not, by how much it goes over. */
export function disbursementCheck(
  line: LineMoney,
  amount: number,
): { fits: true } | { fits: false; headroom: number; after: number } {
  const after = line.disbursed + amount;
  if (after <= line.allocated) return { fits: true };
  return { fits: false, headroom: Math.max(0, line.allocated - line.disbursed), after };
}

/** Share of the allocation paid out (0 when nothing was allocated), rounded to 4 decimals. */
export const disbursementRate = (line: Pick<LineMoney, 'allocated' | 'disbursed'>) =>
  line.allocated > 0 ? Math.round((line.disbursed / line.allocated) * 10_000) / 10_000 : 0;

/** Past its deadline on `asOf` with allocated money not paid out. */
export const isLate = (line: LineMoney, asOf: string) => line.deadline < asOf && line.disbursed < line.allocated;
