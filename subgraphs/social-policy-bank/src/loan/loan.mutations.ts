import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  assertUuid,
  auditedWrite,
  IDEMPOTENCY_KEY_DESCRIPTION,
  IsoDateScalar,
  notVisible,
  optionalText,
  pastDate,
  requiredText,
  scopeWhere,
  todayInVietnam,
  VndScalar,
  type HouseholdCategory,
} from '@gnbv/kit';
import { badInput, clientError, conflictOn, ErrorCode } from '@gnbv/platform';
import type { BankContext } from '../context';
import { loanEligibility, type LoanOnDate } from '../eligibility/eligibility.rules';
import { LoanProgramme } from '../programme/programme.entity';
import { programmeOn } from '../programme/programme.rules';
import { memberOn, SavingsGroup } from '../savings-group/savings-group.entity';
import { readMemberships } from '../savings-group/savings-group.loader';
import { Loan, LoanInstalment, LoanPurposeCheck, LoanRepayment, LoanStatus, PurposeCheckBy, PurposeFinding } from './loan.entity';
import { LoanApplicationInput } from './loan.input';
import { readMovements, standingOf } from './loan.loader';
import { LoanAction, maturityDate, nextLoanStatus, owedOn, repaymentSchedule } from './loan.rules';

/*
 * The loan's life as audited, idempotent writes (the kit's auditedWrite: one transaction with the
 * idempotency key and the audit record). Bank officers of the loan's commune (or its province)
 * write, declaring purpose loan-eligibility (permissions.ts). Each write locks the loan row, so
 * two steps on one loan never interleave.
 */

const ofHousehold = (loan: Loan) => ({ type: 'Household', id: loan.householdId });

/** The loan (locked for this transaction when asked); a missing loan and one outside the scope answer alike. */
async function findLoan(m: EntityManager, ctx: BankContext, id: string, lock = false): Promise<Loan> {
  const scope = scopeWhere(ctx.principal, 'l.commune_code', 'l.province_code');
  const query = m.getRepository(Loan).createQueryBuilder('l').where('l.id = :id', { id }).andWhere(scope.sql, scope.params);
  const loan = await (lock ? query.setLock('pessimistic_write') : query).getOne();
  if (!loan) throw notVisible('loan', 'loanId');
  return loan;
}

const lockLoan = (m: EntityManager, ctx: BankContext, id: string) => findLoan(m, ctx, id, true);

function move(loan: Loan, action: LoanAction, owedAfter?: number) {
  const next = nextLoanStatus(loan.status, action, owedAfter);
  if (typeof next !== 'string') throw conflictOn('loanId', next.refused);
  return next;
}

const reload = (m: EntityManager, id: string) => m.getRepository(Loan).findOneByOrFail({ id });

/** The loans of the household owed on `day`, as the eligibility rule reads them (the loan being disbursed left out). */
async function owedLoansOn(m: EntityManager, book: Loan[], day: string): Promise<LoanOnDate[]> {
  const owed = book.filter((l) => owedOn(l, day));
  const movements = await readMovements(
    m,
    owed.map((l) => l.id),
  );
  return owed.map((loan) => {
    const standing = standingOf(loan, movements.get(loan.id)!, day)!;
    return { id: loan.id, programme: loan.program, outstanding: standing.outstanding, overdueAmount: standing.overdueAmount };
  });
}

@Resolver(() => Loan)
export class LoanMutationResolver {
  @Mutation(() => Loan, {
    description:
      'Records a loan application through a savings group the household belongs to on the day. The programme must be in force that day; the amount within its ceiling and the term within its maximum. Eligibility is checked in full when the loan is disbursed. Idempotent.',
  })
  async applyForLoan(
    @Arg('input', () => LoanApplicationInput) input: LoanApplicationInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const householdId = assertUuid('input.householdId', input.householdId);
    const groupId = assertUuid('input.savingsGroupId', input.savingsGroupId);
    const appliedOn = pastDate('input.appliedOn', input.appliedOn ?? todayInVietnam());
    const purpose = requiredText('input.purpose', input.purpose, 500);
    if (!Number.isInteger(input.termMonths) || input.termMonths < 1)
      throw badInput('input.termMonths', 'must be a whole number of months, 1 or more');
    if (input.amountRequested <= 0) throw badInput('input.amountRequested', 'must be more than 0 đồng');
    return auditedWrite(
      ctx,
      {
        operation: 'applyForLoan',
        idempotencyKey,
        input: { ...input, appliedOn },
        fields: ['Loan'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const scope = scopeWhere(ctx.principal, 'g.commune_code', 'g.province_code');
        const group = await m
          .getRepository(SavingsGroup)
          .createQueryBuilder('g')
          .where('g.id = :groupId', { groupId })
          .andWhere(scope.sql, scope.params)
          .getOne();
        if (!group) throw notVisible('savings group', 'input.savingsGroupId');
        const version = programmeOn(await m.getRepository(LoanProgramme).find(), input.programme, appliedOn);
        if (!version) throw badInput('input.programme', `no version of ${input.programme} is in force on ${appliedOn}`);
        if (input.amountRequested > version.ceilingPerHousehold)
          throw badInput(
            'input.amountRequested',
            `must be at most the ${input.programme} ceiling of ${version.ceilingPerHousehold.toLocaleString('en-US')} VND`,
          );
        if (input.termMonths > version.maxTermMonths)
          throw badInput('input.termMonths', `must be at most ${version.maxTermMonths} months under ${input.programme}`);
        const memberships = await readMemberships(m, [householdId]);
        if (!memberships.some((ms) => ms.savingsGroupId === groupId && memberOn(ms, appliedOn)))
          throw badInput(
            'input.householdId',
            `is not a member of savings group ${group.code} on ${appliedOn}: the group approves its own members only (addSavingsGroupMember first)`,
          );
        const inserted = await m
          .createQueryBuilder()
          .insert()
          .into(Loan)
          .values({
            householdId,
            communeCode: group.communeCode,
            provinceCode: group.provinceCode,
            savingsGroupId: groupId,
            program: input.programme,
            status: LoanStatus.APPLIED,
            amountRequested: input.amountRequested,
            termMonths: input.termMonths,
            purpose,
            appliedOn,
            recordedBy: ctx.principal.subject,
          })
          .returning('id')
          .execute();
        return reload(m, (inserted.identifiers[0] as { id: string }).id);
      },
    );
  }

  @Mutation(() => Loan, {
    description: 'Approves an application (APPLIED → APPROVED), for the amount asked or less. Idempotent.',
  })
  async approveLoan(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('on', () => IsoDateScalar, { description: 'The day the group and the bank approved it (not in the future).' })
    on: string,
    @Arg('principal', () => VndScalar, { nullable: true, description: 'The amount approved; default the amount asked.' })
    principal: number | null,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('on', on);
    if (principal !== null && principal <= 0) throw badInput('principal', 'must be more than 0 đồng');
    return auditedWrite(
      ctx,
      {
        operation: 'approveLoan',
        idempotencyKey,
        input: { loanId: id, on: day, principal },
        fields: ['Loan.status APPROVE'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const loan = await lockLoan(m, ctx, id);
        const status = move(loan, LoanAction.APPROVE);
        if (day < loan.appliedOn) throw badInput('on', `must not be before the application (${loan.appliedOn})`);
        const amount = principal ?? loan.amountRequested;
        if (amount > loan.amountRequested)
          throw badInput('principal', `must be at most the amount asked (${loan.amountRequested.toLocaleString('en-US')} VND)`);
        await m.getRepository(Loan).update({ id }, { status, approvedOn: day, principal: amount });
        return reload(m, id);
      },
    );
  }

  @Mutation(() => Loan, {
    description: 'Rejects an application or an approved loan not yet disbursed, with the reason. Idempotent.',
  })
  async rejectLoan(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('on', () => IsoDateScalar) on: string,
    @Arg('reason') reason: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('on', on);
    const why = requiredText('reason', reason, 500);
    return auditedWrite(
      ctx,
      {
        operation: 'rejectLoan',
        idempotencyKey,
        input: { loanId: id, on: day, reason: why },
        fields: ['Loan.status REJECT'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const loan = await lockLoan(m, ctx, id);
        const status = move(loan, LoanAction.REJECT);
        if (day < loan.appliedOn) throw badInput('on', `must not be before the application (${loan.appliedOn})`);
        await m.getRepository(Loan).update({ id }, { status, rejectedOn: day, rejectionReason: why });
        return reload(m, id);
      },
    );
  }

  @Mutation(() => Loan, {
    description:
      "Disburses an approved loan on `on`: in the same transaction it verifies the labor registry's statement about the household that day (category, commune), locks the household's loans, and runs the eligibility rule again; any reason refuses it (BAD_USER_INPUT naming every reason). Fixes the rate of the programme version in force that day and makes the repayment schedule. Idempotent.",
  })
  async disburseLoan(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('on', () => IsoDateScalar, { description: 'The disbursement day (not in the future).' }) on: string,
    @Arg('registryAttestation', {
      description: "The registry's statement about the household on `on` (Household.registryAttestation(on:)), sent unchanged.",
    })
    registryAttestation: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('on', on);
    return auditedWrite(
      ctx,
      {
        operation: 'disburseLoan',
        idempotencyKey,
        input: { loanId: id, on: day, registryAttestation },
        fields: ['Loan.status DISBURSE', 'Loan.schedule'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        // Every loan of the household, in any commune, locked in id order (so two disbursements to
        // one household are decided one after the other, each seeing the other's balance, and
        // never deadlock); the loan itself among them, read again under the lock.
        const visible = await findLoan(m, ctx, id);
        const book = await m
          .getRepository(Loan)
          .createQueryBuilder('l')
          .setLock('pessimistic_write')
          .where('l.household_id = :household', { household: visible.householdId })
          .orderBy('l.id', 'ASC')
          .getMany();
        const loan = book.find((l) => l.id === id)!;
        const status = move(loan, LoanAction.DISBURSE);
        if (loan.approvedOn && day < loan.approvedOn)
          throw badInput('on', `must not be before the approval (${loan.approvedOn})`);
        const statement = await ctx.registry
          .verifier()
          .verify(registryAttestation, { householdId: loan.householdId, on: day }, 'registryAttestation');
        const version = programmeOn(await m.getRepository(LoanProgramme).find(), loan.program, day);
        const result = loanEligibility({
          programme: loan.program,
          on: day,
          version,
          categoryPeriods: statement.category ? [{ category: statement.category, from: day, until: null }] : [],
          householdCommune: statement.communeCode,
          memberships: await readMemberships(m, [loan.householdId]),
          lendingGroupId: loan.savingsGroupId,
          loans: await owedLoansOn(
            m,
            book.filter((l) => l.id !== id),
            day,
          ),
          amount: loan.principal,
        });
        if (!result.eligible)
          throw clientError(
            ErrorCode.BAD_USER_INPUT,
            `loanId: the loan cannot be disbursed on ${day}: ${result.reasons.map((r) => `${r.code} (${r.message})`).join('; ')}.`,
            { field: 'loanId', reasons: result.reasons.map((r) => r.code) },
          );
        if (!version) throw new Error('an eligible loan has a programme version'); // NO_PROGRAMME_ON_DATE refused it
        if (loan.termMonths > version.maxTermMonths)
          throw badInput(
            'loanId',
            `its term of ${loan.termMonths} months is above the ${loan.program} maximum of ${version.maxTermMonths} on ${day}`,
          );
        const principal = loan.principal!;
        await m
          .getRepository(LoanInstalment)
          .insert(repaymentSchedule(principal, loan.termMonths, day).map((i) => ({ ...i, loanId: id })));
        await m.getRepository(Loan).update(
          { id },
          {
            status,
            disbursedOn: day,
            maturesOn: maturityDate(day, loan.termMonths),
            programmeId: version.id,
            annualRatePercent: version.annualRatePercent,
            overdueRatePercent: version.overdueRatePercent,
            categoryAtDisbursement: statement.category as HouseholdCategory | null,
            attestationId: statement.id,
          },
        );
        return reload(m, id);
      },
    );
  }

  @Mutation(() => Loan, {
    description:
      'Records a repayment of principal and/or interest. The first makes the loan REPAYING; one that leaves no principal owed SETTLES it. Idempotent.',
  })
  async recordLoanRepayment(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('paidOn', () => IsoDateScalar, { description: 'Not before disbursement, not in the future.' }) paidOn: string,
    @Arg('principal', () => VndScalar, { defaultValue: 0, description: 'Principal paid; at most what is owed.' })
    principal: number,
    @Arg('interest', () => VndScalar, { defaultValue: 0 }) interest: number,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('paidOn', paidOn);
    if (principal < 0) throw badInput('principal', 'must not be negative');
    if (interest < 0) throw badInput('interest', 'must not be negative');
    if (principal + interest === 0) throw badInput('principal', 'a repayment pays some principal or some interest');
    return auditedWrite(
      ctx,
      {
        operation: 'recordLoanRepayment',
        idempotencyKey,
        input: { loanId: id, paidOn: day, principal, interest },
        fields: ['Loan.repayments'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const loan = await lockLoan(m, ctx, id);
        move(loan, LoanAction.REPAY, 1);
        if (day < loan.disbursedOn!) throw badInput('paidOn', `must not be before the disbursement (${loan.disbursedOn})`);
        const { repayments } = (await readMovements(m, [id])).get(id)!;
        const owed = loan.principal! - repayments.reduce((sum, r) => sum + r.principal, 0);
        if (principal > owed)
          throw badInput('principal', `must be at most the ${owed.toLocaleString('en-US')} VND of principal owed`);
        const status = move(loan, LoanAction.REPAY, owed - principal);
        await m
          .getRepository(LoanRepayment)
          .insert({ loanId: id, paidOn: day, principal, interest, recordedBy: ctx.principal.subject });
        const lastPaid = [day, ...repayments.map((r) => r.paidOn)].sort().at(-1)!;
        await m.getRepository(Loan).update({ id }, { status, ...(owed - principal === 0 ? { settledOn: lastPaid } : {}) });
        return reload(m, id);
      },
    );
  }

  @Mutation(() => Loan, { description: 'Writes off a disbursed loan that will not be repaid, with the reason. Idempotent.' })
  async writeOffLoan(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('on', () => IsoDateScalar) on: string,
    @Arg('reason') reason: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('on', on);
    const why = requiredText('reason', reason, 500);
    return auditedWrite(
      ctx,
      {
        operation: 'writeOffLoan',
        idempotencyKey,
        input: { loanId: id, on: day, reason: why },
        fields: ['Loan.status WRITE_OFF'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const loan = await lockLoan(m, ctx, id);
        const status = move(loan, LoanAction.WRITE_OFF);
        if (day < loan.disbursedOn!) throw badInput('on', `must not be before the disbursement (${loan.disbursedOn})`);
        await m.getRepository(Loan).update({ id }, { status, writtenOffOn: day, writeOffReason: why });
        return reload(m, id);
      },
    );
  }

  @Mutation(() => Loan, {
    description:
      'Records what a disbursed loan was found used for, by its savings group or an inspection; WRONG_PURPOSE needs a note. Idempotent.',
  })
  async recordLoanPurposeCheck(
    @Arg('loanId', () => ID) loanId: string,
    @Arg('on', () => IsoDateScalar) on: string,
    @Arg('checkedBy', () => PurposeCheckBy) checkedBy: PurposeCheckBy,
    @Arg('finding', () => PurposeFinding) finding: PurposeFinding,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: BankContext,
  ): Promise<Loan> {
    const id = assertUuid('loanId', loanId);
    const day = pastDate('on', on);
    const text = optionalText('note', note, 1000);
    if (finding === PurposeFinding.WRONG_PURPOSE && !text) throw badInput('note', 'say what the money was used for instead');
    return auditedWrite(
      ctx,
      {
        operation: 'recordLoanPurposeCheck',
        idempotencyKey,
        input: { loanId: id, on: day, checkedBy, finding, note: text },
        fields: ['Loan.purposeChecks'],
        subjectOf: ofHousehold,
      },
      async (m) => {
        const loan = await lockLoan(m, ctx, id);
        move(loan, LoanAction.CHECK_PURPOSE);
        if (day < loan.disbursedOn!) throw badInput('on', `must not be before the disbursement (${loan.disbursedOn})`);
        await m
          .getRepository(LoanPurposeCheck)
          .insert({ loanId: id, checkedOn: day, checkedBy, finding, note: text, recordedBy: ctx.principal.subject });
        return reload(m, id);
      },
    );
  }
}
