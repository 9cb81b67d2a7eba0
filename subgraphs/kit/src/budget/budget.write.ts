import 'reflect-metadata';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { badInput, type Principal } from '@gnbv/platform';
import { BudgetLineRecord, DisbursementRecord } from '../program/program.entity';
import { lockedInScope } from '../scope';
import { assertUuid, optionalText, requiredText } from '../validate';
import { auditedWrite, IDEMPOTENCY_KEY_DESCRIPTION, pastDate } from '../write';
import { BudgetLineInput, DisbursementInput } from './budget.inputs';
import type { BudgetContext } from './budget.loaders';
import type { BudgetModuleOptions } from './budget.options';
import { disbursementCheck } from './budget.rules';
import { BudgetLine, toLine } from './budget.types';
import { validatedLine } from './budget.validate';

/** Creates the line, or changes the one with the same unit, year, project, sub-project and source (locked). */
async function upsertLine(
  m: EntityManager,
  input: BudgetLineInput,
  { unitCode, provinceCode, subProject, note }: ReturnType<typeof validatedLine>,
  recordedBy: string,
): Promise<BudgetLineRecord> {
  const repo = m.getRepository(BudgetLineRecord);
  const existing = await repo
    .createQueryBuilder('b')
    .setLock('pessimistic_write')
    .where('b.unit_code = :unitCode AND b.year = :year AND b.project = :project AND b.funding_source = :source', {
      unitCode,
      year: input.year,
      project: input.project,
      source: input.fundingSource,
    })
    .andWhere(subProject === null ? 'b.sub_project IS NULL' : 'b.sub_project = :subProject', { subProject })
    .getOne();
  if (existing && input.allocated < existing.disbursed && !existing.overAllocated)
    throw badInput('input.allocated', `must not be below what the line has already disbursed (${existing.disbursed} đồng)`);
  const values = { planned: input.planned, allocated: input.allocated, deadline: input.deadline, note, recordedBy };
  if (existing) {
    await repo.update({ id: existing.id }, values);
    return repo.findOneByOrFail({ id: existing.id });
  }
  return repo.save(
    repo.create({
      ...values,
      unitCode,
      provinceCode,
      year: input.year,
      project: input.project,
      subProject,
      fundingSource: input.fundingSource,
      disbursed: 0,
      overAllocated: false,
    }),
  );
}

/** Pays `input.amount` out of the line (locked, in the principal's scope); beyond the allocation only with `override`. */
async function payOut(
  m: EntityManager,
  id: string,
  input: DisbursementInput,
  { reference, override }: { reference: string; override: string | null },
  principal: Principal,
): Promise<BudgetLineRecord> {
  const line = await lockedInScope(m, BudgetLineRecord, id, principal, {
    alias: 'b',
    commune: 'unit_code',
    province: 'province_code',
    what: 'budget line',
    argument: 'input.budgetLineId',
  });
  pastDate('input.disbursedOn', input.disbursedOn, { date: `${line.year}-01-01`, what: `the line's year (${line.year})` });
  const check = disbursementCheck(line, input.amount);
  if (!check.fits && !override)
    throw badInput(
      'input.amount',
      `would bring the line to ${check.after} đồng disbursed, above its allocation of ${line.allocated} (headroom ${check.headroom}); pay at most the headroom, or give overAllocationReason to override (audited)`,
    );
  await m.getRepository(DisbursementRecord).insert({
    budgetLineId: id,
    amount: input.amount,
    disbursedOn: input.disbursedOn,
    reference,
    overAllocationReason: check.fits ? null : override,
    recordedBy: principal.subject,
  });
  await m
    .createQueryBuilder()
    .update(BudgetLineRecord)
    .set({ disbursed: () => 'disbursed + :amount', ...(check.fits ? {} : { overAllocated: true }) })
    .where('id = :id', { id, amount: input.amount })
    .execute();
  return m.getRepository(BudgetLineRecord).findOneByOrFail({ id });
}

/** `Mutation.<save>` and `Mutation.<disburse>`: one agency's budget writes, audited and idempotent. */
export function budgetWriteResolver(options: BudgetModuleOptions) {
  const { agency, names } = options;

  @Resolver(() => BudgetLine)
  class BudgetWriteResolver {
    @Mutation(() => BudgetLine, {
      name: names.save,
      description: `Creates a ${agency} budget line, or changes the plan, allocation, deadline or note of the line with the same unit, year, project, sub-project and source. Idempotent.`,
    })
    async save(
      @Arg('input', () => BudgetLineInput) input: BudgetLineInput,
      @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine> {
      const line = validatedLine(input, ctx.principal, options);
      const row = await auditedWrite(
        ctx,
        {
          operation: names.save,
          idempotencyKey,
          input: { ...input },
          fields: ['BudgetLine'],
          subjectOf: (r: BudgetLineRecord) => ({ type: 'BudgetLine', id: r.id }),
        },
        (m) => upsertLine(m, input, line, ctx.principal.subject),
      );
      return toLine(agency, row);
    }

    @Mutation(() => BudgetLine, {
      name: names.disburse,
      description: `Records a payment out of a ${agency} budget line. It may not take the line beyond its allocation unless overAllocationReason says why (an audited override). Idempotent.`,
    })
    async disburse(
      @Arg('input', () => DisbursementInput) input: DisbursementInput,
      @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine> {
      const id = assertUuid('input.budgetLineId', input.budgetLineId);
      if (!(input.amount > 0)) throw badInput('input.amount', 'must be more than 0 đồng');
      pastDate('input.disbursedOn', input.disbursedOn);
      const reference = requiredText('input.reference', input.reference, 100);
      const override = optionalText('input.overAllocationReason', input.overAllocationReason, 1000);
      const row = await auditedWrite(
        ctx,
        {
          operation: names.disburse,
          idempotencyKey,
          input: { ...input },
          fields: override ? ['Disbursement', 'Disbursement.overAllocationReason (override)'] : ['Disbursement'],
          subjectOf: (r: BudgetLineRecord) => ({ type: 'BudgetLine', id: r.id }),
        },
        (m) => payOut(m, id, input, { reference, override }, ctx.principal),
      );
      return toLine(agency, row);
    }
  }
  return BudgetWriteResolver;
}
