import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  assertUuid,
  auditedWrite,
  IDEMPOTENCY_KEY_DESCRIPTION,
  IsoDateScalar,
  notVisible,
  pastDate,
  refusedAs,
  scopeWhere,
} from '@gnbv/kit';
import { badInput, conflictOn } from '@gnbv/platform';
import type { BankContext } from '../context';
import { SavingsGroup, SavingsGroupMember } from './savings-group.entity';

/*
 * Membership of savings groups: who the group may approve for a loan. A household joins a group
 * of the commune it lives in, proven by the labor registry's signed statement for the joining day.
 */

const ofMember = (m: SavingsGroupMember) => ({ type: 'Household', id: m.householdId });

async function groupInScope(m: EntityManager, ctx: BankContext, id: string): Promise<SavingsGroup> {
  const scope = scopeWhere(ctx.principal, 'g.commune_code', 'g.province_code');
  const group = await m
    .getRepository(SavingsGroup)
    .createQueryBuilder('g')
    .where('g.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!group) throw notVisible('savings group', 'savingsGroupId');
  return group;
}

@Resolver(() => SavingsGroupMember)
export class SavingsGroupMemberMutationResolver {
  @Mutation(() => SavingsGroupMember, {
    description:
      "Adds a household to a savings group from `joinedOn`, with the registry's statement about the household that day: it must live in the group's commune. Idempotent.",
  })
  async addSavingsGroupMember(
    @Arg('savingsGroupId', () => ID) savingsGroupId: string,
    @Arg('householdId', () => ID) householdId: string,
    @Arg('joinedOn', () => IsoDateScalar, { description: 'Not in the future.' }) joinedOn: string,
    @Arg('registryAttestation', { description: "The registry's statement about the household on joinedOn, sent unchanged." })
    registryAttestation: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<SavingsGroupMember> {
    const groupId = assertUuid('savingsGroupId', savingsGroupId);
    const household = assertUuid('householdId', householdId);
    const day = pastDate('joinedOn', joinedOn);
    return auditedWrite(
      ctx,
      {
        operation: 'addSavingsGroupMember',
        idempotencyKey,
        input: { savingsGroupId: groupId, householdId: household, joinedOn: day, registryAttestation },
        fields: ['SavingsGroup.members'],
        subjectOf: ofMember,
      },
      async (m) => {
        const group = await groupInScope(m, ctx, groupId);
        if (group.foundedOn && day < group.foundedOn)
          throw badInput('joinedOn', `must not be before the group was founded (${group.foundedOn})`);
        const statement = await ctx.registry
          .verifier()
          .verify(registryAttestation, { householdId: household, on: day }, 'registryAttestation');
        if (statement.communeCode !== group.communeCode)
          throw badInput(
            'registryAttestation',
            `states the household lives in commune ${statement.communeCode}; group ${group.code} lends in commune ${group.communeCode}: a household joins a group of its own commune`,
          );
        const inserted = await refusedAs(
          m
            .createQueryBuilder()
            .insert()
            .into(SavingsGroupMember)
            .values({ savingsGroupId: groupId, householdId: household, joinedOn: day, recordedBy: ctx.principal.subject })
            .returning('id')
            .execute(),
          { savings_group_member_open_idx: () => conflictOn('householdId', `is already a member of group ${group.code}`) },
        );
        return m.getRepository(SavingsGroupMember).findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id });
      },
    );
  }

  @Mutation(() => SavingsGroupMember, {
    description: 'Records that a household left a savings group: `leftOn` is its first day no longer a member. Idempotent.',
  })
  async recordSavingsGroupMemberLeft(
    @Arg('savingsGroupId', () => ID) savingsGroupId: string,
    @Arg('householdId', () => ID) householdId: string,
    @Arg('leftOn', () => IsoDateScalar, { description: 'Not in the future.' }) leftOn: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<SavingsGroupMember> {
    const groupId = assertUuid('savingsGroupId', savingsGroupId);
    const household = assertUuid('householdId', householdId);
    const day = pastDate('leftOn', leftOn);
    return auditedWrite(
      ctx,
      {
        operation: 'recordSavingsGroupMemberLeft',
        idempotencyKey,
        input: { savingsGroupId: groupId, householdId: household, leftOn: day },
        fields: ['SavingsGroup.members'],
        subjectOf: ofMember,
      },
      async (m) => {
        const group = await groupInScope(m, ctx, groupId);
        const member = await m
          .getRepository(SavingsGroupMember)
          .createQueryBuilder('m')
          .setLock('pessimistic_write')
          .where('m.savings_group_id = :groupId AND m.household_id = :household AND m.left_on IS NULL', { groupId, household })
          .getOne();
        if (!member) throw badInput('householdId', `is not a current member of group ${group.code}`);
        if (day <= member.joinedOn) throw badInput('leftOn', `must be after the day the household joined (${member.joinedOn})`);
        await m.getRepository(SavingsGroupMember).update({ id: member.id }, { leftOn: day });
        return m.getRepository(SavingsGroupMember).findOneByOrFail({ id: member.id });
      },
    );
  }
}
