import { randomUUID } from 'node:crypto';
import { DEMO_COMMUNES, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type GraphQLResponse, type Platform } from './platform';

/*
 * Writing the registry through the gateway, as a commune's labor officer would: a household is
 * registered with its members, reviewed step by step to certification, and then read by the
 * other agencies under their own rules. Every figure checked here is the one written here.
 */

const COMMUNE = DEMO_COMMUNES[0].code;
const OFFICER: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [COMMUNE] };
const OTHER_COMMUNE_OFFICER: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [DEMO_COMMUNES[1].code] };
const AGRICULTURE: DevTokenOptions = { agency: 'agriculture', roles: ['officer'], scope: [COMMUNE] };
const BANK_SERVICE: DevTokenOptions = {
  agency: 'social-policy-bank',
  roles: ['service'],
  scope: ['VN'],
  purpose: 'loan-eligibility',
};
const DPO: DevTokenOptions = { agency: 'labor', roles: ['data-protection-officer'], scope: ['VN'] };

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const asOfficer = (source: string, variables: Record<string, unknown>) => platform.query(source, variables, { as: OFFICER });
const codesOf = (res: GraphQLResponse) => (res.body.errors ?? []).map((e) => e.extensions?.code);
function data<T>(res: GraphQLResponse, field: string): T {
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as Record<string, T>)[field] as T;
}

const REGISTER = `mutation($input: RegisterHouseholdInput!, $key: String!) {
  registerHousehold(input: $input, idempotencyKey: $key) { id code category commune { code } head { fullName } }
}`;
const newHousehold = (code: string, nationalId: string) => ({
  communeCode: COMMUNE,
  code,
  village: 'Bản Che Căn',
  address: 'Bản Che Căn, Xã Mường Phăng',
  area: 'RURAL',
  ethnicMinority: true,
  members: [
    {
      fullName: 'Lò Văn Piêng',
      dateOfBirth: '1979-04-12',
      sex: 'MALE',
      nationalId,
      relationToHead: 'HEAD',
      ethnicity: 'Thái',
    },
    { fullName: 'Quàng Thị Ún', dateOfBirth: '1983-09-02', sex: 'FEMALE', relationToHead: 'SPOUSE', ethnicity: 'Thái' },
  ],
});

describe('writing the registry through the gateway', () => {
  it('registers a household, reviews it to certification, and other agencies read the result under their rules', async () => {
    const registered = data<{
      id: string;
      code: string;
      category: string;
      commune: { code: string };
      head: { fullName: string };
    }>(await asOfficer(REGISTER, { input: newHousehold('REG-0001', '011079004321'), key: randomUUID() }), 'registerHousehold');
    expect(registered).toMatchObject({ code: 'REG-0001', category: 'NOT_POOR', commune: { code: COMMUNE } });
    expect(registered.head.fullName).toBe('Lò Văn Piêng');

    const step = async (source: string, variables: Record<string, unknown>, field: string) =>
      data<{ id: string; state: string; classification: string | null }>(
        await asOfficer(source, { ...variables, key: randomUUID() }),
        field,
      );
    const review = await step(
      `mutation($h: ID!, $key: String!) { startReview(householdId: $h, year: 2026, reviewDate: "2026-10-01", idempotencyKey: $key) { id state classification } }`,
      { h: registered.id },
      'startReview',
    );
    expect(review.state).toBe('DRAFT');
    // Certifying a draft is an illegal move: CONFLICT, nothing changes.
    const early = await asOfficer(
      `mutation($r: ID!, $key: String!) { advanceReview(reviewId: $r, step: CERTIFY, idempotencyKey: $key) { state } }`,
      { r: review.id, key: randomUUID() },
    );
    expect(codesOf(early)).toEqual(['CONFLICT']);
    // Income under the rural line and three deprivations: poor under Decree 07/2021 (in force in 2026).
    const surveyed = await step(
      `mutation($r: ID!, $key: String!) { recordSurvey(reviewId: $r, incomePerPerson: 1200000, deprivedIndicators: [1, 4, 11], idempotencyKey: $key) { id state classification } }`,
      { r: review.id },
      'recordSurvey',
    );
    expect(surveyed).toMatchObject({ state: 'SURVEYED', classification: 'POOR' });
    for (const s of ['AGREE_IN_VILLAGE', 'POST', 'CERTIFY']) {
      await step(
        `mutation($r: ID!, $key: String!) { advanceReview(reviewId: $r, step: ${s}, idempotencyKey: $key) { id state classification } }`,
        { r: review.id },
        'advanceReview',
      );
    }

    const read = `query($id: ID!) { household(id: $id) { category certifiedCategoryOn(date: "2027-06-30") head { nationalId } } }`;
    // The bank's eligibility service: the certified category, never the head's ID number.
    const bank = await platform.query(
      read.replace(' head { nationalId }', ''),
      { id: registered.id },
      { as: BANK_SERVICE, purpose: null },
    );
    expect(data(bank, 'household')).toEqual({ category: 'POOR', certifiedCategoryOn: 'POOR' });
    // Another agency's officer: category, and the head's ID number masked.
    const agriculture = await platform.query(read, { id: registered.id }, { as: AGRICULTURE, purpose: 'support-delivery' });
    expect(data(agriculture, 'household')).toEqual({
      category: 'POOR',
      certifiedCategoryOn: 'POOR',
      head: { nationalId: '011******321' },
    });

    // The registry's audit trail names every write, with who made it.
    const audit = await platform.query(
      `query($id: ID!) { household(id: $id) { registryAudit(first: 50) { subject fields } } }`,
      { id: registered.id },
      { as: DPO, purpose: 'audit' },
    );
    const records = data<{ registryAudit: { subject: string; fields: string[] }[] }>(audit, 'household').registryAudit;
    const written = records.flatMap((r) => r.fields).filter((f) => f.startsWith('write '));
    expect(written).toEqual(expect.arrayContaining(['write Household.address', 'write Member.nationalId']));
  });

  it('adds a member and names a new head in one commune; an officer of another commune cannot tell the household exists', async () => {
    const { id } = data<{ id: string }>(
      await asOfficer(REGISTER, { input: newHousehold('REG-0002', '011079004322'), key: randomUUID() }),
      'registerHousehold',
    );
    const added = data<{ id: string }>(
      await asOfficer(
        `mutation($h: ID!, $key: String!) { addMember(householdId: $h, idempotencyKey: $key, input: {
            fullName: "Lò Văn Xôm", dateOfBirth: "2001-05-20", sex: MALE, nationalId: "011201004323", relationToHead: CHILD, ethnicity: "Thái" }) { id } }`,
        { h: id, key: randomUUID() },
      ),
      'addMember',
    );
    const changed = data<{ head: { id: string } }>(
      await asOfficer(
        `mutation($h: ID!, $m: ID!, $key: String!) { changeHouseholdHead(householdId: $h, memberId: $m, previousHeadRelation: PARENT, idempotencyKey: $key) { head { id } } }`,
        { h: id, m: added.id, key: randomUUID() },
      ),
      'changeHouseholdHead',
    );
    expect(changed.head.id).toBe(added.id);

    const outsider = await platform.query(
      `mutation($h: ID!, $key: String!) { updateHousehold(id: $h, input: { address: "elsewhere" }, idempotencyKey: $key) { id } }`,
      { h: id, key: randomUUID() },
      { as: OTHER_COMMUNE_OFFICER },
    );
    const missing = await platform.query(
      `mutation($h: ID!, $key: String!) { updateHousehold(id: $h, input: { address: "elsewhere" }, idempotencyKey: $key) { id } }`,
      { h: randomUUID(), key: randomUUID() },
      { as: OTHER_COMMUNE_OFFICER },
    );
    expect(codesOf(outsider)).toEqual(codesOf(missing));
    expect(outsider.body.errors?.[0]?.message?.replace(id, 'ID')).toBe(
      missing.body.errors?.[0]?.message?.replace(/[0-9a-f-]{36}/, 'ID'),
    );
  });

  it('refuses bad input at the edge, naming the field, and writes nothing', async () => {
    const bad = await asOfficer(REGISTER, { input: newHousehold('REG-0003', '01107900432'), key: randomUUID() });
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors?.[0]?.message).toContain('members[0].nationalId');
    const again = await asOfficer(`{ householdByCode(communeCode: "${COMMUNE}", code: "REG-0003") { id } }`, {});
    // Nothing was written: the code answers as a missing one does.
    expect(again.body.errors?.[0]?.message).toMatch(/no household with this code is visible to you/);
  });
});
