import { categoryPeriods } from './category-periods';
import { householdCategoryOn } from './household-category';
import type { CertifiedReview } from './movements';

const review = (
  id: string,
  year: number,
  classification: CertifiedReview['classification'],
  certifiedOn: string,
  correctionOf?: string,
): CertifiedReview => ({
  id,
  year,
  reviewDate: `${year}-10-01`,
  classification,
  certifiedOn,
  ...(correctionOf ? { correctionOf } : {}),
});

describe('category periods', () => {
  it('opens a period on each certification that changes the category and closes the newly-escaped window after 36 months', () => {
    const reviews = [
      review('a', 2021, 'POOR', '2021-12-20'),
      review('b', 2022, 'POOR', '2022-12-20'),
      review('c', 2023, 'AVERAGE_LIVING_STANDARD', '2023-12-20'),
      review('d', 2024, 'AVERAGE_LIVING_STANDARD', '2024-12-20'),
      review('e', 2025, 'ABOVE_AVERAGE', '2025-12-18'),
    ];
    expect(categoryPeriods(reviews)).toEqual([
      { category: 'POOR', from: '2021-12-20', until: '2023-12-20' },
      { category: 'NEWLY_ESCAPED', from: '2023-12-20', until: '2026-12-20' },
      { category: 'NOT_POOR', from: '2026-12-20', until: null },
    ]);
  });

  it('agrees with the category on every day of a history with a relapse and a correction', () => {
    const reviews = [
      review('a', 2021, 'POOR', '2021-12-20'),
      review('b', 2022, 'NEAR_POOR', '2022-12-15'),
      review('c', 2023, 'AVERAGE_LIVING_STANDARD', '2023-12-20'),
      review('d', 2024, 'POOR', '2024-12-20'),
      review('e', 2025, 'AVERAGE_LIVING_STANDARD', '2025-12-20'),
      review('f', 2025, 'NEAR_POOR', '2026-02-01', 'e'),
    ];
    const periods = categoryPeriods(reviews);
    const at = (day: string) => periods.find((p) => p.from <= day && (p.until === null || day < p.until))?.category ?? null;
    for (let t = Date.parse('2021-12-01'); t <= Date.parse('2030-01-01'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect([day, at(day)]).toEqual([day, householdCategoryOn(reviews, day)]);
    }
  });

  it('is empty before any certified review', () => {
    expect(categoryPeriods([])).toEqual([]);
  });
});
