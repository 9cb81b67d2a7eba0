import { HouseholdCategory, SupportKind } from '../program/catalogue';
import { nextSupportStatus, SupportAction, SupportStatus, supportRefusal } from './support.rules';

const H = '11111111-1111-4111-8111-111111111111';
const CHILD = '22222222-2222-4222-8222-222222222222';
const ADULT = '33333333-3333-4333-8333-333333333333';
const stated = (category: HouseholdCategory | null, kids: string[] = []) => ({
  householdId: H,
  on: '2025-06-01',
  category,
  childrenUnder16: kids,
});

describe('support status', () => {
  it('moves planned → delivered → verified, and cancels only what is not verified', () => {
    expect(nextSupportStatus(SupportStatus.PLANNED, SupportAction.DELIVER)).toBe(SupportStatus.DELIVERED);
    expect(nextSupportStatus(SupportStatus.DELIVERED, SupportAction.VERIFY)).toBe(SupportStatus.VERIFIED);
    expect(nextSupportStatus(SupportStatus.PLANNED, SupportAction.CANCEL)).toBe(SupportStatus.CANCELLED);
    expect(nextSupportStatus(SupportStatus.DELIVERED, SupportAction.CANCEL)).toBe(SupportStatus.CANCELLED);
    expect(nextSupportStatus(SupportStatus.VERIFIED, SupportAction.CANCEL)).toEqual({
      refused: expect.stringContaining('VERIFIED'),
    });
    expect(nextSupportStatus(SupportStatus.PLANNED, SupportAction.VERIFY)).toEqual({
      refused: expect.stringContaining('DELIVERED'),
    });
    expect(nextSupportStatus(SupportStatus.CANCELLED, SupportAction.DELIVER)).toHaveProperty('refused');
  });
});

describe('who a support may go to', () => {
  const agriculture = [3];

  it('lets poor, near-poor and newly escaped households receive production support, and no one else', () => {
    for (const c of [HouseholdCategory.POOR, HouseholdCategory.NEAR_POOR, HouseholdCategory.NEWLY_ESCAPED])
      expect(supportRefusal(SupportKind.BREEDING_ANIMALS, agriculture, stated(c), null)).toBeNull();
    expect(supportRefusal(SupportKind.BREEDING_ANIMALS, agriculture, stated(HouseholdCategory.NOT_POOR), null)).toEqual({
      field: 'input.registryAttestation',
      message: expect.stringMatching(/was not poor, near-poor or newly escaped on 2025-06-01 .*Project 3\.1/),
    });
    expect(supportRefusal(SupportKind.SEEDS, agriculture, stated(null), null)?.message).toMatch(/no certified poverty review/);
  });

  it('gives nutrition only to a child under 16 of a poor or near-poor household, named by memberId', () => {
    expect(supportRefusal(SupportKind.NUTRITION_PACKAGE, agriculture, stated(HouseholdCategory.POOR, [CHILD]), CHILD)).toBeNull();
    expect(supportRefusal(SupportKind.NUTRITION_PACKAGE, agriculture, stated(HouseholdCategory.POOR, [CHILD]), null)?.field).toBe(
      'input.memberId',
    );
    expect(
      supportRefusal(SupportKind.NUTRITION_PACKAGE, agriculture, stated(HouseholdCategory.POOR, [CHILD]), ADULT)?.message,
    ).toMatch(/not a current member under 16/);
    expect(
      supportRefusal(SupportKind.NUTRITION_PACKAGE, agriculture, stated(HouseholdCategory.NEWLY_ESCAPED, [CHILD]), CHILD)?.field,
    ).toBe('input.registryAttestation');
  });

  it("refuses another agency's project, and a member named for household support", () => {
    expect(supportRefusal(SupportKind.PHONE, agriculture, stated(HouseholdCategory.POOR), null)).toEqual({
      field: 'input.kind',
      message: expect.stringContaining('Project 6.1 support, which another agency runs'),
    });
    expect(supportRefusal(SupportKind.SEEDS, agriculture, stated(HouseholdCategory.POOR), ADULT)?.field).toBe('input.memberId');
    expect(supportRefusal(SupportKind.VOCATIONAL_TRAINING, [2, 4, 5], stated(HouseholdCategory.POOR), ADULT)).toBeNull();
  });

  it('keeps housing to poor and near-poor households', () => {
    expect(supportRefusal(SupportKind.HOUSE_NEW_BUILD, [5], stated(HouseholdCategory.NEAR_POOR), null)).toBeNull();
    expect(supportRefusal(SupportKind.HOUSE_NEW_BUILD, [5], stated(HouseholdCategory.NEWLY_ESCAPED), null)?.message).toMatch(
      /only for poor, near-poor households/,
    );
  });
});
