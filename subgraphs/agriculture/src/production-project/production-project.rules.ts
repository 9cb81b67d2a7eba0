import { HouseholdCategory, isIsoDate, SUPPORT_RULES, type RegistryAttestation, type SupportKind } from '@gnbv/kit/rules';
import { ProductionModel } from './production-project.entity';

/*
 * The rules of production projects, as plain functions: what a project's own fields must say,
 * who may join one (per the labor registry's statement on the joining date), and which supports
 * may be recorded as part of one. Resolvers call these; tests call them directly.
 */

/** A refusal naming the input field to fix. */
export interface Refusal {
  field: string;
  message: string;
}

export const PROJECT_CODE = /^[A-Z0-9-]{3,40}$/;

/** Sub-project 2 (nutrition) runs the nutrition clubs; every other model is production (1). */
export const subProjectOfModel = (model: ProductionModel): 1 | 2 => (model === ProductionModel.NUTRITION_CLUB ? 2 : 1);

const SUB_PROJECT_WORDS: Record<number, string> = { 1: 'production', 2: 'nutrition' };

/** The categories a household may join with: the programme's target groups. */
export const PARTICIPANT_CATEGORIES: readonly HouseholdCategory[] = [
  HouseholdCategory.POOR,
  HouseholdCategory.NEAR_POOR,
  HouseholdCategory.NEWLY_ESCAPED,
];

export interface ProjectFields {
  code: string;
  programYear: number;
  startsOn: string;
  endsOn?: string | null;
  budget: number;
}

/** Whether a new project's fields hold together; null when they do, else the first reason (`input.<field>`). */
export function projectRefusal(p: ProjectFields): Refusal | null {
  if (!PROJECT_CODE.test(p.code))
    return { field: 'input.code', message: 'must be 3 to 40 capital letters, digits or "-", e.g. "DB-03160-BO-2025"' };
  if (!Number.isInteger(p.programYear) || p.programYear < 2021 || p.programYear > 2100)
    return { field: 'input.programYear', message: 'must be a programme year, 2021 to 2100' };
  if (!isIsoDate(p.startsOn)) return { field: 'input.startsOn', message: 'must be a calendar date written YYYY-MM-DD' };
  if (Math.abs(Number(p.startsOn.slice(0, 4)) - p.programYear) > 1)
    return {
      field: 'input.programYear',
      message: `must be the year the project starts (${p.startsOn.slice(0, 4)}), or the year before or after`,
    };
  if (p.endsOn != null) {
    if (!isIsoDate(p.endsOn)) return { field: 'input.endsOn', message: 'must be a calendar date written YYYY-MM-DD' };
    if (p.endsOn < p.startsOn) return { field: 'input.endsOn', message: `must not be before startsOn (${p.startsOn})` };
  }
  if (!Number.isSafeInteger(p.budget) || p.budget < 0) return { field: 'input.budget', message: 'must be 0 đồng or more' };
  return null;
}

/**
 * Whether the household the registry describes may join `project` on the statement's date: it
 * lives in the project's commune and is poor, near-poor or newly escaped that day. Null when it may.
 */
export function participantRefusal(
  project: { code: string; communeCode: string; endsOn: string | null },
  statement: Pick<RegistryAttestation, 'householdId' | 'on' | 'category' | 'communeCode'>,
): Refusal | null {
  if (statement.communeCode !== project.communeCode)
    return {
      field: 'householdId',
      message: `household ${statement.householdId} lives in commune ${statement.communeCode} according to the registry; project ${project.code} runs in commune ${project.communeCode} and takes only its households`,
    };
  if (project.endsOn && statement.on > project.endsOn)
    return { field: 'joinedOn', message: `must not be after the project ends (${project.endsOn})` };
  if (statement.category === null)
    return {
      field: 'registryAttestation',
      message: `household ${statement.householdId} had no certified poverty review on ${statement.on}, so it is on no list; production projects take poor, near-poor and newly escaped households`,
    };
  if (!PARTICIPANT_CATEGORIES.includes(statement.category as HouseholdCategory))
    return {
      field: 'registryAttestation',
      message: `household ${statement.householdId} was not poor, near-poor or newly escaped on ${statement.on} according to the registry; production projects take only those households`,
    };
  return null;
}

/**
 * Whether a support of `kind` for a household of `support.communeCode` may be recorded as part of
 * `project` (null when no project has that id): the project runs in the household's commune, in the
 * kind's sub-project, and the household takes part in it. Null when it may; else the reason.
 */
export function initiativeRefusal(
  project: { code: string; communeCode: string; subProject: number } | null,
  support: { householdId: string; communeCode: string; kind: SupportKind },
  participates: boolean,
): string | null {
  // A project of another commune answers like a missing one: its existence is not the writer's business.
  if (!project || project.communeCode !== support.communeCode)
    return `is not a production project of commune ${support.communeCode}, where the household lives`;
  const rule = SUPPORT_RULES[support.kind];
  if (rule.subProject !== project.subProject)
    return `project ${project.code} is a ${SUB_PROJECT_WORDS[project.subProject] ?? project.subProject} project (sub-project ${project.subProject}); ${support.kind} is Project 3.${rule.subProject ?? '?'} support`;
  if (!participates)
    return `household ${support.householdId} does not take part in project ${project.code}: add it first (addProductionProjectParticipant)`;
  return null;
}
