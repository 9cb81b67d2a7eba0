import { type Classification } from '../poverty-standard/classify';
import { type CertifiedReview, categoryOn, effectiveReviews, isNewlyEscaped, movementOn, newlyEscapedUntil } from './movements';

/** A certified annual review: surveyed in October, certified on 20 December of its year. */
const review = (year: number, classification: Classification, extra: Partial<CertifiedReview> = {}): CertifiedReview => ({
  id: `r${year}`,
  year,
  reviewDate: `${year}-10-15`,
  classification,
  certifiedOn: `${year}-12-20`,
  ...extra,
});

/** Reviews of consecutive years from 2021, one classification each. */
const history = (...classifications: Classification[]) => classifications.map((c, i) => review(2021 + i, c));

const P = 'POOR';
const N = 'NEAR_POOR';
const A = 'AVERAGE_LIVING_STANDARD';
const H = 'ABOVE_AVERAGE';

describe('categoryOn', () => {
  const reviews = history(P, N, A);

  it('is null before the first certification', () => {
    expect(categoryOn(reviews, '2021-12-19')).toBeNull();
    expect(categoryOn([], '2030-01-01')).toBeNull();
  });

  it('is the latest review certified on or before the date', () => {
    expect(categoryOn(reviews, '2021-12-20')).toBe(P);
    expect(categoryOn(reviews, '2022-12-19')).toBe(P);
    expect(categoryOn(reviews, '2022-12-20')).toBe(N);
    expect(categoryOn(reviews, '2035-01-01')).toBe(A);
  });

  it('does not depend on the order the reviews are given in', () => {
    expect(categoryOn([...reviews].reverse(), '2023-12-31')).toBe(A);
  });
});

describe('movementOn, the latest review against the previous one', () => {
  const movementAfter = (...classifications: Classification[]) => movementOn(history(...classifications), '2040-01-01');

  it('is NONE with no review, and for a first review above the line', () => {
    expect(movementOn([], '2025-01-01')).toBe('NONE');
    expect(movementAfter(A)).toBe('NONE');
    expect(movementAfter(H, A)).toBe('NONE');
  });

  it('is NEWLY_ARISING for a first review on a list and for a first fall into poverty', () => {
    expect(movementAfter(P)).toBe('NEWLY_ARISING');
    expect(movementAfter(N)).toBe('NEWLY_ARISING');
    expect(movementAfter(A, P)).toBe('NEWLY_ARISING');
    expect(movementAfter(A, N)).toBe('NEWLY_ARISING');
    expect(movementAfter(N, P)).toBe('NEWLY_ARISING');
    expect(movementAfter(N, A, N, P)).toBe('NEWLY_ARISING');
  });

  it('is RELAPSED for a household that had been as poor before, escaped and fell back', () => {
    expect(movementAfter(P, A, P)).toBe('RELAPSED');
    expect(movementAfter(P, N, P)).toBe('RELAPSED');
    expect(movementAfter(N, A, N)).toBe('RELAPSED');
    expect(movementAfter(P, A, N)).toBe('RELAPSED');
    expect(movementAfter(P, H, H, H, P)).toBe('RELAPSED');
  });

  it('is ESCAPED_POVERTY from poor to near-poor or above the line', () => {
    expect(movementAfter(P, N)).toBe('ESCAPED_POVERTY');
    expect(movementAfter(P, A)).toBe('ESCAPED_POVERTY');
    expect(movementAfter(P, H)).toBe('ESCAPED_POVERTY');
  });

  it('is ESCAPED_NEAR_POVERTY from near-poor to above the line', () => {
    expect(movementAfter(N, A)).toBe('ESCAPED_NEAR_POVERTY');
    expect(movementAfter(P, N, H)).toBe('ESCAPED_NEAR_POVERTY');
  });

  it('is STAYED on the same list', () => {
    expect(movementAfter(P, P)).toBe('STAYED');
    expect(movementAfter(N, N)).toBe('STAYED');
  });

  it('compares with the previous review the household has, even years apart', () => {
    const reviews = [review(2021, P), review(2024, N)];
    expect(movementOn(reviews, '2025-01-01')).toBe('ESCAPED_POVERTY');
  });

  it('is the movement of the latest review known on the date, not of a later one', () => {
    const reviews = history(N, P, N);
    expect(movementOn(reviews, '2021-12-20')).toBe('NEWLY_ARISING');
    expect(movementOn(reviews, '2022-12-20')).toBe('NEWLY_ARISING');
    expect(movementOn(reviews, '2023-12-19')).toBe('NEWLY_ARISING');
    expect(movementOn(reviews, '2023-12-20')).toBe('ESCAPED_POVERTY');
  });
});

describe('a later review never rewrites an earlier year', () => {
  it('adding the 2024 review leaves every answer for 2023 dates as it was', () => {
    const before = history(P, P, N);
    const after = [...before, review(2024, P)];
    for (const date of ['2023-06-30', '2023-12-20', '2024-12-19']) {
      expect(categoryOn(after, date)).toBe(categoryOn(before, date));
      expect(movementOn(after, date)).toBe(movementOn(before, date));
      expect(isNewlyEscaped(after, date)).toBe(isNewlyEscaped(before, date));
    }
    expect(movementOn(after, '2024-12-20')).toBe('RELAPSED');
  });

  it('a correction replaces its year only from the day it is certified, and stays in its year', () => {
    const original = review(2022, P);
    const correction = review(2022, N, { id: 'c2022', certifiedOn: '2024-03-01', correctionOf: 'r2022' });
    const reviews = [review(2021, P), original, review(2023, N), correction];
    expect(categoryOn(reviews, '2022-12-31')).toBe(P);
    expect(movementOn(reviews, '2023-12-20')).toBe('ESCAPED_POVERTY');
    // Once the 2022 correction is certified, the household escaped in 2022 and stayed near-poor in 2023.
    expect(movementOn(reviews, '2024-03-01')).toBe('STAYED');
    // The correction is still the 2022 review, not the latest one.
    expect(categoryOn(reviews, '2024-03-01')).toBe(N);
    expect(effectiveReviews(reviews, '2024-03-01').map((r) => r.id)).toEqual(['r2021', 'c2022', 'r2023']);
    expect(effectiveReviews(reviews, '2024-02-29').map((r) => r.id)).toEqual(['r2021', 'r2022', 'r2023']);
  });

  it('a correction of a correction replaces both', () => {
    const reviews = [
      review(2022, P),
      review(2022, N, { id: 'c1', certifiedOn: '2023-02-01', correctionOf: 'r2022' }),
      review(2022, A, { id: 'c2', certifiedOn: '2023-03-01', correctionOf: 'c1' }),
    ];
    expect(categoryOn(reviews, '2023-01-31')).toBe(P);
    expect(categoryOn(reviews, '2023-02-01')).toBe(N);
    expect(categoryOn(reviews, '2023-03-01')).toBe(A);
  });
});

describe('isNewlyEscaped: within 36 months of the certification of the escape', () => {
  // Escaped poverty in the 2023 review, certified 2023-12-20.
  const escaped = history(P, P, N);

  it('starts on the day the escape is certified', () => {
    expect(isNewlyEscaped(escaped, '2023-12-19')).toBe(false);
    expect(isNewlyEscaped(escaped, '2023-12-20')).toBe(true);
  });

  it('lasts up to the day before the same date 36 months later, not on it', () => {
    expect(isNewlyEscaped(escaped, '2026-12-19')).toBe(true);
    expect(isNewlyEscaped(escaped, '2026-12-20')).toBe(false);
    expect(newlyEscapedUntil(escaped, '2024-06-01')).toBe('2026-12-20');
  });

  it('takes the window as a parameter', () => {
    expect(isNewlyEscaped(escaped, '2025-12-19', 24)).toBe(true);
    expect(isNewlyEscaped(escaped, '2025-12-20', 24)).toBe(false);
    expect(isNewlyEscaped(escaped, '2023-12-20', 0)).toBe(false);
    expect(() => isNewlyEscaped(escaped, '2024-01-01', -1)).toThrow(RangeError);
  });

  it('ends a window that starts on 29 February on 28 February', () => {
    const reviews = [review(2023, P), review(2024, A, { certifiedOn: '2024-02-29' })];
    expect(isNewlyEscaped(reviews, '2027-02-27')).toBe(true);
    expect(isNewlyEscaped(reviews, '2027-02-28')).toBe(false);
  });

  it('holds through later non-poor reviews, counted from the escape, not from the latest review', () => {
    const reviews = history(P, N, A, A);
    expect(isNewlyEscaped(reviews, '2024-12-20')).toBe(true);
    expect(newlyEscapedUntil(reviews, '2024-12-20')).toBe('2025-12-20');
    expect(isNewlyEscaped(reviews, '2025-12-20')).toBe(false);
  });

  it('ends when the household falls back into poverty, and restarts at its next escape', () => {
    const reviews = history(P, N, P, A);
    expect(isNewlyEscaped(reviews, '2022-12-20')).toBe(true);
    expect(isNewlyEscaped(reviews, '2023-12-20')).toBe(false);
    expect(newlyEscapedUntil(reviews, '2024-12-20')).toBe('2027-12-20');
  });

  it('is false for households that were never poor, that are poor, or that escaped only near-poverty', () => {
    expect(isNewlyEscaped(history(A, N, A), '2024-01-01')).toBe(false);
    expect(isNewlyEscaped(history(P, P), '2023-01-01')).toBe(false);
    expect(isNewlyEscaped(history(N, A), '2023-01-01')).toBe(false);
    expect(isNewlyEscaped(history(P), '2022-01-01')).toBe(false);
    expect(isNewlyEscaped([], '2022-01-01')).toBe(false);
  });

  it('a correction of the escape year does not restart the clock', () => {
    const reviews = [
      review(2022, P),
      review(2023, N),
      review(2023, A, { id: 'c2023', certifiedOn: '2024-05-01', correctionOf: 'r2023' }),
    ];
    expect(newlyEscapedUntil(reviews, '2024-06-01')).toBe('2026-12-20');
  });
});

describe('an inconsistent history is refused', () => {
  it('two unrelated reviews of one year', () => {
    const reviews = [review(2023, P), review(2023, N, { id: 'other' })];
    expect(() => categoryOn(reviews, '2024-01-01')).toThrow(
      'reviews r2023 and other are both certified for 2023 and neither corrects the other',
    );
  });

  it('a correction of a review that is missing, of another year, certified before it, or corrected twice', () => {
    expect(() => categoryOn([review(2023, N, { correctionOf: 'gone' })], '2024-01-01')).toThrow(
      "review r2023 corrects review gone, which is not in the household's history",
    );
    expect(() => categoryOn([review(2022, P), review(2023, N, { correctionOf: 'r2022' })], '2024-01-01')).toThrow(
      'review r2023 (year 2023) corrects review r2022 of another year (2022)',
    );
    expect(() =>
      categoryOn([review(2023, P), review(2023, N, { id: 'c', certifiedOn: '2023-12-01', correctionOf: 'r2023' })], '2024-01-01'),
    ).toThrow('review c was certified on 2023-12-01, before the review it corrects (r2023, 2023-12-20)');
    expect(() =>
      categoryOn(
        [
          review(2023, P),
          review(2023, N, { id: 'c1', correctionOf: 'r2023' }),
          review(2023, A, { id: 'c2', correctionOf: 'r2023' }),
        ],
        '2024-01-01',
      ),
    ).toThrow('review r2023 has two corrections (c1 and c2)');
  });

  it('corrections that loop', () => {
    expect(() => categoryOn([review(2023, P, { correctionOf: 'r2023' })], '2024-01-01')).toThrow('correct each other in a loop');
  });

  it('invalid fields and dates, naming them', () => {
    expect(() => categoryOn([review(2023, P, { certifiedOn: '20/12/2023' })], '2024-01-01')).toThrow(
      new RangeError('reviews[0].certifiedOn must be a calendar date written YYYY-MM-DD, got "20/12/2023"'),
    );
    expect(() => categoryOn([review(2023, 'RICH' as Classification)], '2024-01-01')).toThrow(
      /^reviews\[0\]\.classification must be one of/,
    );
    expect(() => movementOn([], '2024')).toThrow(RangeError);
  });
});
