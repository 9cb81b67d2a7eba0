import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode, assertUnitArgInScope } from '@gnbv/kit';
import { AdminUnitRef } from '../refs';
import type { CultureContext } from '../context';
import { CommunicationProduct } from './communication-product.entity';

/** The in-scope products of a unit; `argument` names where the code came from, for a refusal. */
function productsOf(code: string, argument: string, ctx: CultureContext): Promise<CommunicationProduct[]> {
  assertUnitArgInScope(ctx.principal, argument, code);
  return code.length === 2 ? ctx.loaders.productsByProvince.load(code) : ctx.loaders.productsByCommune.load(code);
}

@Resolver(() => CommunicationProduct)
export class CommunicationProductResolver {
  @Query(() => [CommunicationProduct], {
    description: 'Project 6 communication products in a commune or province of your scope, newest first.',
  })
  async communicationProducts(@Arg('adminUnitCode') code: string, @Ctx() ctx: CultureContext): Promise<CommunicationProduct[]> {
    return productsOf(assertAdminCode('adminUnitCode', code), 'adminUnitCode', ctx);
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitCommunicationResolver {
  @FieldResolver(() => [CommunicationProduct], {
    nullable: true,
    description: 'Project 6 communication products here, in your scope, newest first.',
  })
  async communicationProducts(@Root() unit: AdminUnitRef, @Ctx() ctx: CultureContext): Promise<CommunicationProduct[]> {
    return productsOf(unit.code, 'code', ctx);
  }
}
