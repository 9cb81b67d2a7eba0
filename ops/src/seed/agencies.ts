import type { AgencyDemoData, AgencySeed, DerivedTable, ProjectLine } from '@gnbv/kit';
import { AGENCIES } from '../agencies';

/** What ops runs of an agency's data: its share of the demo data set and its part in the seed. */
export interface AgencyData {
  name: string;
  demo: AgencyDemoData<never>;
  seed: AgencySeed;
}

/**
 * Every agency's data, in the list's order (the seed's random draws depend on it), from each
 * agency's definition; an agency without demo or seed data takes no part.
 */
export const AGENCY_DATA: readonly AgencyData[] = AGENCIES.flatMap((a) =>
  a.demo && a.seed ? [{ name: a.name, demo: a.demo, seed: a.seed }] : [],
);

/** The tables the seed fills, per agency (subgraph name), in insert order. */
export const SEED_TABLES: Record<string, readonly string[]> = Object.fromEntries(AGENCY_DATA.map((a) => [a.name, a.seed.tables]));

/** Tables the database derives from the seeded ones, per agency (see DerivedTable). */
export const DERIVED_TABLES: Record<string, readonly DerivedTable[]> = Object.fromEntries(
  AGENCY_DATA.map((a) => [a.name, a.seed.derived ?? []]),
);

/** The project lines each agency keeps budget lines for, by subgraph name (agencies without a budget have none). */
export const BUDGET_LINES: Record<string, readonly ProjectLine[]> = Object.fromEntries(
  AGENCY_DATA.map((a) => [a.name, a.seed.budgetLines ?? []]),
);

/** The agency that runs a project (keeps its budget lines and records its supports). */
export function agencyOfProject(project: number): string | undefined {
  return AGENCY_DATA.find((a) => a.seed.budgetLines?.some((l) => l.project === project))?.name;
}

/** The agencies with programme tables (support, budget_line, disbursement), by subgraph name. */
export type ProgrammeAgency = 'labor' | 'agriculture' | 'culture-information';

/** The agencies keeping budget lines, in load order. */
export const PROGRAMME_AGENCIES = AGENCY_DATA.filter((a) => a.seed.budgetLines?.length).map((a) => a.name as ProgrammeAgency);
