import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { HouseholdRef } from '../refs';
import type { CultureContext } from '../context';
import { InformationSupport } from './information-support.entity';

@Resolver(() => InformationSupport)
export class InformationSupportResolver {
  @FieldResolver(() => HouseholdRef, { description: 'The household helped (details come from labor).' })
  household(@Root() support: InformationSupport): HouseholdRef {
    return { id: support.householdId };
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdInformationResolver {
  @FieldResolver(() => [InformationSupport], { nullable: true, description: 'Project 6 help the household received.' })
  informationSupports(@Root() household: HouseholdRef, @Ctx() ctx: CultureContext): Promise<InformationSupport[]> {
    return ctx.loaders.supportsByHousehold.load(household.id);
  }
}
