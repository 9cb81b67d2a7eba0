import type { CategoryName, TableSpec } from '@gnbv/kit';
import { ProductionModel } from '../production-project/production-project.entity';

/*
 * Agriculture's own tables as the seed and the demo write them (the shape of its migrations
 * ProductionSupport1763780100000 and ProjectThree1763900000000); its `support`, `budget_line`
 * and `disbursement` tables are the kit's programme tables.
 */

/** The production models the seed and the demo run, of ProductionModel. */
export const SEEDED_MODELS = [
  ProductionModel.CATTLE_BREEDING,
  ProductionModel.PIG_BREEDING,
  ProductionModel.POULTRY,
  ProductionModel.RICE_SEED,
  ProductionModel.COFFEE,
  ProductionModel.NUTRITION_CLUB,
] as const;
export type SeededModel = `${(typeof SEEDED_MODELS)[number]}`;

/** A production project or model of Project 3 (agriculture's `production_project`). */
export interface ProductionProjectRow {
  id: string;
  code: string;
  name: string;
  model: SeededModel;
  communeCode: string;
  provinceCode: string;
  subProject: number;
  programYear: number;
  startsOn: string;
  endsOn: string | null;
  budget: number;
  leadOffice: string;
  description: string | null;
  recordedBy: string;
}

/** A household taking part in a production project (agriculture's `production_project_participant`). */
export interface ParticipantRow {
  projectId: string;
  householdId: string;
  joinedOn: string;
  leftOn: string | null;
  attestationId: string | null;
  categoryOnJoining: CategoryName | null;
  recordedBy: string;
}

export const PRODUCTION_PROJECT_TABLE: TableSpec<ProductionProjectRow> = {
  table: 'production_project',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'code', value: (r) => r.code },
    { name: 'name', value: (r) => r.name },
    { name: 'model', value: (r) => r.model },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'starts_on', value: (r) => r.startsOn },
    { name: 'ends_on', value: (r) => r.endsOn },
    { name: 'budget', value: (r) => r.budget },
    { name: 'lead_office', value: (r) => r.leadOffice },
    { name: 'description', value: (r) => r.description },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

export const PRODUCTION_PARTICIPANT_TABLE: TableSpec<ParticipantRow> = {
  table: 'production_project_participant',
  columns: [
    { name: 'project_id', value: (r) => r.projectId },
    { name: 'household_id', value: (r) => r.householdId },
    { name: 'joined_on', value: (r) => r.joinedOn },
    { name: 'left_on', value: (r) => r.leftOn },
    { name: 'attestation_id', value: (r) => r.attestationId },
    { name: 'category_on_joining', value: (r) => r.categoryOnJoining },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};
