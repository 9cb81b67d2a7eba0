import 'reflect-metadata';
import DataLoader from 'dataloader';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badInput, clientError, ErrorCode, scopeCovers, type Agency, type Principal } from '@gnbv/platform';
import { isIsoDate, todayInVietnam } from '../dates';
import { manyByKey } from '../loaders';
import { analyst, anyOf, can, officer, type PermissionTable } from '../permissions';
import { FundingSource, projectNamed } from '../program/catalogue';
import { BudgetLineRecord, DisbursementRecord } from '../program/program.entity';
import { fromRawRows } from '../program/raw-rows';
import type { AdminUnitRef } from '../refs';
import { IsoDateScalar, VndScalar } from '../scalars';
import { assertUnitArgInScope, lockedInScope, scopeParam, scopeSqlRaw, scopeWhere } from '../scope';
import type { SubgraphContext } from '../subgraph';
import { assertAdminCode, assertUuid, optionalText, requiredText } from '../validate';
import { auditedWrite, IDEMPOTENCY_KEY_DESCRIPTION, pastDate } from '../write';
import { disbursementCheck, disbursementRate, isLate } from './budget.rules';

/*
 * Budget lines and disbursements: one shape for every agency, for the projects it runs. A line is
 * one administrative unit (commune or province), year, project (and sub-project) and funding
 * source: planned, allocated, disbursed, and a disbursement deadline. A subgraph calls
 * `defineBudgetModule(...)` with the names its fields take in the composed graph.
 */

@Directive('@shareable')
@ObjectType({ description: 'Money paid out of a budget line.' })
export class Disbursement {
  @Field(() => ID)
  id!: string;

  @Field(() => VndScalar)
  amount!: number;

  @Field(() => IsoDateScalar)
  disbursedOn!: string;

  @Field({ description: 'The payment voucher or treasury reference.' })
  reference!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was paid beyond the allocation, when it was (an audited override).',
  })
  overAllocationReason!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'A project budget line of one unit, year and funding source.' })
export class BudgetLine {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The agency that runs the project and keeps the line.' })
  agency!: string;

  @Field({ description: 'The commune (5 digits) or province (2 digits) the money is for.' })
  unitCode!: string;

  @Field()
  provinceCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Project of the programme (1-7).' })
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject!: number | null;

  @Field()
  projectName!: string;

  @Field(() => FundingSource)
  fundingSource!: FundingSource;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => VndScalar)
  disbursed!: number;

  @Field(() => VndScalar, { description: 'Allocated but not yet paid out (0 when paid in full or beyond).' })
  undisbursed!: number;

  @Field(() => Float, { description: 'Disbursed ÷ allocated (0 to 1; above 1 only after an audited override).' })
  disbursementRate!: number;

  @Field(() => IsoDateScalar, { description: 'The date by which the allocation must be disbursed.' })
  deadline!: string;

  @Field({ description: 'Past its deadline (today in Vietnam) with money undisbursed.' })
  late!: boolean;

  @Field({ description: 'Disbursed beyond the allocation by an audited override.' })
  overAllocated!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Budget lines of a unit and year totalled by project (a province includes its communes).' })
export class BudgetProjectTotal {
  @Field(() => Int)
  project!: number;

  @Field()
  projectName!: string;

  @Field(() => Int)
  lineCount!: number;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => VndScalar)
  disbursed!: number;

  @Field(() => Float)
  disbursementRate!: number;

  @Field(() => Int, { description: 'Lines past their deadline with money undisbursed.' })
  lateLineCount!: number;

  @Field(() => VndScalar, { description: 'Money undisbursed on the late lines.' })
  lateUndisbursed!: number;
}

@InputType({ description: 'A budget line to create, or (same unit, year, project, sub-project and source) to change.' })
export class BudgetLineInput {
  @Field({ description: 'Commune (5 digits) or province (2 digits).' })
  unitCode!: string;

  @Field({ description: 'The province of the unit (the unit itself for a province line).' })
  provinceCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject?: number | null;

  @Field(() => FundingSource)
  fundingSource!: FundingSource;

  @Field(() => VndScalar)
  planned!: number;

  @Field(() => VndScalar)
  allocated!: number;

  @Field(() => IsoDateScalar)
  deadline!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'Money paid out of a budget line.' })
export class DisbursementInput {
  @Field(() => ID)
  budgetLineId!: string;

  @Field(() => VndScalar, { description: 'More than 0.' })
  amount!: number;

  @Field(() => IsoDateScalar, { description: 'Not in the future.' })
  disbursedOn!: string;

  @Field({ description: 'The payment voucher or treasury reference.' })
  reference!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only to pay beyond the allocation: why. The override is kept with the payment and in the audit trail.',
  })
  overAllocationReason?: string | null;
}

const toLine = (agency: string, r: BudgetLineRecord, today = todayInVietnam()): BudgetLine => ({
  id: r.id,
  agency,
  unitCode: r.unitCode,
  provinceCode: r.provinceCode,
  year: r.year,
  project: r.project,
  subProject: r.subProject,
  projectName: projectNamed(r.project)?.name ?? `Project ${r.project}`,
  fundingSource: r.fundingSource,
  planned: r.planned,
  allocated: r.allocated,
  disbursed: r.disbursed,
  undisbursed: Math.max(0, r.allocated - r.disbursed),
  disbursementRate: disbursementRate(r),
  deadline: r.deadline,
  late: isLate(r, today),
  overAllocated: r.overAllocated,
  note: r.note,
});

/** `unit_code` for a commune; for a province its own lines, and with `communes` its communes' too. */
const LINE_MATCH = `(b.unit_code = u.code OR ($3::boolean AND length(u.code) = 2 AND b.province_code = u.code))`;

/** Per-request loaders of the budget tables, in the principal's scope, one statement per batch. */
export function budgetLoaders(db: DataSource, principal: Principal) {
  const inScope = (n: number) => scopeSqlRaw(principal, 'b.unit_code', 'b.province_code', n);
  return {
    /** Key `code|year|communes`: a unit's lines of a year. */
    linesByUnit: new DataLoader<string, BudgetLineRecord[]>(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const k of keys) {
        const [code, ...rest] = k.split('|');
        groups.set(rest.join('|'), [...(groups.get(rest.join('|')) ?? []), code!]);
      }
      const out = new Map<string, BudgetLineRecord[]>();
      for (const [group, codes] of groups) {
        const [year, communes] = group.split('|');
        const rows: Array<Record<string, unknown>> = await db.query(
          `SELECT u.code AS unit__code, b.* FROM unnest($1::text[]) AS u(code) JOIN budget_line b ON ${LINE_MATCH}
           WHERE b.year = $4 AND ${inScope(2)}
           ORDER BY u.code, b.project, b.sub_project NULLS FIRST, length(b.unit_code), b.unit_code, b.funding_source`,
          [codes, scopeParam(principal), communes === 'true', Number(year)],
        );
        const records = fromRawRows(db, BudgetLineRecord, rows);
        records.forEach((r, i) => {
          const k = `${rows[i]!.unit__code as string}|${group}`;
          out.set(k, [...(out.get(k) ?? []), r]);
        });
      }
      return keys.map((k) => out.get(k) ?? []);
    }),
    /** Key `code|year|asOf`: a unit's lines totalled by project; a province includes its communes. */
    totalsByUnit: new DataLoader<string, BudgetProjectTotal[]>(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const k of keys) {
        const [code, year, asOf] = k.split('|');
        groups.set(`${year}|${asOf}`, [...(groups.get(`${year}|${asOf}`) ?? []), code!]);
      }
      const out = new Map<string, BudgetProjectTotal[]>();
      for (const [group, codes] of groups) {
        const [year, asOf] = group.split('|');
        const rows: Array<{
          code: string;
          project: number;
          n: number;
          p: string;
          a: string;
          d: string;
          late: number;
          lu: string;
        }> = await db.query(
          `SELECT u.code, b.project, count(*)::int AS n, sum(b.planned)::text AS p, sum(b.allocated)::text AS a,
                    sum(b.disbursed)::text AS d,
                    (count(*) FILTER (WHERE b.deadline < $5 AND b.disbursed < b.allocated))::int AS late,
                    coalesce(sum(b.allocated - b.disbursed) FILTER (WHERE b.deadline < $5 AND b.disbursed < b.allocated), 0)::text AS lu
             FROM unnest($1::text[]) AS u(code) JOIN budget_line b ON ${LINE_MATCH}
             WHERE b.year = $4 AND ${inScope(2)}
             GROUP BY u.code, b.project ORDER BY u.code, b.project`,
          [codes, scopeParam(principal), true, Number(year), asOf],
        );
        for (const r of rows) {
          const k = `${r.code}|${group}`;
          const money = { allocated: Number(r.a), disbursed: Number(r.d) };
          out.set(k, [
            ...(out.get(k) ?? []),
            {
              project: r.project,
              projectName: projectNamed(r.project)?.name ?? `Project ${r.project}`,
              lineCount: r.n,
              planned: Number(r.p),
              ...money,
              disbursementRate: disbursementRate(money),
              lateLineCount: r.late,
              lateUndisbursed: Number(r.lu),
            },
          ]);
        }
      }
      return keys.map((k) => out.get(k) ?? []);
    }),
    disbursementsByLine: manyByKey(
      (ids: readonly string[]) =>
        db
          .getRepository(DisbursementRecord)
          .createQueryBuilder('d')
          .where('d.budget_line_id IN (:...ids)', { ids: [...ids] })
          .orderBy({ 'd.disbursed_on': 'ASC', 'd.id': 'ASC' })
          .getMany(),
      (d) => d.budgetLineId,
    ),
  };
}

export type BudgetLoaders = ReturnType<typeof budgetLoaders>;
export type BudgetContext = SubgraphContext<{ budget: BudgetLoaders }>;

/** The fields of a budget line read through its own loaders: one resolver class for every subgraph. */
@Resolver(() => BudgetLine)
export class BudgetLineFieldsResolver {
  @FieldResolver(() => [Disbursement], { description: 'Payments out of the line, oldest first.' })
  async disbursements(@Root() line: BudgetLine, @Ctx() ctx: BudgetContext): Promise<Disbursement[]> {
    return ctx.loaders.budget.disbursementsByLine.load(line.id);
  }
}

export interface BudgetModuleOptions {
  agency: Agency;
  ownedProjects: readonly number[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- type-graphql stub class
  AdminUnitRef: new (...args: any[]) => AdminUnitRef;
  /** Names in the composed graph, unique to this agency. */
  names: { lines: string; totals: string; late: string; save: string; disburse: string };
}

function yearArg(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 2021 || year > 2100) throw badInput(field, 'must be a programme year, 2021 to 2100');
  return year;
}

/** The GraphQL fields, mutations and permission rules of one agency's budget lines. */
export function defineBudgetModule(options: BudgetModuleOptions) {
  const { agency, ownedProjects, AdminUnitRef, names } = options;

  @Resolver(() => AdminUnitRef)
  class UnitBudgetResolver {
    @FieldResolver(() => [BudgetLine], {
      name: names.lines,
      nullable: true,
      description: `Budget lines of ${agency}'s projects (${ownedProjects.join(', ')}) for this unit and year, in your scope; for a province, with includeCommunes, its communes' lines too.`,
    })
    async lines(
      @Root() unit: AdminUnitRef,
      @Arg('year', () => Int) year: number,
      @Arg('includeCommunes', { defaultValue: false }) includeCommunes: boolean,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      const rows = await ctx.loaders.budget.linesByUnit.load(`${unit.code}|${yearArg('year', year)}|${includeCommunes}`);
      return rows.map((r) => toLine(agency, r));
    }

    @FieldResolver(() => [BudgetProjectTotal], {
      name: names.totals,
      nullable: true,
      description: `${agency}'s budget for this unit and year by project: a province's totals include its communes' lines.`,
    })
    async totals(
      @Root() unit: AdminUnitRef,
      @Arg('year', () => Int) year: number,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetProjectTotal[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      return ctx.loaders.budget.totalsByUnit.load(`${unit.code}|${yearArg('year', year)}|${todayInVietnam()}`);
    }
  }

  @Resolver(() => BudgetLine)
  class BudgetResolver {
    @Query(() => [BudgetLine], {
      name: names.late,
      description: `${agency}'s budget lines in a unit (a province: with its communes) past their deadline on asOf (default today) with money undisbursed, in your scope, earliest deadline first.`,
    })
    async late(
      @Arg('unitCode') unitCode: string,
      @Arg('asOf', () => IsoDateScalar, { nullable: true }) asOf: string | null,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine[]> {
      const code = assertAdminCode('unitCode', unitCode);
      assertUnitArgInScope(ctx.principal, 'unitCode', code);
      const day = asOf ?? todayInVietnam();
      const scope = scopeWhere(ctx.principal, 'b.unit_code', 'b.province_code');
      const rows = await ctx.db
        .getRepository(BudgetLineRecord)
        .createQueryBuilder('b')
        .where(scope.sql, scope.params)
        .andWhere(code.length === 2 ? 'b.province_code = :code' : 'b.unit_code = :code', { code })
        .andWhere('b.deadline < :day AND b.disbursed < b.allocated', { day })
        .orderBy({ 'b.deadline': 'ASC', 'b.unit_code': 'ASC', 'b.project': 'ASC', 'b.id': 'ASC' })
        .limit(1000)
        .getMany();
      return rows.map((r) => toLine(agency, r, day));
    }

    @Mutation(() => BudgetLine, {
      name: names.save,
      description: `Creates a ${agency} budget line, or changes the plan, allocation, deadline or note of the line with the same unit, year, project, sub-project and source. Idempotent.`,
    })
    async save(
      @Arg('input', () => BudgetLineInput) input: BudgetLineInput,
      @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
      @Ctx() ctx: BudgetContext,
    ): Promise<BudgetLine> {
      const unitCode = assertAdminCode('input.unitCode', input.unitCode);
      const provinceCode = assertAdminCode('input.provinceCode', input.provinceCode);
      if (provinceCode.length !== 2) throw badInput('input.provinceCode', 'must be a 2-digit province code');
      if (unitCode.length === 2 && unitCode !== provinceCode)
        throw badInput('input.provinceCode', 'for a province line, must be the unit itself');
      if (!scopeCovers(ctx.principal, { communeCode: unitCode, provinceCode }))
        throw clientError(
          ErrorCode.FORBIDDEN,
          `input.unitCode: unit ${unitCode} is outside your scope (${ctx.principal.scope.join(', ')}).`,
          {
            field: 'input.unitCode',
          },
        );
      yearArg('input.year', input.year);
      if (!ownedProjects.includes(input.project))
        throw badInput('input.project', `${agency} keeps the budget of projects ${ownedProjects.join(', ')}`);
      const project = projectNamed(input.project)!;
      const subProject = input.subProject ?? null;
      if (subProject !== null && !project.subProjects[subProject])
        throw badInput(
          'input.subProject',
          `project ${input.project} has sub-projects ${Object.keys(project.subProjects).join(', ') || 'none'}`,
        );
      if (input.planned < 0) throw badInput('input.planned', 'must not be negative');
      if (input.allocated < 0) throw badInput('input.allocated', 'must not be negative');
      if (!isIsoDate(input.deadline) || Number(input.deadline.slice(0, 4)) < input.year)
        throw badInput('input.deadline', `must be a date in ${input.year} or later`);
      const note = optionalText('input.note', input.note, 1000);
      const row = await auditedWrite(
        ctx,
        {
          operation: names.save,
          idempotencyKey,
          input: { ...input },
          fields: ['BudgetLine'],
          subjectOf: (r: BudgetLineRecord) => ({ type: 'BudgetLine', id: r.id }),
        },
        async (m) => {
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
            throw badInput(
              'input.allocated',
              `must not be below what the line has already disbursed (${existing.disbursed} đồng)`,
            );
          const values = {
            planned: input.planned,
            allocated: input.allocated,
            deadline: input.deadline,
            note,
            recordedBy: ctx.principal.subject,
          };
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
        },
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
        async (m) => {
          const line = await lockedInScope(m, BudgetLineRecord, id, ctx.principal, {
            alias: 'b',
            commune: 'unit_code',
            province: 'province_code',
            what: 'budget line',
            argument: 'input.budgetLineId',
          });
          pastDate('input.disbursedOn', input.disbursedOn, {
            date: `${line.year}-01-01`,
            what: `the line's year (${line.year})`,
          });
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
            recordedBy: ctx.principal.subject,
          });
          await m
            .createQueryBuilder()
            .update(BudgetLineRecord)
            .set({ disbursed: () => 'disbursed + :amount', ...(check.fits ? {} : { overAllocated: true }) })
            .where('id = :id', { id, amount: input.amount })
            .execute();
          return m.getRepository(BudgetLineRecord).findOneByOrFail({ id });
        },
      );
      return toLine(agency, row);
    }
  }

  const reader = can(anyOf(officer(), analyst)); //           unit-level money, no household: analysts read it too
  const writer = can(officer(agency));
  const permissions: PermissionTable = {
    BudgetLine: reader,
    Disbursement: reader,
    BudgetProjectTotal: reader,
    AdminUnit: { [names.lines]: reader, [names.totals]: reader },
    Query: { [names.late]: reader },
    Mutation: { [names.save]: writer, [names.disburse]: writer },
  };
  return { resolvers: [UnitBudgetResolver, BudgetResolver, BudgetLineFieldsResolver] as const, permissions };
}
