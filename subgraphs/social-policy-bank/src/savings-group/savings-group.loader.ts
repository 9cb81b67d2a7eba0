import type { DataSource } from 'typeorm';
import { manyByKey, oneByKey, scopedRows } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { TransactionPoint } from '../transaction-point/transaction-point.entity';
import { SavingsGroup, SavingsGroupMember } from './savings-group.entity';

/** A household's membership with the group's place, for eligibility and scope. */
export interface MembershipRow {
  id: string;
  savingsGroupId: string;
  householdId: string;
  joinedOn: string;
  leftOn: string | null;
  communeCode: string;
  provinceCode: string;
}

/** Every membership of `householdIds`, in any commune, with the group's place; oldest first. */
export async function readMemberships(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  householdIds: readonly string[],
): Promise<MembershipRow[]> {
  const rows = (await db.query(
    `SELECT m.id, m.savings_group_id, m.household_id, m.joined_on, m.left_on, g.commune_code, g.province_code
       FROM savings_group_member m JOIN savings_group g ON g.id = m.savings_group_id
      WHERE m.household_id = ANY($1::uuid[])
      ORDER BY m.joined_on, m.savings_group_id, m.id`,
    [[...householdIds]],
  )) as Array<Record<string, string | null>>;
  return rows.map((r) => ({
    id: r.id!,
    savingsGroupId: r.savings_group_id!,
    householdId: r.household_id!,
    joinedOn: r.joined_on!,
    leftOn: r.left_on ?? null,
    communeCode: r.commune_code!,
    provinceCode: r.province_code!,
  }));
}

/** Per-request loaders; groups only of communes in the principal's scope. */
export function savingsGroupLoaders(db: DataSource, principal: Principal) {
  const groups = () => scopedRows(db, SavingsGroup, 'g', principal);
  return {
    /** A group by id; null when missing or outside the scope alike. */
    savingsGroupById: oneByKey(
      (ids: readonly string[]) =>
        groups()
          .andWhere('g.id IN (:...ids)', { ids: [...ids] })
          .getMany(),
      (g) => g.id,
    ),
    savingsGroupsByCommune: manyByKey(
      (codes: readonly string[]) =>
        groups()
          .andWhere('g.commune_code IN (:...codes)', { codes: [...codes] })
          .orderBy('g.code', 'ASC')
          .getMany(),
      (g) => g.communeCode,
    ),
    /** Members of groups the caller already reached (so in scope), oldest membership first. */
    membersByGroup: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(SavingsGroupMember)
          .createQueryBuilder('m')
          .where('m.savings_group_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 'm.joined_on': 'ASC', 'm.id': 'ASC' })
          .getMany(),
      (m) => m.savingsGroupId,
    ),
    /** Every membership of each household, in any commune, with the group's place. */
    membershipsByHousehold: manyByKey(
      (ids: readonly string[]) => readMemberships(db, ids),
      (m) => m.householdId,
    ),
    // Where and when the bank meets borrowers is public: not kept to the scope.
    transactionPointByCommune: oneByKey(
      (codes: readonly string[]) =>
        db
          .getRepository(TransactionPoint)
          .createQueryBuilder('t')
          .where('t.commune_code IN (:...codes)', { codes: [...codes] })
          .getMany(),
      (t) => t.communeCode,
    ),
    transactionPointById: oneByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(TransactionPoint)
          .createQueryBuilder('t')
          .where('t.id IN (:...ids)', { ids: [...ids] })
          .getMany(),
      (t) => t.id,
    ),
  };
}
