import 'reflect-metadata';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { badInput } from '@gnbv/platform';
import type { HouseholdCategory } from '../program/catalogue';
import { SupportRecord } from '../program/program.entity';
import type { RegistryAttestation } from '../registry-attestation';
import { auditedWrite, IDEMPOTENCY_KEY_DESCRIPTION } from '../write';
import { SupportInput } from './support.inputs';
import type { SupportContext, SupportModuleOptions } from './support.options';
import { SupportStatus } from './support.rules';
import type { Support, SupportTypes } from './support.types';
import { attested, validated } from './support.validate';

/** Inserts the new support row, with the registry's statement kept as its evidence. */
async function insertSupport(
  m: EntityManager,
  input: SupportInput,
  v: ReturnType<typeof validated>,
  statement: RegistryAttestation,
  recordedBy: string,
): Promise<SupportRecord> {
  const delivered = input.status === SupportStatus.DELIVERED;
  const inserted = await m
    .createQueryBuilder()
    .insert()
    .into(SupportRecord)
    .values({
      householdId: v.householdId,
      memberId: v.memberId,
      communeCode: statement.communeCode,
      provinceCode: statement.provinceCode,
      project: v.rule.project,
      subProject: v.rule.subProject,
      kind: input.kind,
      initiativeId: v.initiativeId,
      description: v.description,
      quantity: input.quantity,
      unit: v.unit,
      value: input.value,
      status: input.status,
      plannedOn: v.on,
      deliveredOn: delivered ? v.on : null,
      deliveringOffice: v.deliveringOffice,
      programYear: input.programYear,
      categoryOnDelivery: delivered ? (statement.category as HouseholdCategory | null) : null,
      deprivedOnDelivery: delivered ? statement.deprivedIndicators : null,
      attestationId: statement.id,
      recordedBy,
    })
    .returning('id')
    .execute();
  return m.getRepository(SupportRecord).findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id });
}

/** `Mutation.<record>`: one agency records a support it delivered, or plans one. */
export function recordSupportResolver(
  options: SupportModuleOptions,
  { Support }: SupportTypes,
  toSupport: (r: SupportRecord) => Support,
) {
  const { names, ownedProjects, agency } = options;

  @Resolver(() => Support)
  class RecordSupportResolver {
    @Mutation(() => Support, {
      name: names.record,
      description: `Records a support ${agency} delivered (or plans one) for a household, with the registry's statement about the household on that date. Idempotent.`,
    })
    async record(
      @Arg('input', () => SupportInput) input: SupportInput,
      @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
      @Ctx() ctx: SupportContext,
    ): Promise<Support> {
      const v = validated(input, ownedProjects);
      const row = await auditedWrite(
        ctx,
        {
          operation: names.record,
          idempotencyKey,
          // The registry's statement is evidence, not the request: a retry with a fresh one is the same request.
          input: { ...input, registryAttestation: undefined },
          fields: ['Support'],
          subjectOf: (r: SupportRecord) => ({ type: 'Household', id: r.householdId }),
        },
        async (m) => {
          const statement = await attested(
            ctx,
            ownedProjects,
            input.registryAttestation,
            'input.registryAttestation',
            v.householdId,
            v.on,
            input.kind,
            v.memberId,
          );
          if (v.initiativeId) {
            if (!options.checkInitiative)
              throw badInput('input.initiativeId', `${agency} supports do not belong to initiatives: leave it out`);
            await options.checkInitiative(m, v.initiativeId, {
              householdId: v.householdId,
              communeCode: statement.communeCode,
              kind: input.kind,
              on: v.on,
            });
          }
          return insertSupport(m, input, v, statement, ctx.principal.subject);
        },
      );
      return toSupport(row);
    }
  }
  return RecordSupportResolver;
}
