import { DEFAULT_BATCH, DEFAULT_SEED, parseSeedArgs, UsageError } from './args';

describe('npm run seed options', () => {
  test('--households is required; the rest have defaults, the generator threads one per spare core', () => {
    expect(parseSeedArgs(['--households', '1000'], 4)).toEqual({
      households: 1000,
      seed: DEFAULT_SEED,
      batch: DEFAULT_BATCH,
      workers: 3,
    });
    expect(parseSeedArgs(['--households', '1000'], 1)).toMatchObject({ workers: 0 });
    expect(() => parseSeedArgs([])).toThrow(new UsageError('--households is required'));
  });

  test('a million may be written 1000000, 1_000_000 or 1,000,000', () => {
    for (const n of ['1000000', '1_000_000', '1,000,000'])
      expect(parseSeedArgs(['--households', n])).toMatchObject({ households: 1e6 });
  });

  test('out-of-range, fractional or unknown options are usage errors naming the option', () => {
    expect(() => parseSeedArgs(['--households', '0'])).toThrow(/--households must be a whole number from 1 to 5,000,000/);
    expect(() => parseSeedArgs(['--households', '10', '--batch', '50'])).toThrow(/--batch must be a whole number from 100/);
    expect(() => parseSeedArgs(['--households', '1.5'])).toThrow(UsageError);
    expect(() => parseSeedArgs(['--households', '10', '--seed', '-1'])).toThrow(UsageError);
    expect(() => parseSeedArgs(['--households', '10', '--append'])).toThrow(/Unknown option '--append'/);
    // One connection per database since the load drops and rebuilds indexes in its transaction.
    expect(() => parseSeedArgs(['--households', '10', '--connections', '2'])).toThrow(/Unknown option '--connections'/);
  });

  test('--help wins over everything else', () => {
    expect(parseSeedArgs(['--help'])).toBe('help');
    expect(parseSeedArgs(['-h', '--households', 'x'])).toBe('help');
  });
});
