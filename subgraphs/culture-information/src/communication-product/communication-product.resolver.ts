import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertAdminCode } from '@gnbv/kit';
import { AdminUnitRef } from '../refs';
import type { CultureContext } from '../context';
import { CommunicationProduct } from './communication-product.entity';

function productsOf(code: string, ctx: CultureContext): Promise<CommunicationProduct[]> {
  return code.length === 2 ? ctx.loaders.productsByProvince.load(code) : ctx.loaders.productsByCommune.load(code);
}

@Resolver(() => CommunicationProduct)
export class CommunicationProductResolver {
  @Query(() => [CommunicationProduct], {
    description: 'Project 6 communication products in a commune or province, newest first.',
  })
  communicationProducts(@Arg('adminUnitCode') code: string, @Ctx() ctx: CultureContext): Promise<CommunicationProduct[]> {
    return productsOf(assertAdminCode('adminUnitCode', code), ctx);
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitCommunicationResolver {
  @FieldResolver(() => [CommunicationProduct], { description: 'Project 6 communication products here, newest first.' })
  communicationProducts(@Root() unit: AdminUnitRef, @Ctx() ctx: CultureContext): Promise<CommunicationProduct[]> {
    return productsOf(unit.code, ctx);
  }
}
