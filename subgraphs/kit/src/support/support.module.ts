import 'reflect-metadata';
import {
  Arg,
  Args,
  ArgsType,
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
  Resolver,
  Root,
} from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { badInput, conflictOn, scopeCovers, type Agency } from '@gnbv/platform';
import { addDays, isIsoDate, todayInVietnam } from '../dates';
import { PageArgs, PageInfo, pageWindow, toPage } from '../pagination';
import { allow, analyst, anyOf, can, officer, PERSONAL_PURPOSES, personal, purpose, type PermissionTable } from '../permissions';
import { HouseholdCategory, SUPPORT_RULES, SupportKind } from '../program/catalogue';
import { SupportRecord } from '../program/program.entity';
import type { AdminUnitRef, HouseholdRef } from '../refs';
import type { RegistryAttestation } from '../registry-attestation';
import { IsoDateScalar, VndScalar } from '../scalars';
import { assertUnitArgInScope, lockedInScope, notVisible } from '../scope';
import type { SubgraphContext } from '../subgraph';
import { assertAdminCode, assertUuid, optionalText, requiredText } from '../validate';
import { auditedWrite, IDEMPOTENCY_KEY_DESCRIPTION, pastDate } from '../write';
import type { SupportLoaders } from './support.loaders';
import { nextSupportStatus, SupportAction, supportRefusal, SupportStatus } from './support.rules';

/*
 * Support delivered to households: one shape for every agency. A subgraph calls
 * `defineSupportModule(...)` with its entity stubs, the projects it runs and the names its
 * fields take in the composed graph, and gets the GraphQL types, resolvers and permission rules.
 * Rows live in the agency's own `support` table (`programTablesMigration`).
 */

/** What a support module needs of the request context: the kit's context and its loaders. */
export type SupportContext = SubgraphContext<{ support: SupportLoaders }>;

@InputType({ description: 'A support delivered, or planned, to a household.' })
export class SupportInput {
  @Field(() => ID)
  householdId!: string;

  @Field({
    description:
      "The labor registry's signed statement about the household on this support's date: ask for it with Household.registryAttestation(on:) and send it unchanged. It proves the household exists and its category that day.",
  })
  registryAttestation!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The member supported, for support given to one person (a child for nutrition, a trainee).',
  })
  memberId?: string | null;

  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => ID, {
    nullable: true,
    description: "The agency's own project, model or activity this support belongs to (agriculture: a production project).",
  })
  initiativeId?: string | null;

  @Field({ description: 'What was given, e.g. "2 bò cái sinh sản".' })
  description!: string;

  @Field(() => Float, { description: 'How much, in `unit`: more than 0.' })
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Unit of the quantity (con, kg, gói, khóa...); the kind’s usual unit when left out.',
  })
  unit?: string | null;

  @Field(() => VndScalar, { description: 'Value in đồng, 0 or more.' })
  value!: number;

  @Field(() => SupportStatus, {
    defaultValue: SupportStatus.DELIVERED,
    description: 'DELIVERED (the default) to record a delivery that happened on `on`; PLANNED for one due then.',
  })
  status!: SupportStatus;

  @Field(() => IsoDateScalar, { description: 'The delivery date (DELIVERED: not in the future) or the planned date (PLANNED).' })
  on!: string;

  @Field({ description: 'The office that delivers it, e.g. "Phòng Nông nghiệp và Môi trường xã Mường Tè".' })
  deliveringOffice!: string;

  @Field(() => Int, { description: 'The programme year whose budget pays for it.' })
  programYear!: number;
}

@InputType({ description: 'A step in a support record’s life: deliver, verify or cancel.' })
export class SupportStepInput {
  @Field(() => ID)
  supportId!: string;

  @Field(() => SupportAction)
  action!: SupportAction;

  @Field(() => IsoDateScalar, { description: 'When it happened (not in the future).' })
  on!: string;

  @Field(() => String, { nullable: true, description: 'Why: required to CANCEL.' })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "DELIVER only: the registry's statement about the household on the delivery date (Household.registryAttestation).",
  })
  registryAttestation?: string | null;
}

@ArgsType()
export class SupportPageArgs extends PageArgs {
  @Field(() => SupportStatus, { nullable: true, description: 'Only supports in this status.' })
  status?: SupportStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only supports of this programme year.' })
  programYear?: number | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Delivered supports of one kind in a unit (delivered or verified), for reports.' })
export class SupportSummary {
  @Field(() => Int)
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject!: number | null;

  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => Int)
  supportCount!: number;

  @Field(() => Int)
  householdsSupported!: number;

  @Field(() => VndScalar)
  totalValue!: number;

  @Field(() => Int, {
    description: 'Of the households supported, those deprived on delivery on an indicator this kind addresses (targeting).',
  })
  householdsDeprivedOnAddressed!: number;
}

export interface SupportModuleOptions {
  agency: Agency;
  /** Projects (1-7) this agency runs: it records only their kinds of support. */
  ownedProjects: readonly number[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- type-graphql stub classes
  HouseholdRef: new (...args: any[]) => HouseholdRef;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  AdminUnitRef: new (...args: any[]) => AdminUnitRef;
  /** Names in the composed graph, unique to this agency, e.g. `productionSupports`. */
  names: {
    /** `Household.<name>` and `AdminUnit.<name>`: the supports. */
    supports: string;
    /** `AdminUnit.<name>(programYear)`: totals by kind. */
    summary: string;
    /** The mutations. */
    record: string;
    step: string;
  };
  /**
   * Checks an `initiativeId` against the agency's own records (inside the write's transaction),
   * throwing a coded error when it does not fit. Without it, initiativeId is refused.
   */
  checkInitiative?: (
    m: EntityManager,
    initiativeId: string,
    support: { householdId: string; communeCode: string; kind: SupportKind; on: string },
  ) => Promise<void>;
}

const today = () => todayInVietnam();

/** The support's fields, checked at the edge; the registry's statement is checked in the write. */
function validated(input: SupportInput, ownedProjects: readonly number[]) {
  const householdId = assertUuid('input.householdId', input.householdId);
  const memberId = input.memberId ? assertUuid('input.memberId', input.memberId) : null;
  const initiativeId = input.initiativeId ? assertUuid('input.initiativeId', input.initiativeId) : null;
  const rule = SUPPORT_RULES[input.kind];
  if (!rule) throw badInput('input.kind', `must be one of ${Object.keys(SUPPORT_RULES).join(', ')}`);
  if (!ownedProjects.includes(rule.project))
    throw badInput(
      'input.kind',
      `${input.kind} is Project ${rule.project} support, which another agency runs; this one records projects ${ownedProjects.join(', ')}`,
    );
  if (!(Number.isFinite(input.quantity) && input.quantity > 0 && input.quantity <= 1_000_000_000))
    throw badInput('input.quantity', 'must be more than 0 (and at most 1,000,000,000)');
  if (Math.round(input.quantity * 100) !== input.quantity * 100) throw badInput('input.quantity', 'must have at most 2 decimals');
  if (input.value < 0) throw badInput('input.value', 'must not be negative');
  if (input.status !== SupportStatus.DELIVERED && input.status !== SupportStatus.PLANNED)
    throw badInput(
      'input.status',
      'a new support is DELIVERED or PLANNED; verify or cancel it afterwards with the step mutation',
    );
  const on = input.status === SupportStatus.DELIVERED ? pastDate('input.on', input.on) : input.on;
  if (input.status === SupportStatus.PLANNED && input.on > addDays(today(), 366))
    throw badInput('input.on', 'a planned support must be due within a year');
  if (!Number.isInteger(input.programYear) || Math.abs(Number(on.slice(0, 4)) - input.programYear) > 1)
    throw badInput(
      'input.programYear',
      `must be the year of the support's date (${on.slice(0, 4)}), or the year before or after`,
    );
  return {
    householdId,
    memberId,
    initiativeId,
    rule,
    on,
    description: requiredText('input.description', input.description, 500),
    unit: optionalText('input.unit', input.unit, 40) ?? rule.unit,
    deliveringOffice: requiredText('input.deliveringOffice', input.deliveringOffice, 200),
  };
}

/** The GraphQL shape, resolvers and permission rules of one agency's supports. */
export function defineSupportModule(options: SupportModuleOptions) {
  const { HouseholdRef, AdminUnitRef, names, ownedProjects, agency } = options;

  @Directive('@shareable')
  @ObjectType('Support', {
    description:
      'Support delivered (or planned) to a household under a project of the poverty-reduction programme: the same shape whichever agency delivers it.',
  })
  class Support {
    @Field(() => ID)
    id!: string;

    @Field({ description: 'The agency that delivers it and keeps the record.' })
    agency!: string;

    @Field(() => ID, { nullable: true, description: 'The member supported, for support given to one person.' })
    memberId!: string | null;

    @Field({ description: 'Commune of the household when the support was recorded.' })
    communeCode!: string;

    @Field(() => Int, { description: 'Project of the programme (1-7, Decision 90/QĐ-TTg).' })
    project!: number;

    @Field(() => Int, { nullable: true })
    subProject!: number | null;

    @Field(() => SupportKind)
    kind!: SupportKind;

    @Field(() => ID, { nullable: true, description: "The agency's project, model or activity it belongs to." })
    initiativeId!: string | null;

    @Field()
    description!: string;

    @Field(() => Float)
    quantity!: number;

    @Field()
    unit!: string;

    @Field(() => VndScalar, { description: 'Value in đồng.' })
    value!: number;

    @Field(() => SupportStatus)
    status!: SupportStatus;

    @Field(() => IsoDateScalar, { description: 'When it was (or is) due.' })
    plannedOn!: string;

    @Field(() => IsoDateScalar, { nullable: true })
    deliveredOn!: string | null;

    @Field(() => IsoDateScalar, { nullable: true })
    verifiedOn!: string | null;

    @Field(() => IsoDateScalar, { nullable: true })
    cancelledOn!: string | null;

    @Field(() => String, { nullable: true })
    cancelReason!: string | null;

    @Field()
    deliveringOffice!: string;

    @Field(() => Int, { description: 'The programme year whose budget pays for it.' })
    programYear!: number;

    @Field(() => HouseholdCategory, {
      nullable: true,
      description: "The household's certified category on the delivery date, as the registry stated it (personal data).",
    })
    categoryOnDelivery!: HouseholdCategory | null;

    @Field(() => [Int], { description: 'Deprivation indicators (1-12) this kind of support addresses.' })
    addressesIndicators!: number[];

    @Field(() => Boolean, {
      nullable: true,
      description:
        'Whether the household was deprived, on delivery, on an indicator this support addresses (the registry’s statement; personal data). Null before delivery.',
    })
    reachedDeprivation!: boolean | null;

    @Field(() => HouseholdRef, { description: 'The household supported (details come from labor).' })
    household!: HouseholdRef;
  }

  @Directive('@shareable')
  @ObjectType('SupportConnection', { description: 'A page of supports, latest date first.' })
  class SupportConnection {
    @Field(() => [Support])
    nodes!: Support[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }

  const toSupport = (r: SupportRecord): Support => {
    const addresses = SUPPORT_RULES[r.kind].addresses;
    const reached = r.deprivedOnDelivery ? addresses.some((i) => r.deprivedOnDelivery!.includes(i)) : null;
    return {
      ...r,
      agency,
      addressesIndicators: [...addresses],
      reachedDeprivation: reached,
      household: { id: r.householdId },
    } as Support;
  };

  @Resolver(() => HouseholdRef)
  class HouseholdSupportsResolver {
    @FieldResolver(() => [Support], {
      name: names.supports,
      nullable: true,
      description: `Supports the household received from ${agency} (projects ${ownedProjects.join(', ')}), in your scope, oldest first.`,
    })
    async supports(@Root() household: HouseholdRef, @Ctx() ctx: SupportContext): Promise<Support[]> {
      return (await ctx.loaders.support.byHousehold.load(household.id)).map(toSupport);
    }
  }

  @Resolver(() => AdminUnitRef)
  class UnitSupportsResolver {
    @FieldResolver(() => SupportConnection, {
      name: names.supports,
      nullable: true,
      description: `Supports ${agency} delivered in this commune or province (in your scope), latest first.`,
    })
    async supports(
      @Root() unit: AdminUnitRef,
      @Args() args: SupportPageArgs,
      @Ctx() ctx: SupportContext,
    ): Promise<SupportConnection> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      const window = pageWindow(args, 2);
      const request = {
        code: unit.code,
        limit: window.limit,
        after: window.after as [string, string] | null,
        status: args.status ?? null,
        year: args.programYear ?? null,
      };
      if (request.after && (!isIsoDate(request.after[0]) || !/^[0-9a-f-]{36}$/.test(request.after[1])))
        throw badInput('after', 'is not a cursor from this list; pass the endCursor of the previous page');
      const [rows, totalCount] = await Promise.all([
        ctx.loaders.support.pageByUnit.load(request),
        ctx.loaders.support.countByUnit.load(request),
      ]);
      return toPage(rows.map(toSupport), window, (s) => [s.plannedOn, s.id], totalCount) as SupportConnection;
    }

    @FieldResolver(() => [SupportSummary], {
      name: names.summary,
      nullable: true,
      description: `Supports ${agency} delivered in this unit (in your scope), totalled by project and kind; all years unless programYear is given.`,
    })
    async summary(
      @Root() unit: AdminUnitRef,
      @Arg('programYear', () => Int, { nullable: true }) programYear: number | null,
      @Ctx() ctx: SupportContext,
    ): Promise<SupportSummary[]> {
      assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
      return (await ctx.loaders.support.summaryByUnit.load(`${unit.code}|${programYear ?? ''}`)) as SupportSummary[];
    }
  }

  /** Verifies the registry's statement and applies the support rules; throws the coded reason. */
  async function attested(
    ctx: SupportContext,
    token: string,
    field: string,
    householdId: string,
    on: string,
    kind: SupportKind,
    memberId: string | null,
  ) {
    const attestation: RegistryAttestation = await ctx.registry.verifier().verify(token, { householdId, on }, field);
    if (!scopeCovers(ctx.principal, { communeCode: attestation.communeCode, provinceCode: attestation.provinceCode }))
      throw notVisible('household', field.replace(/registryAttestation$/, 'householdId'));
    const refusal = supportRefusal(kind, ownedProjects, attestation, memberId, field.replace(/registryAttestation$/, ''));
    if (refusal) throw badInput(refusal.field, refusal.message);
    return attestation;
  }

  @Resolver(() => Support)
  class SupportWriteResolver {
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
              recordedBy: ctx.principal.subject,
            })
            .returning('id')
            .execute();
          return m.getRepository(SupportRecord).findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id });
        },
      );
      return toSupport(row);
    }

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
        async (m) => {
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
        },
      );
      return toSupport(row);
    }
  }

  const anyOfficer = officer();
  const writer = can(officer(agency), purpose('support-delivery'));
  const ofSupport = (s: Support) => ({ type: 'Household', id: s.household.id });
  const permissions: PermissionTable = {
    Support: {
      '*': can(anyOfficer),
      categoryOnDelivery: personal(ofSupport, anyOfficer, purpose(...PERSONAL_PURPOSES)),
      reachedDeprivation: personal(ofSupport, anyOfficer, purpose(...PERSONAL_PURPOSES)),
    },
    SupportConnection: allow, //                             reached only through a field checked here
    SupportSummary: can(anyOf(anyOfficer, analyst)), //      totals: the steering committee's analysts read them too
    Household: { [names.supports]: can(anyOfficer) },
    AdminUnit: { [names.supports]: can(anyOfficer), [names.summary]: can(anyOf(anyOfficer, analyst)) },
    Mutation: { [names.record]: writer, [names.step]: writer },
  };

  return {
    Support,
    SupportConnection,
    /** A `support` row as this module's Support type shows it (for supports an agency reads itself). */
    toSupport,
    resolvers: [HouseholdSupportsResolver, UnitSupportsResolver, SupportWriteResolver] as const,
    permissions,
  };
}
