import { isIsoDate, projectNamed, SUPPORT_RULES, SupportKind } from '@gnbv/kit/rules';
import { CommunicationProductKind } from './communication-product.entity';

/*
 * The rules of a communication product, as plain functions: which sub-project of Project 6 a kind
 * of product belongs to, and whether the numbers and dates reported for one make sense.
 */

/** Information access, the sub-project of the household supports (phones, TVs, radios, internet), as the catalogue numbers it. */
export const INFORMATION_SUB_PROJECT = SUPPORT_RULES[SupportKind.INTERNET_ACCESS].subProject!;
/** Communication on poverty reduction: Project 6's other sub-project. */
export const COMMUNICATION_SUB_PROJECT = Number(
  Object.keys(projectNamed(6)!.subProjects).find((n) => Number(n) !== INFORMATION_SUB_PROJECT),
);

/** The sub-project of a kind of product: a public information point is information access, the rest communication. */
export function subProjectOf(kind: CommunicationProductKind): number {
  return kind === CommunicationProductKind.PUBLIC_INFORMATION_POINT ? INFORMATION_SUB_PROJECT : COMMUNICATION_SUB_PROJECT;
}

/** What a commune reports about a product, before it is recorded. */
export interface ProductReport {
  kind: string;
  publishedOn: string;
  audienceReach: number;
  householdsReached?: number | null;
  programYear: number;
}

/** A refusal of a product, naming the input field to fix. */
export interface ProductRefusal {
  field: string;
  message: string;
}

const KINDS = Object.values(CommunicationProductKind) as string[];
const MAX_COUNT = 2_147_483_647;
const isCount = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;

/**
 * Null when the report may be recorded on `today` (a calendar date in Vietnam); otherwise the
 * first reason, naming the field (`input.` + its name).
 */
export function productRefusal(report: ProductReport, today: string): ProductRefusal | null {
  const f = (name: string) => `input.${name}`;
  if (!KINDS.includes(report.kind)) return { field: f('kind'), message: `must be one of ${KINDS.join(', ')}` };
  if (!isIsoDate(report.publishedOn)) return { field: f('publishedOn'), message: 'must be a calendar date written YYYY-MM-DD' };
  if (report.publishedOn > today)
    return { field: f('publishedOn'), message: `must not be in the future (today in Vietnam is ${today})` };
  if (!isCount(report.audienceReach)) return { field: f('audienceReach'), message: 'must be a whole number, 0 or more' };
  const households = report.householdsReached;
  if (households != null) {
    if (!isCount(households)) return { field: f('householdsReached'), message: 'must be a whole number, 0 or more' };
    if (households > report.audienceReach)
      return {
        field: f('householdsReached'),
        message: `must not exceed the people reached (${report.audienceReach}): every household reached counts at least one person`,
      };
  }
  const year = Number(report.publishedOn.slice(0, 4));
  if (!Number.isInteger(report.programYear) || report.programYear < 2021 || report.programYear > 2100)
    return { field: f('programYear'), message: 'must be a programme year, 2021 to 2100' };
  if (Math.abs(year - report.programYear) > 1)
    return { field: f('programYear'), message: `must be the year of publication (${year}), or the year before or after` };
  return null;
}
