// Classifying one household under one multidimensional poverty standard: income against the
// area's lines, then the count of deprived indicators. Pick the standard with `standardInForce`
// on the review date first; this function never chooses one itself.
import { type Area, type PovertyStandard, validateStandards } from './poverty-standard';

export type Dimension = 'EMPLOYMENT' | 'HEALTH' | 'EDUCATION' | 'HOUSING' | 'WATER_SANITATION' | 'INFORMATION';

export type IndicatorKey =
  | 'EMPLOYMENT'
  | 'DEPENDANTS'
  | 'NUTRITION'
  | 'HEALTH_INSURANCE'
  | 'ADULT_EDUCATION'
  | 'CHILD_SCHOOLING'
  | 'HOUSING_QUALITY'
  | 'FLOOR_AREA'
  | 'WATER'
  | 'LATRINE'
  | 'TELECOM'
  | 'DEVICES';

export interface Indicator {
  /** 1-12, the number used on survey form B2 and in reports. */
  number: number;
  key: IndicatorKey;
  dimension: Dimension;
  nameVi: string;
  nameEn: string;
}

export const DIMENSIONS: readonly { key: Dimension; nameVi: string; nameEn: string }[] = [
  { key: 'EMPLOYMENT', nameVi: 'Việc làm', nameEn: 'Employment' },
  { key: 'HEALTH', nameVi: 'Y tế', nameEn: 'Health' },
  { key: 'EDUCATION', nameVi: 'Giáo dục', nameEn: 'Education' },
  { key: 'HOUSING', nameVi: 'Nhà ở', nameEn: 'Housing' },
  { key: 'WATER_SANITATION', nameVi: 'Nước sinh hoạt và vệ sinh', nameEn: 'Water and sanitation' },
  { key: 'INFORMATION', nameVi: 'Thông tin', nameEn: 'Information' },
];

// What counts as deprived on each indicator is the decree's wording, applied by the surveyor on
// form B2; only the names live here.
export const INDICATORS: readonly Indicator[] = [
  { number: 1, key: 'EMPLOYMENT', dimension: 'EMPLOYMENT', nameVi: 'Việc làm', nameEn: 'Employment' },
  { number: 2, key: 'DEPENDANTS', dimension: 'EMPLOYMENT', nameVi: 'Người phụ thuộc trong hộ gia đình', nameEn: 'Dependants' },
  { number: 3, key: 'NUTRITION', dimension: 'HEALTH', nameVi: 'Dinh dưỡng', nameEn: 'Nutrition' },
  { number: 4, key: 'HEALTH_INSURANCE', dimension: 'HEALTH', nameVi: 'Bảo hiểm y tế', nameEn: 'Health insurance' },
  {
    number: 5,
    key: 'ADULT_EDUCATION',
    dimension: 'EDUCATION',
    nameVi: 'Trình độ giáo dục của người lớn',
    nameEn: 'Adult education',
  },
  {
    number: 6,
    key: 'CHILD_SCHOOLING',
    dimension: 'EDUCATION',
    nameVi: 'Tình trạng đi học của trẻ em',
    nameEn: 'Child schooling',
  },
  { number: 7, key: 'HOUSING_QUALITY', dimension: 'HOUSING', nameVi: 'Chất lượng nhà ở', nameEn: 'Housing quality' },
  { number: 8, key: 'FLOOR_AREA', dimension: 'HOUSING', nameVi: 'Diện tích nhà ở bình quân đầu người', nameEn: 'Floor area' },
  { number: 9, key: 'WATER', dimension: 'WATER_SANITATION', nameVi: 'Nguồn nước sinh hoạt', nameEn: 'Water' },
  { number: 10, key: 'LATRINE', dimension: 'WATER_SANITATION', nameVi: 'Nhà tiêu hợp vệ sinh', nameEn: 'Latrine' },
  { number: 11, key: 'TELECOM', dimension: 'INFORMATION', nameVi: 'Sử dụng dịch vụ viễn thông', nameEn: 'Telecom' },
  {
    number: 12,
    key: 'DEVICES',
    dimension: 'INFORMATION',
    nameVi: 'Phương tiện phục vụ tiếp cận thông tin',
    nameEn: 'Devices',
  },
];

export type Classification = 'POOR' | 'NEAR_POOR' | 'AVERAGE_LIVING_STANDARD' | 'ABOVE_AVERAGE';

export interface ClassifyInput {
  /** Income per person per month in whole đồng (form B1). */
  incomePerPersonMonthly: number;
  /**
   * One answer per indicator, in indicator order: `deprivations[0]` is indicator 1, `[11]` is
   * indicator 12. An array rather than a set of deprived numbers because form B2 answers every
   * indicator: a missing answer must be an error, not silently "not deprived".
   */
  deprivations: readonly boolean[];
  area: Area;
  /** The standard in force on the review date (see `standardInForce`). */
  standard: PovertyStandard;
}

export interface ClassifyResult {
  classification: Classification;
  deprivedCount: number;
  /** Numbers (1-12) of the indicators the household is deprived in, ascending. */
  deprivedIndicators: number[];
  /** Why, in words: the line and the indicators that decided it. */
  reasons: string[];
  standardCode: string;
  /** The lines applied, for display next to the income. A null bound means the band above the line is unknown. */
  povertyLine: number;
  averageLivingUpperBound: number | null;
}

/**
 * The 12 answers from a stored list of deprived indicator numbers (e.g. [4, 9, 12]), for a
 * review whose survey is complete. Throws a RangeError on a number outside 1-12 or repeated.
 */
export function deprivationsFromNumbers(deprived: readonly number[]): boolean[] {
  const seen = new Set<number>();
  deprived.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1 || n > INDICATORS.length) {
      throw new RangeError(
        `deprivedIndicators[${i}] must be an indicator number from 1 to ${INDICATORS.length}, got ${String(n)}`,
      );
    }
    if (seen.has(n)) throw new RangeError(`deprivedIndicators[${i}]: indicator ${n} is listed twice`);
    seen.add(n);
  });
  return INDICATORS.map((indicator) => seen.has(indicator.number));
}

/** 1500000 → "1,500,000" (fixed format, independent of the server's locale). */
export const formatVnd = (amount: number) => String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const indicatorList = (numbers: readonly number[]) =>
  numbers.map((n) => `${n} ${INDICATORS[n - 1]!.nameEn.toLowerCase()}`).join(', ');

const countPhrase = (count: number) => (count === 1 ? '1 indicator' : `${count} indicators`);

/**
 * Classifies a household: POOR when income <= the area's poverty line and deprived in at least
 * the standard's minimum number of indicators, NEAR_POOR when income <= the line with fewer;
 * above the line, AVERAGE_LIVING_STANDARD when income <= the upper bound, ABOVE_AVERAGE when
 * above it or when the standard does not give the bound (the reasons then say so). Throws a
 * RangeError naming the input when an input is invalid.
 */
export function classify(input: ClassifyInput): ClassifyResult {
  const { incomePerPersonMonthly: income, deprivations, area, standard } = input;
  if (typeof income !== 'number' || !Number.isSafeInteger(income) || income < 0) {
    throw new RangeError(`incomePerPersonMonthly must be a non-negative whole number of đồng, got ${String(income)}`);
  }
  if (!Array.isArray(deprivations) || deprivations.length !== INDICATORS.length) {
    const got = Array.isArray(deprivations) ? `${deprivations.length} answers` : String(deprivations);
    throw new RangeError(`deprivations must have exactly ${INDICATORS.length} answers, one per indicator, got ${got}`);
  }
  deprivations.forEach((answer, i) => {
    if (typeof answer !== 'boolean') {
      throw new RangeError(`deprivations[${i}] (indicator ${i + 1}) must be true or false, got ${String(answer)}`);
    }
  });
  if (area !== 'RURAL' && area !== 'URBAN') throw new RangeError(`area must be RURAL or URBAN, got ${String(area)}`);
  const problems = validateStandards([standard]);
  if (problems.length > 0) throw new RangeError(`standard is not usable: ${problems.join('; ')}`);

  const { povertyLine, averageLivingUpperBound: bound } = standard.lines[area];
  const deprivedIndicators = INDICATORS.filter((_, i) => deprivations[i]).map((indicator) => indicator.number);
  const deprivedCount = deprivedIndicators.length;
  const areaName = area.toLowerCase();
  const cite = `(${standard.name})`;
  const reasons: string[] = [];
  let classification: Classification;

  if (income <= povertyLine) {
    reasons.push(`income ${formatVnd(income)} ≤ ${areaName} poverty line ${formatVnd(povertyLine)} ${cite}`);
    const poor = deprivedCount >= standard.minDeprivations;
    const comparison = `${poor ? '≥' : '<'} ${standard.minDeprivations}`;
    reasons.push(
      deprivedCount === 0
        ? `deprived in no indicator (${comparison})`
        : `deprived in ${countPhrase(deprivedCount)} (${comparison}): ${indicatorList(deprivedIndicators)}`,
    );
    classification = poor ? 'POOR' : 'NEAR_POOR';
  } else {
    reasons.push(`income ${formatVnd(income)} > ${areaName} poverty line ${formatVnd(povertyLine)} ${cite}`);
    if (bound === null) {
      reasons.push(
        `the ${areaName} average-living-standard upper bound of ${standard.name} is not known, so the household is counted above average`,
      );
      classification = 'ABOVE_AVERAGE';
    } else if (income <= bound) {
      reasons.push(`income ${formatVnd(income)} ≤ ${areaName} average-living-standard upper bound ${formatVnd(bound)} ${cite}`);
      classification = 'AVERAGE_LIVING_STANDARD';
    } else {
      reasons.push(`income ${formatVnd(income)} > ${areaName} average-living-standard upper bound ${formatVnd(bound)} ${cite}`);
      classification = 'ABOVE_AVERAGE';
    }
  }

  return {
    classification,
    deprivedCount,
    deprivedIndicators,
    reasons,
    standardCode: standard.code,
    povertyLine,
    averageLivingUpperBound: bound,
  };
}
