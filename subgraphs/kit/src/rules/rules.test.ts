import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type * as Rules from './index';

// What a rules file must never load: the database, the schema machinery, the permission layer.
const HEAVY = ['typeorm', 'type-graphql', 'graphql-shield', 'graphql-middleware', '@electric-sql/pglite', 'pg', 'dataloader'];

describe('@gnbv/kit/rules', () => {
  it('loads without TypeORM, type-graphql, graphql-shield or PGlite', () => {
    let rules: typeof Rules | undefined;
    jest.isolateModules(() => {
      for (const name of HEAVY)
        jest.doMock(name, () => {
          throw new Error(`@gnbv/kit/rules loaded ${name}`);
        });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load inside the isolated registry
      rules = require('./index') as typeof Rules;
    });
    expect(rules?.addMonths('2024-02-29', 36)).toBe('2027-02-28');
    expect(rules?.SUPPORT_RULES.NUTRITION_PACKAGE.eligible).toEqual(['POOR', 'NEAR_POOR']);
    expect(rules?.categoryOnDate([{ category: 'POOR', from: '2024-01-01', until: null }], '2025-06-01')).toBe('POOR');
  });

  it('leaves those packages out of a plain node process that requires it', () => {
    // A real require cache, not jest's: the sources compiled on the fly by the same swc settings.
    const hook = `const swc = require('@swc/core'); const options = { ...require(${JSON.stringify(
      join(__dirname, '../../../../swc.config.json'),
    )}), swcrc: false, sourceMaps: false };
      require.extensions['.ts'] = (m, file) => m._compile(swc.transformFileSync(file, { ...options, filename: file }).code, file);`;
    const script = `${hook}
      const rules = require(${JSON.stringify(join(__dirname, 'index.ts'))});
      if (rules.addDays('2025-12-31', 1) !== '2026-01-01') throw new Error('rules did not load');
      const loaded = Object.keys(require.cache).filter((k) => ${JSON.stringify(HEAVY)}.some((p) => k.includes('/node_modules/' + p + '/')));
      process.stdout.write(JSON.stringify(loaded));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: join(__dirname, '../../../..') }),
    ) as string[];
    expect(loaded).toEqual([]);
  });
});
