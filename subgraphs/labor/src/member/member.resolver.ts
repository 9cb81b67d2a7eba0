import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LaborContext } from '../context';
import { Member } from './member.entity';
import { maskNationalId, seesFullNationalId } from './national-id';

@Resolver(() => Member)
export class MemberResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Citizen identity number, 12 digits: in full for labor officers, masked (first 3 and last 3) for others.',
  })
  nationalId(@Root() member: Member, @Ctx() ctx: LaborContext): string | null {
    if (member.nationalId === null) return null;
    return seesFullNationalId(ctx.principal) ? member.nationalId : maskNationalId(member.nationalId);
  }
}
