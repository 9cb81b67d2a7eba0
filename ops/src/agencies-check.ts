import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/*
 * `npm run agencies:check`: the agency list (ops/src/agencies.ts) against what npm and tsc read
 * (the workspaces, ops' and test's dependencies, their tsconfig references), each disagreement
 * named with its file and its fix. It reads files only (no build, no imports of the agencies), so
 * it can run before `tsc -b`, which is exactly when a missing reference would otherwise give TS2307.
 */

/** The file holding the agency list, relative to the repository. */
export const AGENCY_LIST_FILE = 'ops/src/agencies.ts';

/** One agency in the list: the name it is imported as and the package it comes from. */
export interface ListedAgency {
  binding: string;
  packageName: string;
}

/** The agency packages of the list file's text: `import { definition as x } from '@gnbv/y'` lines whose `x` is in `AGENCIES = [...]`. */
export function readAgencyList(text: string): { listed: ListedAgency[]; problems: string[] } {
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/import\s*\{\s*definition\s+as\s+(\w+)\s*\}\s*from\s*'([^']+)'/g))
    imports.set(m[1] as string, m[2] as string);
  const body = /AGENCIES[^=]*=\s*\[([\s\S]*?)\]/.exec(text)?.[1];
  if (body === undefined)
    return { listed: [], problems: [`${AGENCY_LIST_FILE}: no \`export const AGENCIES = [...]\` list found`] };
  const entries = body
    .replace(/\/\/.*$/gm, '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const listed: ListedAgency[] = [];
  for (const binding of entries) {
    const packageName = imports.get(binding);
    if (packageName) listed.push({ binding, packageName });
    else
      problems.push(
        `${AGENCY_LIST_FILE}: the list names ${binding}, which is not imported: add \`import { definition as ${binding} } from '@gnbv/<agency>';\``,
      );
  }
  for (const [binding, packageName] of imports)
    if (!entries.includes(binding))
      problems.push(
        `${AGENCY_LIST_FILE}: ${packageName} is imported as ${binding} but not listed: add \`${binding},\` to AGENCIES`,
      );
  return { listed, problems };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** True when a workspace pattern of the root package.json (`subgraphs/*`, `subgraphs/labor`) covers the folder. */
function workspaceCovers(patterns: readonly string[], folder: string): boolean {
  return patterns.some(
    (p) => p === folder || (p.endsWith('/*') && folder.startsWith(p.slice(0, -1)) && !folder.slice(p.length - 1).includes('/')),
  );
}

/** Every disagreement between the agency list and the workspaces, dependencies and references, under the repository `root`. */
export function checkAgencies(root: string): string[] {
  const listFile = join(root, AGENCY_LIST_FILE);
  if (!existsSync(listFile)) return [`${AGENCY_LIST_FILE}: missing (it lists the agencies; see the README's "Adding an agency")`];
  const { listed, problems } = readAgencyList(readFileSync(listFile, 'utf8'));

  // The agency packages on disk: every package under subgraphs/ but the kit.
  const folders = new Map<string, string>(); // package name -> folder relative to root
  const subgraphs = join(root, 'subgraphs');
  for (const entry of existsSync(subgraphs) ? readdirSync(subgraphs, { withFileTypes: true }) : []) {
    const pkg = join(subgraphs, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(pkg)) continue;
    const name = readJson(pkg).name as string;
    if (name !== '@gnbv/kit') folders.set(name, `subgraphs/${entry.name}`);
  }
  const listedNames = new Set(listed.map((a) => a.packageName));

  const rootPackage = readJson(join(root, 'package.json'));
  const workspaces = (rootPackage.workspaces ?? []) as string[];
  for (const [name, folder] of folders) {
    const binding = folder
      .slice('subgraphs/'.length)
      .replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
      .replace(/^\d/, '_$&');
    if (!listedNames.has(name))
      problems.push(
        `${folder} (${name}) is not in ${AGENCY_LIST_FILE}: add \`import { definition as ${binding} } from '${name}';\` and \`${binding},\` to AGENCIES (or delete the folder)`,
      );
    if (!existsSync(join(root, folder, 'src', 'agency.ts')))
      problems.push(`${folder}/src/agency.ts: missing; it exports the agency's \`definition\` (defineAgency from @gnbv/kit)`);
    if (!workspaceCovers(workspaces, folder))
      problems.push(`package.json: no workspace covers ${folder}: add "subgraphs/*" (or "${folder}") to "workspaces"`);
  }
  for (const { packageName } of listed)
    if (!folders.has(packageName))
      problems.push(
        `${AGENCY_LIST_FILE}: lists ${packageName}, but no package under subgraphs/ has that name (see its package.json "name")`,
      );

  // The packages that import the list (ops) must declare and reference every listed agency, and only those.
  for (const workspace of ['ops', 'test']) {
    const pkgFile = `${workspace}/package.json`;
    const tsconfigFile = `${workspace}/tsconfig.json`;
    if (!existsSync(join(root, pkgFile))) continue;
    const pkg = readJson(join(root, pkgFile));
    const deps = { ...(pkg.dependencies as Record<string, string>), ...(pkg.devDependencies as Record<string, string>) };
    const references = existsSync(join(root, tsconfigFile))
      ? ((readJson(join(root, tsconfigFile)).references ?? []) as Array<{ path: string }>).map((r) =>
          relative(root, resolve(root, workspace, r.path)),
        )
      : [];
    for (const [name, folder] of folders) {
      const declared = name in deps;
      const referenced = references.includes(folder);
      if (workspace === 'ops') {
        if (listedNames.has(name) && !declared) {
          const version = readJson(join(root, folder, 'package.json')).version as string;
          problems.push(
            `${pkgFile}: ${name} is listed in ${AGENCY_LIST_FILE} but not a dependency: add "${name}": "${version}" to "dependencies"`,
          );
        }
        if (!listedNames.has(name) && declared)
          problems.push(`${pkgFile}: depends on ${name}, which is not in ${AGENCY_LIST_FILE}: list it or remove the dependency`);
        if (listedNames.has(name) && !referenced)
          problems.push(
            `${tsconfigFile}: no reference to ${folder} (tsc -b gives TS2307): add { "path": "../${folder}" } to "references"`,
          );
        if (!listedNames.has(name) && referenced)
          problems.push(
            `${tsconfigFile}: references ${folder}, which is not in ${AGENCY_LIST_FILE}: list it or remove the reference`,
          );
      } else {
        // test reaches the agencies through @gnbv/ops; a direct dependency needs its reference and back.
        if (declared && !referenced)
          problems.push(`${tsconfigFile}: depends on ${name} but has no reference: add { "path": "../${folder}" }`);
        if (referenced && !declared)
          problems.push(
            `${tsconfigFile}: references ${folder} without a dependency on ${name} in ${pkgFile}: remove the reference (test reaches agencies through @gnbv/ops)`,
          );
      }
    }
  }
  return problems;
}

if (require.main === module) {
  const rootFlag = process.argv.indexOf('--root');
  const root = resolve(rootFlag >= 0 ? (process.argv[rootFlag + 1] ?? '.') : resolve(__dirname, '..', '..'));
  const problems = checkAgencies(root);
  if (problems.length) {
    process.stderr.write(
      `agencies:check: the agency list and the packages disagree:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const { listed } = readAgencyList(readFileSync(join(root, AGENCY_LIST_FILE), 'utf8'));
  process.stdout.write(`agencies:check: ${listed.length} agencies; workspaces, dependencies and tsconfig references agree\n`);
}
