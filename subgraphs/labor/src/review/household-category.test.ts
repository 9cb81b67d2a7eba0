import { householdCategoryOn } from './household-category';
import type { CertifiedReview } from './movements';

const review = (year: number, classification: CertifiedReview['classification'], certifiedOn: string): CertifiedReview => ({
  id: `r${year}`,
  year,
  reviewDate: `${year}-10-01`,
  classification,
  certifiedOn,
});

describe('householdCategoryOn', () => {
  const history = [review(2022, 'POOR', '2022-12-15'), review(2023, 'AVERAGE_LIVING_STANDARD', '2023-12-20')];

  it('is null before any certified review', () => {
    expect(householdCategoryOn(history, '2022-12-14')).toBeNull();
  });

  it('follows the certified list, then newly escaped for 36 months, then not poor', () => {
    expect(householdCategoryOn(history, '2022-12-15')).toBe('POOR');
    expect(householdCategoryOn(history, '2023-12-19')).toBe('POOR');
    expect(householdCategoryOn(history, '2023-12-20')).toBe('NEWLY_ESCAPED');
    expect(householdCategoryOn(history, '2026-12-19')).toBe('NEWLY_ESCAPED');
    expect(householdCategoryOn(history, '2026-12-20')).toBe('NOT_POOR');
  });

  it('counts a household that left poverty for the near-poor list as near-poor', () => {
    expect(householdCategoryOn([review(2022, 'POOR', '2022-12-15'), review(2023, 'NEAR_POOR', '2023-12-20')], '2024-01-01')).toBe(
      'NEAR_POOR',
    );
  });

  it('never calls a household that was never poor newly escaped', () => {
    expect(householdCategoryOn([review(2023, 'ABOVE_AVERAGE', '2023-12-20')], '2024-01-01')).toBe('NOT_POOR');
  });
});
