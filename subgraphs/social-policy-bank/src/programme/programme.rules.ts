import type { LoanProgrammeCode } from './programme.entity';

/** What the rules need of a programme version. */
export interface ProgrammeVersion {
  id: string;
  code: LoanProgrammeCode;
  validFrom: string;
  /** Exclusive; null while open. */
  validTo: string | null;
  annualRatePercent: number;
  overdueRatePercent: number;
  ceilingPerHousehold: number;
  maxTermMonths: number;
  /** Empty: any household of the registry. */
  qualifyingCategories: readonly string[];
}

/** Whether a version is in force on `date`. */
export const inForce = (v: Pick<ProgrammeVersion, 'validFrom' | 'validTo'>, date: string) =>
  v.validFrom <= date && (v.validTo === null || date < v.validTo);

/** The version of `code` in force on `date`, or null (the table never holds two). */
export function programmeOn<V extends ProgrammeVersion>(versions: readonly V[], code: LoanProgrammeCode, date: string): V | null {
  return versions.find((v) => v.code === code && inForce(v, date)) ?? null;
}
