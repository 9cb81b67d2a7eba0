import type { Principal } from '@gnbv/platform';
import { isNationalId, maskNationalId, seesFullNationalId } from './national-id';

const officer = (agency: Principal['agency']): Principal => ({
  subject: 's',
  agency,
  roles: ['officer'],
  kind: 'person',
  scope: ['VN'],
});

describe('national ID numbers', () => {
  it('accepts exactly 12 digits', () => {
    expect(isNationalId('011080123456')).toBe(true);
    expect(isNationalId('01108012345')).toBe(false);
    expect(isNationalId('01108012345a')).toBe(false);
    expect(isNationalId('0110801234567')).toBe(false);
  });

  it('masks all but the first and last 3 digits', () => {
    expect(maskNationalId('011080123456')).toBe('011******456');
    expect(maskNationalId('12345')).toBe('*****');
  });

  it('shows the full number to labor officers only', () => {
    expect(seesFullNationalId(officer('labor'))).toBe(true);
    expect(seesFullNationalId(officer('agriculture'))).toBe(false);
    expect(seesFullNationalId({ ...officer('labor'), roles: ['analyst'] })).toBe(false);
  });
});
