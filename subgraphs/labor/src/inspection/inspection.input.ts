import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An official on an inspection team, as the team records them.' })
export class TeamMemberInput {
  @Field({ description: 'Full name.' })
  name!: string;

  @Field({ description: 'The agency or office they come from.' })
  agency!: string;

  @Field(() => String, { nullable: true, description: 'Position or role.' })
  role?: string | null;
}

@InputType({ description: 'The team of an inspection: its lead and the other members.' })
export class InspectionTeamInput {
  @Field(() => TeamMemberInput)
  lead!: TeamMemberInput;

  @Field(() => [TeamMemberInput], { nullable: true, description: 'The other members, in order (none when omitted).' })
  members?: TeamMemberInput[] | null;
}
