import 'reflect-metadata';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { badInput, conflictOn } from '@gnbv/platform';
import { SupportRecord } from '../program/program.entity';
import { lockedInScope } from '../scope';
import { assertUuid, requiredText } from '../validate';
import { auditedWrite, IDEMPOTENCY_KEY_DESCRIPTION, pastDate } from '../write';
import { SupportStepInput } from './support.inputs';
import type { SupportContext, SupportModuleOptions } from './support.options';
import { nextSupportStatus, SupportAction } from './support.rules';
import type { Support, SupportTypes } from './support.types';
import { attested } from './support.validate';

/** Moves the support (locked, in the principal's scope) one step; delivering re-checks the registry's statement. */
async function applyStep(
  m: EntityManager,
  ctx: SupportContext,
  ownedProjects: readonly number[],
  { id, input, on, reason }: { id: string; input: SupportStepInput; on: string; reason: string | null },
): Promise<SupportRecord> {
  const current = await lockedInScope(m, SupportRecord, id, ctx.principal, {
    alias: 's',
    commune: 'commune_code',
    province: 'province_code',
    what: 'support',
    argument: 'input.supportId',
  });
  const next = nextSupportStatus(current.status, input.action);
  if (typeof next !== 'string') throw conflictOn('input.action', next.refused);
  const changes: Partial<SupportRecord> = { status: next };
  if (input.action === SupportAction.DELIVER) {
    const statement = await attested(
      ctx,
      ownedProjects,
      input.registryAttestation!,
      'input.registryAttestation',
      current.householdId,
      on,
      current.kind,
      current.memberId,
    );
    Object.assign(changes, {
      deliveredOn: on,
      categoryOnDelivery: statement.category,
      deprivedOnDelivery: statement.deprivedIndicators,
      attestationId: statement.id,
    });
  } else if (input.action === SupportAction.VERIFY) {
    if (current.deliveredOn && on < current.deliveredOn)
      throw badInput('input.on', `must not be before the delivery (${current.deliveredOn})`);
    changes.verifiedOn = on;
  } else {
    Object.assign(changes, { cancelledOn: on, cancelReason: reason });
  }
  await m.getRepository(SupportRecord).update({ id }, changes);
  return m.getRepository(SupportRecord).findOneByOrFail({ id });
}

/** `Mutation.<step>`: one agency delivers, verifies or cancels one of its supports. */
export function stepSupportResolver(
  { names, ownedProjects, agency }: SupportModuleOptions,
  { Support }: SupportTypes,
  toSupport: (r: SupportRecord) => Support,
) {
  @Resolver(() => Support)
  class StepSupportResolver {
    @Mutation(() => Support, {
      name: names.step,
      description: `Delivers, verifies or cancels a ${agency} support. Delivering needs the registry's statement for the delivery date. Idempotent.`,
    })
    async step(
      @Arg('input', () => SupportStepInput) input: SupportStepInput,
      @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
      @Ctx() ctx: SupportContext,
    ): Promise<Support> {
      const id = assertUuid('input.supportId', input.supportId);
      const on = pastDate('input.on', input.on);
      const reason = input.action === SupportAction.CANCEL ? requiredText('input.reason', input.reason ?? '', 500) : null;
      if (input.action === SupportAction.DELIVER && !input.registryAttestation)
        throw badInput(
          'input.registryAttestation',
          "delivering needs the registry's statement about the household on the delivery date",
        );
      const row = await auditedWrite(
        ctx,
        {
          operation: names.step,
          idempotencyKey,
          input: { ...input, registryAttestation: undefined },
          fields: [`Support.status ${input.action}`],
          subjectOf: (r: SupportRecord) => ({ type: 'Household', id: r.householdId }),
        },
        (m) => applyStep(m, ctx, ownedProjects, { id, input, on, reason }),
      );
      return toSupport(row);
    }
  }
  return StepSupportResolver;
}
