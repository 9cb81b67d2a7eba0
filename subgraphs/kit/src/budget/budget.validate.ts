import { badInput, clientError, ErrorCode, scopeCovers, type Principal } from '@gnbv/platform';
import { isIsoDate } from '../dates';
import { projectNamed } from '../program/catalogue';
import { assertAdminCode, optionalText } from '../validate';
import type { BudgetLineInput } from './budget.inputs';
import type { BudgetModuleOptions } from './budget.options';

/** Checks a programme year argument (2021 to 2100). */
export function yearArg(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 2021 || year > 2100) throw badInput(field, 'must be a programme year, 2021 to 2100');
  return year;
}

/** A budget line's fields, checked at the edge: unit in scope, a project this agency runs, money and dates. */
export function validatedLine(
  input: BudgetLineInput,
  principal: Principal,
  { agency, ownedProjects }: Pick<BudgetModuleOptions, 'agency' | 'ownedProjects'>,
) {
  const unitCode = assertAdminCode('input.unitCode', input.unitCode);
  const provinceCode = assertAdminCode('input.provinceCode', input.provinceCode);
  if (provinceCode.length !== 2) throw badInput('input.provinceCode', 'must be a 2-digit province code');
  if (unitCode.length === 2 && unitCode !== provinceCode)
    throw badInput('input.provinceCode', 'for a province line, must be the unit itself');
  if (!scopeCovers(principal, { communeCode: unitCode, provinceCode }))
    throw clientError(
      ErrorCode.FORBIDDEN,
      `input.unitCode: unit ${unitCode} is outside your scope (${principal.scope.join(', ')}).`,
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
  return { unitCode, provinceCode, subProject, note };
}
