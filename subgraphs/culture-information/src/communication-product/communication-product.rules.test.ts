import { CommunicationProductKind } from './communication-product.entity';
import { COMMUNICATION_SUB_PROJECT, INFORMATION_SUB_PROJECT, productRefusal, subProjectOf } from './communication-product.rules';

const TODAY = '2025-07-01';
const report = (overrides: Record<string, unknown> = {}) => ({
  kind: 'BROADCAST',
  publishedOn: '2025-05-05',
  audienceReach: 1200,
  householdsReached: 375,
  programYear: 2025,
  ...overrides,
});

describe('the sub-project of a communication product', () => {
  it('files public information points under information access, with the household supports, and the rest under communication', () => {
    expect(INFORMATION_SUB_PROJECT).toBe(1);
    expect(COMMUNICATION_SUB_PROJECT).toBe(2);
    expect(subProjectOf(CommunicationProductKind.PUBLIC_INFORMATION_POINT)).toBe(INFORMATION_SUB_PROJECT);
    for (const kind of [
      CommunicationProductKind.BROADCAST,
      CommunicationProductKind.LEAFLET,
      CommunicationProductKind.STAGED_PERFORMANCE,
    ])
      expect(subProjectOf(kind)).toBe(COMMUNICATION_SUB_PROJECT);
  });
});

describe('what a commune may report about a product', () => {
  it('accepts a product published today or before, with households reached unknown or up to the people reached', () => {
    expect(productRefusal(report(), TODAY)).toBeNull();
    expect(productRefusal(report({ publishedOn: TODAY }), TODAY)).toBeNull();
    expect(productRefusal(report({ householdsReached: null }), TODAY)).toBeNull();
    expect(productRefusal(report({ householdsReached: undefined }), TODAY)).toBeNull();
    expect(productRefusal(report({ audienceReach: 0, householdsReached: 0 }), TODAY)).toBeNull();
    // A product paid from the budget of the year before or after its publication.
    expect(productRefusal(report({ programYear: 2024 }), TODAY)).toBeNull();
    expect(productRefusal(report({ programYear: 2026 }), TODAY)).toBeNull();
  });

  it('refuses, naming the field, what cannot be true', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ kind: 'PODCAST' }, 'input.kind', /must be one of BROADCAST/],
      [{ publishedOn: '2025-02-30' }, 'input.publishedOn', /calendar date/],
      [{ publishedOn: '2025-07-02' }, 'input.publishedOn', /future \(today in Vietnam is 2025-07-01\)/],
      [{ audienceReach: -1 }, 'input.audienceReach', /0 or more/],
      [{ audienceReach: 1.5 }, 'input.audienceReach', /whole number/],
      [{ householdsReached: -1 }, 'input.householdsReached', /0 or more/],
      [{ householdsReached: 1201 }, 'input.householdsReached', /must not exceed the people reached \(1200\)/],
      [{ programYear: 2020, publishedOn: '2021-01-10' }, 'input.programYear', /2021 to 2100/],
      [{ programYear: 2023 }, 'input.programYear', /year of publication \(2025\)/],
    ];
    for (const [overrides, field, message] of cases)
      expect({ overrides, refusal: productRefusal(report(overrides), TODAY) }).toEqual({
        overrides,
        refusal: { field, message: expect.stringMatching(message) },
      });
  });
});
