import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkAgencies, readAgencyList } from './agencies-check';

let root: string;

const write = (file: string, content: unknown) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
};

const LIST = `import type { AgencyDefinition } from '@gnbv/kit';
import { definition as labor } from '@gnbv/labor';
import { definition as socialPolicyBank } from '@gnbv/social-policy-bank';

export const AGENCIES: readonly AgencyDefinition[] = [
  labor,
  socialPolicyBank,
  // agency:new adds the next line above this one
];
`;

/** A tree where everything agrees: two agencies, the kit, ops and test. */
function consistentTree() {
  write('package.json', { workspaces: ['platform', 'subgraphs/*', 'ops', 'test'] });
  write('subgraphs/kit/package.json', { name: '@gnbv/kit', version: '0.1.0' });
  for (const a of ['labor', 'social-policy-bank']) {
    write(`subgraphs/${a}/package.json`, { name: `@gnbv/${a}`, version: '0.1.0' });
    write(`subgraphs/${a}/src/agency.ts`, 'export const definition = {};\n');
  }
  write('ops/src/agencies.ts', LIST);
  write('ops/package.json', {
    dependencies: { '@gnbv/kit': '0.1.0', '@gnbv/labor': '0.1.0', '@gnbv/social-policy-bank': '0.1.0' },
  });
  write('ops/tsconfig.json', {
    references: [{ path: '../subgraphs/kit' }, { path: '../subgraphs/labor' }, { path: '../subgraphs/social-policy-bank' }],
  });
  write('test/package.json', { dependencies: { '@gnbv/ops': '0.1.0' } });
  write('test/tsconfig.json', { references: [{ path: '../ops' }] });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gnbv-agencies-check-'));
  consistentTree();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('agencies:check', () => {
  it('passes when the list, the workspaces, the dependencies and the references agree', () => {
    expect(checkAgencies(root)).toEqual([]);
  });

  it('reads the list: the imported definitions that the array names, comments ignored', () => {
    expect(readAgencyList(LIST).listed).toEqual([
      { binding: 'labor', packageName: '@gnbv/labor' },
      { binding: 'socialPolicyBank', packageName: '@gnbv/social-policy-bank' },
    ]);
  });

  it('names an agency folder that is not in the list, with the two lines to add', () => {
    write('subgraphs/health/package.json', { name: '@gnbv/health', version: '0.1.0' });
    write('subgraphs/health/src/agency.ts', 'export const definition = {};\n');
    expect(checkAgencies(root)).toEqual([
      "subgraphs/health (@gnbv/health) is not in ops/src/agencies.ts: add `import { definition as health } from '@gnbv/health';` and `health,` to AGENCIES (or delete the folder)",
    ]);
  });

  it('names a listed agency that ops does not depend on or reference, with the entry to add', () => {
    write('ops/package.json', { dependencies: { '@gnbv/labor': '0.1.0' } });
    write('ops/tsconfig.json', { references: [{ path: '../subgraphs/labor' }] });
    expect(checkAgencies(root)).toEqual([
      'ops/package.json: @gnbv/social-policy-bank is listed in ops/src/agencies.ts but not a dependency: add "@gnbv/social-policy-bank": "0.1.0" to "dependencies"',
      'ops/tsconfig.json: no reference to subgraphs/social-policy-bank (tsc -b gives TS2307): add { "path": "../subgraphs/social-policy-bank" } to "references"',
    ]);
  });

  it('names a list entry without an import, an import without an entry, and a package that does not exist', () => {
    write(
      'ops/src/agencies.ts',
      LIST.replace('  socialPolicyBank,\n', '  health,\n').replace(
        "import { definition as labor } from '@gnbv/labor';",
        "import { definition as labor } from '@gnbv/labour';",
      ),
    );
    const problems = checkAgencies(root);
    expect(problems).toContain(
      "ops/src/agencies.ts: the list names health, which is not imported: add `import { definition as health } from '@gnbv/<agency>';`",
    );
    expect(problems).toContain(
      'ops/src/agencies.ts: @gnbv/social-policy-bank is imported as socialPolicyBank but not listed: add `socialPolicyBank,` to AGENCIES',
    );
    expect(problems).toContain(
      'ops/src/agencies.ts: lists @gnbv/labour, but no package under subgraphs/ has that name (see its package.json "name")',
    );
  });

  it('names a folder no workspace covers and an agency without its definition file', () => {
    write('package.json', { workspaces: ['platform', 'subgraphs/kit', 'subgraphs/labor', 'ops', 'test'] });
    rmSync(join(root, 'subgraphs/labor/src/agency.ts'));
    expect(checkAgencies(root)).toEqual([
      "subgraphs/labor/src/agency.ts: missing; it exports the agency's `definition` (defineAgency from @gnbv/kit)",
      'package.json: no workspace covers subgraphs/social-policy-bank: add "subgraphs/*" (or "subgraphs/social-policy-bank") to "workspaces"',
    ]);
  });

  it("names ops' dependency or reference on an unlisted agency, and a test reference without its dependency", () => {
    write(
      'ops/src/agencies.ts',
      LIST.replace("import { definition as socialPolicyBank } from '@gnbv/social-policy-bank';\n", '').replace(
        '  socialPolicyBank,\n',
        '',
      ),
    );
    write('test/tsconfig.json', { references: [{ path: '../ops' }, { path: '../subgraphs/labor' }] });
    expect(checkAgencies(root)).toEqual([
      "subgraphs/social-policy-bank (@gnbv/social-policy-bank) is not in ops/src/agencies.ts: add `import { definition as socialPolicyBank } from '@gnbv/social-policy-bank';` and `socialPolicyBank,` to AGENCIES (or delete the folder)",
      'ops/package.json: depends on @gnbv/social-policy-bank, which is not in ops/src/agencies.ts: list it or remove the dependency',
      'ops/tsconfig.json: references subgraphs/social-policy-bank, which is not in ops/src/agencies.ts: list it or remove the reference',
      'test/tsconfig.json: references subgraphs/labor without a dependency on @gnbv/labor in test/package.json: remove the reference (test reaches agencies through @gnbv/ops)',
    ]);
  });
});
