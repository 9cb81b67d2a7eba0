import { SupportKind } from '@gnbv/kit/rules';
import { ProductionModel } from './production-project.entity';
import { initiativeRefusal, participantRefusal, projectRefusal, subProjectOfModel } from './production-project.rules';

const H = '00000000-0000-4000-8000-000000000001';
const valid = { code: 'DB-03160-BO-2025', programYear: 2025, startsOn: '2025-03-01', endsOn: '2026-12-31', budget: 0 };

describe('a production project’s own fields', () => {
  it('accepts a project with a code, a start in its programme year (±1) and a budget of 0 or more', () => {
    expect(projectRefusal(valid)).toBeNull();
    expect(projectRefusal({ ...valid, endsOn: null, programYear: 2024 })).toBeNull();
    expect(projectRefusal({ ...valid, endsOn: valid.startsOn })).toBeNull();
  });

  it.each([
    ['a lower-case code', { code: 'db-03160' }, 'input.code'],
    ['a code too short', { code: 'AB' }, 'input.code'],
    ['a code with spaces', { code: 'DB 03160' }, 'input.code'],
    ['an end before the start', { endsOn: '2025-02-28' }, 'input.endsOn'],
    ['a negative budget', { budget: -1 }, 'input.budget'],
    ['a fractional budget', { budget: 1.5 }, 'input.budget'],
    ['a programme year two years from the start', { programYear: 2027 }, 'input.programYear'],
    ['a programme year before the programme', { programYear: 2020, startsOn: '2020-05-01' }, 'input.programYear'],
  ])('refuses %s, naming the field', (_what, change, field) => {
    expect(projectRefusal({ ...valid, ...change })?.field).toBe(field);
  });

  it('makes a nutrition club a sub-project 2 project and every other model sub-project 1', () => {
    expect(subProjectOfModel(ProductionModel.NUTRITION_CLUB)).toBe(2);
    expect(subProjectOfModel(ProductionModel.CATTLE_BREEDING)).toBe(1);
    expect(subProjectOfModel(ProductionModel.AQUACULTURE)).toBe(1);
  });
});

describe('who may join a production project', () => {
  const project = { code: 'DB-03160-BO-2025', communeCode: '03160', endsOn: '2026-12-31' };
  const statement = { householdId: H, on: '2025-04-01', category: 'POOR' as const, communeCode: '03160' };

  it('takes poor, near-poor and newly escaped households of its commune', () => {
    for (const category of ['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED'] as const)
      expect(participantRefusal(project, { ...statement, category })).toBeNull();
  });

  it('refuses a household of another commune, naming householdId', () => {
    expect(participantRefusal(project, { ...statement, communeCode: '03163' })).toMatchObject({
      field: 'householdId',
      message: expect.stringMatching(/lives in commune 03163.*runs in commune 03160/),
    });
  });

  it('refuses a household above the line or on no list, naming the statement', () => {
    expect(participantRefusal(project, { ...statement, category: 'NOT_POOR' })).toMatchObject({
      field: 'registryAttestation',
      message: expect.stringMatching(/was not poor, near-poor or newly escaped on 2025-04-01/),
    });
    expect(participantRefusal(project, { ...statement, category: null })?.message).toMatch(/no certified poverty review/);
  });

  it('refuses joining after the project ended', () => {
    expect(participantRefusal(project, { ...statement, on: '2027-01-01' })?.field).toBe('joinedOn');
  });
});

describe('which supports may be part of a production project', () => {
  const cattle = { code: 'DB-BO', communeCode: '03160', subProject: 1 };
  const support = { householdId: H, communeCode: '03160', kind: SupportKind.BREEDING_ANIMALS };

  it('takes a support of its sub-project for a participating household of its commune', () => {
    expect(initiativeRefusal(cattle, support, true)).toBeNull();
  });

  it('answers a missing project and another commune’s alike', () => {
    const missing = initiativeRefusal(null, support, false);
    expect(missing).toMatch(/is not a production project of commune 03160/);
    expect(initiativeRefusal({ ...cattle, communeCode: '03163' }, support, true)).toBe(missing);
  });

  it('refuses a nutrition package in a production project, and a household that does not take part', () => {
    expect(initiativeRefusal(cattle, { ...support, kind: SupportKind.NUTRITION_PACKAGE }, true)).toMatch(
      /production project \(sub-project 1\); NUTRITION_PACKAGE is Project 3.2 support/,
    );
    expect(initiativeRefusal(cattle, support, false)).toMatch(/does not take part in project DB-BO/);
  });
});
