import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertAdminCode,
  assertUnitArgInScope,
  auditedWrite,
  IDEMPOTENCY_KEY_DESCRIPTION,
  isIsoDate,
  pageWindow,
  requiredText,
  todayInVietnam,
  toPage,
} from '@gnbv/kit';
import { badInput, clientError, ErrorCode, scopeCovers } from '@gnbv/platform';
import { AdminUnitRef } from '../refs';
import type { CultureContext } from '../context';
import { CommunicationProductConnection, CommunicationSummary } from './communication-product.connection';
import { CommunicationProduct } from './communication-product.entity';
import { CommunicationProductInput, CommunicationProductPageArgs } from './communication-product.input';
import { pageKey } from './communication-product.loader';
import { productRefusal, subProjectOf } from './communication-product.rules';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A page of the in-scope products of a unit; `argument` names where the code came from, for a refusal. */
async function productsOf(
  code: string,
  argument: string,
  args: CommunicationProductPageArgs,
  ctx: CultureContext,
): Promise<CommunicationProductConnection> {
  assertUnitArgInScope(ctx.principal, argument, assertAdminCode(argument, code));
  const window = pageWindow(args, 2);
  const after = window.after as [string, string] | null;
  if (after && (!isIsoDate(after[0]) || !UUID_SHAPE.test(after[1])))
    throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
  if (args.programYear != null && !(Number.isInteger(args.programYear) && args.programYear >= 2021 && args.programYear <= 2100))
    throw badInput('programYear', 'must be a programme year, 2021 to 2100');
  const page = await ctx.loaders.communication.pageByUnit.load(
    pageKey({ code, limit: window.limit, after, year: args.programYear ?? null, kind: args.kind ?? null }),
  );
  return toPage(page?.rows ?? [], window, (p) => [p.publishedOn, p.id], page?.totalCount ?? 0);
}

@Resolver(() => CommunicationProduct)
export class CommunicationProductResolver {
  @Query(() => CommunicationProductConnection, {
    description: 'Project 6 communication products in a commune or province of your scope, newest first.',
  })
  communicationProducts(
    @Arg('adminUnitCode') code: string,
    @Args() args: CommunicationProductPageArgs,
    @Ctx() ctx: CultureContext,
  ): Promise<CommunicationProductConnection> {
    return productsOf(code, 'adminUnitCode', args, ctx);
  }

  @Mutation(() => CommunicationProduct, {
    description: 'Records a communication product a commune of your scope produced. Idempotent.',
  })
  async recordCommunicationProduct(
    @Arg('input', () => CommunicationProductInput) input: CommunicationProductInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: CultureContext,
  ): Promise<CommunicationProduct> {
    const communeCode = assertAdminCode('input.communeCode', input.communeCode);
    if (communeCode.length !== 5) throw badInput('input.communeCode', 'must be a 5-digit commune code');
    const provinceCode = assertAdminCode('input.provinceCode', input.provinceCode);
    if (provinceCode.length !== 2) throw badInput('input.provinceCode', 'must be a 2-digit province code');
    if (!scopeCovers(ctx.principal, { communeCode, provinceCode }))
      throw clientError(
        ErrorCode.FORBIDDEN,
        `input.communeCode: commune ${communeCode} is outside your scope (${ctx.principal.scope.join(', ')}).`,
        { field: 'input.communeCode' },
      );
    const refusal = productRefusal(input, todayInVietnam());
    if (refusal) throw badInput(refusal.field, refusal.message);
    const values = {
      communeCode,
      provinceCode,
      kind: input.kind,
      subProject: subProjectOf(input.kind),
      programYear: input.programYear,
      title: requiredText('input.title', input.title, 300),
      publishedOn: input.publishedOn,
      audienceReach: input.audienceReach,
      householdsReached: input.householdsReached ?? null,
      producingOffice: requiredText('input.producingOffice', input.producingOffice, 200),
      recordedBy: ctx.principal.subject,
    };
    return auditedWrite(
      ctx,
      {
        operation: 'recordCommunicationProduct',
        idempotencyKey,
        input: { ...input },
        fields: ['CommunicationProduct'],
        subjectOf: (p: CommunicationProduct) => ({ type: 'CommunicationProduct', id: p.id }),
      },
      async (m) => {
        const repo = m.getRepository(CommunicationProduct);
        return repo.save(repo.create(values));
      },
    );
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitCommunicationResolver {
  @FieldResolver(() => CommunicationProductConnection, {
    nullable: true,
    description: 'Project 6 communication products here (a province: with its communes), in your scope, newest first.',
  })
  communicationProducts(
    @Root() unit: AdminUnitRef,
    @Args() args: CommunicationProductPageArgs,
    @Ctx() ctx: CultureContext,
  ): Promise<CommunicationProductConnection> {
    return productsOf(unit.code, 'code', args, ctx);
  }

  @FieldResolver(() => [CommunicationSummary], {
    nullable: true,
    description:
      'Communication products here (a province: with its communes), in your scope, totalled by kind; all years unless programYear is given.',
  })
  async communicationSummary(
    @Root() unit: AdminUnitRef,
    @Arg('programYear', () => Int, { nullable: true }) programYear: number | null,
    @Ctx() ctx: CultureContext,
  ): Promise<CommunicationSummary[]> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    return ctx.loaders.communication.summaryByUnit.load(`${unit.code}|${programYear ?? ''}`);
  }
}
