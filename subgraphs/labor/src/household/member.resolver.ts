import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { IsoDateScalar, IDEMPOTENCY_KEY_DESCRIPTION } from '@gnbv/kit';
import type { HouseholdContext } from './household.loader';
import { Member } from './member.entity';
import { MemberInput, UpdateMemberInput } from './member.input';
import { addMember, recordMemberLeft, updateMember } from './member.service';
import { maskNationalId, seesFullNationalId } from './national-id';

@Resolver(() => Member)
export class MemberResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Citizen identity number, 12 digits: in full for labor officers, masked (first 3 and last 3) for others.',
  })
  nationalId(@Root() member: Member, @Ctx() ctx: HouseholdContext): string | null {
    if (member.nationalId === null) return null;
    return seesFullNationalId(ctx.principal) ? member.nationalId : maskNationalId(member.nationalId);
  }

  @Mutation(() => Member, {
    description: 'Adds a member to a household of your scope. HEAD only when the household has no current head.',
  })
  addMember(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('input', () => MemberInput) input: MemberInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Member> {
    return addMember(ctx, { householdId, input, idempotencyKey });
  }

  @Mutation(() => Member, {
    description: 'Changes a current member: only the fields given. A member who left no longer changes.',
  })
  updateMember(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMemberInput) input: UpdateMemberInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Member> {
    return updateMember(ctx, { id, input, idempotencyKey });
  }

  @Mutation(() => Member, {
    description:
      'Records that a member left the household (moved, died, married out): kept, never deleted. The head cannot leave while head.',
  })
  recordMemberLeft(
    @Arg('id', () => ID) id: string,
    @Arg('leftOn', () => IsoDateScalar, { description: 'Not in the future, not before the birth.' }) leftOn: string,
    @Arg('reason', { description: 'Why the member left (personal data).' }) reason: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: HouseholdContext,
  ): Promise<Member> {
    return recordMemberLeft(ctx, { id, leftOn, reason, idempotencyKey });
  }
}
