import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertAdminCode,
  assertUnitArgInScope,
  assertUuid,
  auditedWrite,
  IDEMPOTENCY_KEY_DESCRIPTION,
  IsoDateScalar,
  notVisible,
  optionalText,
  pastDate,
  refusedAs,
  requiredText,
  scopeWhere,
} from '@gnbv/kit';
import { badInput, clientError, conflictOn, ErrorCode, scopeCovers } from '@gnbv/platform';
import type { AgricultureContext } from '../context';
import { agricultureSupports, asSupport, type Support } from '../programme/programme';
import { AdminUnitRef, HouseholdRef } from '../refs';
import { ProductionProject, ProductionProjectParticipant } from './production-project.entity';
import { ProductionProjectInput } from './production-project.input';
import { participantRefusal, projectRefusal, subProjectOfModel } from './production-project.rules';

@Resolver(() => ProductionProject)
export class ProductionProjectResolver {
  @Query(() => ProductionProject, {
    nullable: true,
    description: 'A production project by id. A missing project and one outside your scope give the same FORBIDDEN answer.',
  })
  async productionProject(@Arg('id', () => ID) id: string, @Ctx() ctx: AgricultureContext): Promise<ProductionProject> {
    const project = await ctx.loaders.projects.byId.load(assertUuid('id', id));
    if (!project) throw notVisible('production project', 'id');
    return project;
  }

  @FieldResolver(() => [ProductionProjectParticipant], {
    description: 'The households taking part (including those that have left), in the order they joined.',
  })
  participants(@Root() project: ProductionProject, @Ctx() ctx: AgricultureContext): Promise<ProductionProjectParticipant[]> {
    return ctx.loaders.projects.participantsByProject.load(project.id);
  }

  @FieldResolver(() => Int, { description: 'How many households take part (including those that have left).' })
  async participantCount(@Root() project: ProductionProject, @Ctx() ctx: AgricultureContext): Promise<number> {
    return (await ctx.loaders.projects.participantCountByProject.load(project.id))?.n ?? 0;
  }

  @FieldResolver(() => [agricultureSupports.Support], {
    description: 'The supports recorded as part of this project (their initiativeId), in your scope, oldest first.',
  })
  async supports(@Root() project: ProductionProject, @Ctx() ctx: AgricultureContext): Promise<Support[]> {
    return (await ctx.loaders.projects.supportsByProject.load(project.id)).map(asSupport);
  }

  @Mutation(() => ProductionProject, {
    description: 'Creates a production project or model in a commune of your scope. Idempotent.',
  })
  async createProductionProject(
    @Arg('input', () => ProductionProjectInput) input: ProductionProjectInput,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: AgricultureContext,
  ): Promise<ProductionProject> {
    const communeCode = assertAdminCode('input.communeCode', input.communeCode);
    if (communeCode.length !== 5)
      throw badInput('input.communeCode', 'must be a 5-digit commune code: a project runs in one commune');
    const provinceCode = assertAdminCode('input.provinceCode', input.provinceCode);
    if (provinceCode.length !== 2) throw badInput('input.provinceCode', 'must be a 2-digit province code');
    const refusal = projectRefusal(input);
    if (refusal) throw badInput(refusal.field, refusal.message);
    const values = {
      code: input.code,
      name: requiredText('input.name', input.name, 300),
      model: input.model,
      communeCode,
      provinceCode,
      subProject: subProjectOfModel(input.model),
      programYear: input.programYear,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      budget: input.budget,
      leadOffice: requiredText('input.leadOffice', input.leadOffice, 200),
      description: optionalText('input.description', input.description, 2000),
      recordedBy: ctx.principal.subject,
    };
    if (!scopeCovers(ctx.principal, { communeCode, provinceCode }))
      throw clientError(
        ErrorCode.FORBIDDEN,
        `input.communeCode: commune ${communeCode} is outside your scope (${ctx.principal.scope.join(', ')}).`,
        { field: 'input.communeCode' },
      );
    return auditedWrite(
      ctx,
      {
        operation: 'createProductionProject',
        idempotencyKey,
        input: { ...input },
        fields: ['ProductionProject'],
        subjectOf: (p: ProductionProject) => ({ type: 'ProductionProject', id: p.id }),
      },
      async (m) => {
        const repo = m.getRepository(ProductionProject);
        const inserted = await refusedAs(repo.insert(values), {
          production_project_code_key: () =>
            conflictOn('input.code', `a production project with code ${values.code} already exists: choose another code`),
        });
        return repo.findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id });
      },
    );
  }

  @Mutation(() => ProductionProjectParticipant, {
    description:
      "Adds a household to a production project, with the registry's statement that it lives in the project's commune and was poor, near-poor or newly escaped on joinedOn. Idempotent.",
  })
  async addProductionProjectParticipant(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('householdId', () => ID) householdId: string,
    @Arg('joinedOn', () => IsoDateScalar, { description: 'When it joined (not in the future).' }) joinedOn: string,
    @Arg('registryAttestation', {
      description:
        "The labor registry's signed statement about the household on joinedOn: ask for it with Household.registryAttestation(on:) and send it unchanged.",
    })
    registryAttestation: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: AgricultureContext,
  ): Promise<ProductionProjectParticipant> {
    const ids = { projectId: assertUuid('projectId', projectId), householdId: assertUuid('householdId', householdId) };
    pastDate('joinedOn', joinedOn);
    return auditedWrite(
      ctx,
      {
        operation: 'addProductionProjectParticipant',
        idempotencyKey,
        // The registry's statement is evidence, not the request: a retry with a fresh one is the same request.
        input: { ...ids, joinedOn },
        fields: ['ProductionProjectParticipant'],
        subjectOf: (p: ProductionProjectParticipant) => ({ type: 'Household', id: p.householdId }),
      },
      async (m) => {
        const scope = scopeWhere(ctx.principal, 'p.commune_code', 'p.province_code');
        const project = await m
          .getRepository(ProductionProject)
          .createQueryBuilder('p')
          .where('p.id = :id', { id: ids.projectId })
          .andWhere(scope.sql, scope.params)
          .getOne();
        if (!project) throw notVisible('production project', 'projectId');
        const statement = await ctx.registry
          .verifier()
          .verify(registryAttestation, { householdId: ids.householdId, on: joinedOn }, 'registryAttestation');
        // Checked before the commune: a household outside the scope must not be told apart from a missing one.
        if (!scopeCovers(ctx.principal, { communeCode: statement.communeCode, provinceCode: statement.provinceCode }))
          throw notVisible('household', 'householdId');
        const refusal = participantRefusal(project, statement);
        if (refusal) throw badInput(refusal.field, refusal.message);
        const repo = m.getRepository(ProductionProjectParticipant);
        const already = await repo.findOneBy(ids);
        const taken = () =>
          conflictOn(
            'householdId',
            `household ${ids.householdId} already takes part in project ${project.code}${already ? ` (since ${already.joinedOn})` : ''}`,
          );
        if (already) throw taken();
        await refusedAs(
          repo.insert({
            ...ids,
            joinedOn,
            leftOn: null,
            attestationId: statement.id,
            categoryOnJoining: statement.category as ProductionProjectParticipant['categoryOnJoining'],
            recordedBy: ctx.principal.subject,
          }),
          { production_project_participant_pkey: taken },
        );
        return repo.findOneByOrFail(ids);
      },
    );
  }
}

@Resolver(() => ProductionProjectParticipant)
export class ProductionProjectParticipantResolver {
  @FieldResolver(() => HouseholdRef, { description: 'The household (details come from labor).' })
  household(@Root() participant: ProductionProjectParticipant): HouseholdRef {
    return { id: participant.householdId };
  }

  @FieldResolver(() => ProductionProject, { nullable: true })
  project(@Root() participant: ProductionProjectParticipant, @Ctx() ctx: AgricultureContext): Promise<ProductionProject | null> {
    return ctx.loaders.projects.byId.load(participant.projectId);
  }
}

@Resolver(() => HouseholdRef)
export class HouseholdProductionProjectsResolver {
  @FieldResolver(() => [ProductionProject], {
    nullable: true,
    description: 'The production projects the household takes part in (or took part in), in your scope, by start date.',
  })
  async productionProjects(@Root() household: HouseholdRef, @Ctx() ctx: AgricultureContext): Promise<ProductionProject[]> {
    return (await ctx.loaders.projects.byHousehold.load(household.id)).map((p) => p.project);
  }
}

@Resolver(() => AdminUnitRef)
export class AdminUnitProductionProjectsResolver {
  @FieldResolver(() => [ProductionProject], {
    nullable: true,
    description: "The production projects of this commune, or of a province's communes, in your scope, by start date.",
  })
  async productionProjects(
    @Root() unit: AdminUnitRef,
    @Arg('programYear', () => Int, { nullable: true }) programYear: number | null,
    @Ctx() ctx: AgricultureContext,
  ): Promise<ProductionProject[]> {
    assertUnitArgInScope(ctx.principal, 'code', assertAdminCode('code', unit.code));
    if (programYear != null && (!Number.isInteger(programYear) || programYear < 2021 || programYear > 2100))
      throw badInput('programYear', 'must be a programme year, 2021 to 2100');
    return (await ctx.loaders.projects.byUnit.load(`${unit.code}|${programYear ?? ''}`)).map((r) => r.project);
  }
}
