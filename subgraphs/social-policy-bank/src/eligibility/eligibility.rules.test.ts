import { addDays, addMonths } from '@gnbv/kit/rules';
import { LoanProgrammeCode } from '../programme/programme.entity';
import { programmeOn, type ProgrammeVersion } from '../programme/programme.rules';
import { EligibilityReasonCode as R, loanEligibility, type EligibilityInput } from './eligibility.rules';

const { POOR_HOUSEHOLD, NEAR_POOR_HOUSEHOLD, NEWLY_ESCAPED_HOUSEHOLD, CLEAN_WATER_SANITATION } = LoanProgrammeCode;
const version = (v: Partial<ProgrammeVersion> & Pick<ProgrammeVersion, 'code'>): ProgrammeVersion => ({
  id: `${v.code}-${v.validFrom ?? '2010-01-01'}`,
  validFrom: '2010-01-01',
  validTo: null,
  annualRatePercent: 6.6,
  overdueRatePercent: 8.58,
  ceilingPerHousehold: 100_000_000,
  maxTermMonths: 120,
  qualifyingCategories: [],
  ...v,
});
const VERSIONS: ProgrammeVersion[] = [
  version({ code: POOR_HOUSEHOLD, validTo: '2022-07-01', ceilingPerHousehold: 50_000_000, qualifyingCategories: ['POOR'] }),
  version({ code: POOR_HOUSEHOLD, validFrom: '2022-07-01', qualifyingCategories: ['POOR'] }),
  version({
    code: NEAR_POOR_HOUSEHOLD,
    annualRatePercent: 7.92,
    overdueRatePercent: 10.296,
    qualifyingCategories: ['NEAR_POOR'],
  }),
  version({
    code: NEWLY_ESCAPED_HOUSEHOLD,
    annualRatePercent: 8.25,
    overdueRatePercent: 10.725,
    maxTermMonths: 60,
    qualifyingCategories: ['NEWLY_ESCAPED'],
  }),
  version({ code: CLEAN_WATER_SANITATION, annualRatePercent: 9, overdueRatePercent: 11.7, ceilingPerHousehold: 25_000_000 }),
];

const ON = '2025-06-01';
const OWN_GROUP = { savingsGroupId: 'g-03160', communeCode: '03160', joinedOn: '2020-01-01', leftOn: null };
const OTHER_GROUP = { savingsGroupId: 'g-03163', communeCode: '03163', joinedOn: '2024-01-01', leftOn: null };

/** A poor household of commune 03160, member of a group there, owing nothing, asking about POOR_HOUSEHOLD on ON. */
function check(overrides: Partial<EligibilityInput> = {}) {
  const programme = overrides.programme ?? POOR_HOUSEHOLD;
  const on = overrides.on ?? ON;
  return loanEligibility({
    programme,
    on,
    version: programmeOn(VERSIONS, programme, on),
    categoryPeriods: [{ category: 'POOR', from: '2023-12-20', until: null }],
    householdCommune: '03160',
    memberships: [OWN_GROUP],
    loans: [],
    amount: null,
    ...overrides,
  });
}
const codes = (r: ReturnType<typeof check>) => r.reasons.map((x) => x.code);

describe('loan eligibility: a household that qualifies', () => {
  it('a certified poor resident member owing nothing is eligible, with the headroom, rate and term that would apply', () => {
    const r = check();
    expect(r).toMatchObject({
      eligible: true,
      reasons: [],
      category: 'POOR',
      headroom: 100_000_000,
      outstandingUnderProgramme: 0,
      annualRatePercent: 6.6,
      overdueRatePercent: 8.58,
      maxTermMonths: 120,
      lendingCommune: '03160',
      savingsGroupId: 'g-03160',
    });
  });
});

describe('loan eligibility: the ceiling', () => {
  const owing = (outstanding: number, programme = POOR_HOUSEHOLD) => [{ id: 'l1', programme, outstanding, overdueAmount: 0 }];

  it('owing exactly the ceiling leaves headroom 0: not eligible, CEILING_REACHED, whatever the amount', () => {
    for (const amount of [null, 1, 50_000_000]) {
      const r = check({ loans: owing(100_000_000), amount });
      expect(r.eligible).toBe(false);
      expect(r.headroom).toBe(0);
      expect(codes(r)).toEqual([R.CEILING_REACHED]);
    }
  });

  it('an amount equal to the headroom is eligible; one đồng more is AMOUNT_ABOVE_HEADROOM', () => {
    const at = check({ loans: owing(60_000_000), amount: 40_000_000 });
    expect(at.eligible).toBe(true);
    expect(at.headroom).toBe(40_000_000);
    const above = check({ loans: owing(60_000_000), amount: 40_000_001 });
    expect(above.eligible).toBe(false);
    expect(codes(above)).toEqual([R.AMOUNT_ABOVE_HEADROOM]);
    expect(above.reasons[0]!.message).toContain('at most 40,000,000 VND more');
  });

  it('headroom is never negative, and loans under another programme do not use it', () => {
    expect(check({ loans: owing(130_000_000) }).headroom).toBe(0);
    const other = check({ loans: owing(100_000_000, NEAR_POOR_HOUSEHOLD), amount: 100_000_000 });
    expect(other).toMatchObject({ eligible: true, headroom: 100_000_000, outstandingUnderProgramme: 0 });
  });

  it('the ceiling is the one of the version in force on the date: 50m until 2022-06-30, 100m from 2022-07-01', () => {
    const categoryPeriods = [{ category: 'POOR', from: '2021-12-20', until: null }];
    const before = check({ on: '2022-06-30', loans: owing(60_000_000), categoryPeriods });
    expect(before).toMatchObject({ eligible: false, headroom: 0 });
    expect(codes(before)).toEqual([R.CEILING_REACHED]);
    const after = check({ on: '2022-07-01', loans: owing(60_000_000), categoryPeriods });
    expect(after).toMatchObject({ eligible: true, headroom: 40_000_000 });
    expect(after.version?.validFrom).toBe('2022-07-01');
  });
});

describe('loan eligibility: the certified category on the date', () => {
  const changedOn = '2025-05-31';
  const periods = [
    { category: 'POOR', from: '2023-12-20', until: changedOn },
    { category: 'NEAR_POOR', from: changedOn, until: null },
  ];

  it('a household certified near-poor yesterday no longer qualifies as poor today, and does as near-poor', () => {
    const today = addDays(changedOn, 1);
    const poor = check({ on: today, categoryPeriods: periods });
    expect(poor.eligible).toBe(false);
    expect(poor.category).toBe('NEAR_POOR');
    expect(codes(poor)).toEqual([R.CATEGORY_NOT_ELIGIBLE]);
    expect(poor.reasons[0]!.message).toMatch(/certified near-poor; POOR_HOUSEHOLD lends to households certified poor/);
    expect(check({ on: today, categoryPeriods: periods, programme: NEAR_POOR_HOUSEHOLD })).toMatchObject({
      eligible: true,
      annualRatePercent: 7.92,
    });
    // The day before the change, the same household qualified as poor.
    expect(check({ on: addDays(changedOn, -1), categoryPeriods: periods }).eligible).toBe(true);
    // On the day of the change itself, the new category applies.
    expect(check({ on: changedOn, categoryPeriods: periods }).category).toBe('NEAR_POOR');
  });

  it('newly escaped 35 months ago qualifies for the newly-escaped programme; 36 or 37 months ago it does not', () => {
    // Labor's periods: the escape certified on 2022-12-20 opens a 36-month NEWLY_ESCAPED window.
    const escaped = '2022-12-20';
    const windowEnds = addMonths(escaped, 36);
    const history = [
      { category: 'POOR', from: '2021-12-20', until: escaped },
      { category: 'NEWLY_ESCAPED', from: escaped, until: windowEnds },
      { category: 'NOT_POOR', from: windowEnds, until: null },
    ];
    const at = (months: number) =>
      check({ programme: NEWLY_ESCAPED_HOUSEHOLD, on: addMonths(escaped, months), categoryPeriods: history });
    expect(at(35)).toMatchObject({ eligible: true, category: 'NEWLY_ESCAPED', annualRatePercent: 8.25, maxTermMonths: 60 });
    expect(at(36)).toMatchObject({ eligible: false, category: 'NOT_POOR' });
    const late = at(37);
    expect(late).toMatchObject({ eligible: false, category: 'NOT_POOR' });
    expect(codes(late)).toEqual([R.CATEGORY_NOT_ELIGIBLE]);
    expect(check({ on: addMonths(escaped, 35), categoryPeriods: history }).eligible).toBe(false); // no longer poor
  });

  it('no certified review on the date is NO_CERTIFIED_REVIEW where the programme names categories', () => {
    const none = check({ categoryPeriods: [] });
    expect(codes(none)).toEqual([R.NO_CERTIFIED_REVIEW]);
    expect(none.category).toBeNull();
    // Before the first certification counts as none too.
    expect(codes(check({ on: '2023-12-19' }))).toEqual([R.NO_CERTIFIED_REVIEW]);
  });

  it('a programme with no qualifying categories is open to any household of the registry, reviewed or not', () => {
    for (const categoryPeriods of [[], [{ category: 'NOT_POOR', from: '2024-12-20', until: null }]]) {
      expect(check({ programme: CLEAN_WATER_SANITATION, categoryPeriods, amount: 25_000_000 })).toMatchObject({
        eligible: true,
        headroom: 25_000_000,
        annualRatePercent: 9,
      });
    }
  });
});

describe('loan eligibility: residence and the savings group', () => {
  it('not a member of any group on the date is NOT_IN_SAVINGS_GROUP', () => {
    expect(codes(check({ memberships: [] }))).toEqual([R.NOT_IN_SAVINGS_GROUP]);
    const left = { ...OWN_GROUP, leftOn: ON };
    expect(codes(check({ memberships: [left] }))).toEqual([R.NOT_IN_SAVINGS_GROUP]);
    const notYet = { ...OWN_GROUP, joinedOn: addDays(ON, 1) };
    expect(codes(check({ memberships: [notYet] }))).toEqual([R.NOT_IN_SAVINGS_GROUP]);
    expect(check({ memberships: [{ ...OWN_GROUP, joinedOn: ON }] }).eligible).toBe(true);
  });

  it("a member only of another commune's group is NOT_RESIDENT_IN_LENDING_COMMUNE, naming both communes", () => {
    const r = check({ memberships: [OTHER_GROUP] });
    expect(codes(r)).toEqual([R.NOT_RESIDENT_IN_LENDING_COMMUNE]);
    expect(r.lendingCommune).toBe('03163');
    expect(r.reasons[0]!.message).toBe('the household lives in commune 03160, but its savings group lends in commune 03163');
  });

  it("a member of groups in both communes borrows through its own commune's group", () => {
    const r = check({ memberships: [OTHER_GROUP, OWN_GROUP] });
    expect(r).toMatchObject({ eligible: true, lendingCommune: '03160', savingsGroupId: 'g-03160' });
  });

  it("a loan's own group decides the lending commune when a loan is checked", () => {
    const viaOther = check({ memberships: [OTHER_GROUP, OWN_GROUP], lendingGroupId: 'g-03163' });
    expect(codes(viaOther)).toEqual([R.NOT_RESIDENT_IN_LENDING_COMMUNE]);
    const notMember = check({ memberships: [OWN_GROUP], lendingGroupId: 'g-other' });
    expect(codes(notMember)).toEqual([R.NOT_IN_SAVINGS_GROUP]);
  });
});

describe('loan eligibility: overdue loans and programmes', () => {
  it('principal overdue on any loan is OVERDUE_LOAN, whatever its programme', () => {
    const r = check({
      loans: [{ id: 'w', programme: CLEAN_WATER_SANITATION, outstanding: 10_000_000, overdueAmount: 2_500_000 }],
    });
    expect(codes(r)).toEqual([R.OVERDUE_LOAN]);
    expect(r.reasons[0]!.message).toBe('on 2025-06-01 the household has a loan with 2,500,000 VND of principal overdue');
    expect(
      check({ loans: [{ id: 'w', programme: CLEAN_WATER_SANITATION, outstanding: 10_000_000, overdueAmount: 0 }] }).eligible,
    ).toBe(true);
  });

  it('no programme version on the date is NO_PROGRAMME_ON_DATE, with no headroom or rate, and the other reasons still given', () => {
    const r = check({ on: '2009-12-31', memberships: [] });
    expect(codes(r)).toEqual([R.NO_PROGRAMME_ON_DATE, R.NOT_IN_SAVINGS_GROUP]);
    expect(r).toMatchObject({ eligible: false, version: null, headroom: null, annualRatePercent: null, maxTermMonths: null });
  });

  it('gives every reason that applies, each with a message', () => {
    const r = check({
      categoryPeriods: [{ category: 'NEAR_POOR', from: '2024-12-20', until: null }],
      memberships: [OTHER_GROUP],
      loans: [
        { id: 'a', programme: POOR_HOUSEHOLD, outstanding: 100_000_000, overdueAmount: 0 },
        { id: 'b', programme: NEAR_POOR_HOUSEHOLD, outstanding: 20_000_000, overdueAmount: 5_000_000 },
      ],
      amount: 10_000_000,
    });
    expect(codes(r)).toEqual([R.CATEGORY_NOT_ELIGIBLE, R.NOT_RESIDENT_IN_LENDING_COMMUNE, R.CEILING_REACHED, R.OVERDUE_LOAN]);
    for (const reason of r.reasons) expect(reason.message.length).toBeGreaterThan(20);
  });
});
