import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AGENCY_LIST_FILE, checkAgencies } from './agencies-check';

/*
 * `npm run agency:new -- <name> [--port N]`: scaffolds subgraphs/<name> with no domain copied
 * (its definition, config, server, an empty deny-by-default permission table, a first migration,
 * an in-process schema test, a README stub, and one example field on Household so that it
 * composes), then adds it to the agency list, to ops' dependencies and to ops' tsconfig
 * references, and links the workspace package into node_modules as npm would. Reads and writes
 * files only: no build needed first.
 */

const USAGE = `Scaffolds a new agency subgraph and adds it to the agency list.

  npm run agency:new -- <name> [--port N] [--install]

  <name>      the agency's name: lower-case words joined by hyphens (health, social-policy-bank)
  --port N    its subgraph's default port (default: one above the highest agency's)
  --install   run \`npm install\` afterwards (records the new workspace in package-lock.json)
  --root DIR  the repository (default: this one)`;

const AGENCY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Names that are not agency subgraphs: the kit's folder, and the agency that serves none. */
const RESERVED = ['kit', 'platform', 'gateway', 'ops', 'test', 'console', 'steering-committee'];

/** The spellings of one agency name that the scaffold needs. */
export interface AgencyNames {
  /** `health-insurance`: folder, package, subgraph and principal agency. */
  slug: string;
  /** `healthInsurance`: its binding in the list, its Household field's prefix. */
  camel: string;
  /** `HealthInsurance`: class and type names. */
  pascal: string;
  /** `HEALTH_INSURANCE`: its variables' prefix. */
  env: string;
}

export function agencyNames(slug: string): AgencyNames {
  const camel = slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { slug, camel, pascal: camel[0]!.toUpperCase() + camel.slice(1), env: slug.toUpperCase().replace(/-/g, '_') };
}

/** The problem with an agency name, or undefined when it can be scaffolded under `root`. */
export function nameProblem(root: string, slug: string): string | undefined {
  if (!AGENCY_NAME.test(slug) || slug.length > 60)
    return `"${slug}" is not an agency name: use lower-case words joined by hyphens, e.g. health or social-policy-bank`;
  if (RESERVED.includes(slug)) return `"${slug}" is reserved (${RESERVED.join(', ')})`;
  if (existsSync(join(root, 'subgraphs', slug))) return `subgraphs/${slug} exists already`;
  return undefined;
}

/** One above the highest `DEFAULT_PORT` of the agencies under subgraphs/ (4001 when there are none). */
export function nextPort(root: string): number {
  let highest = 4000;
  for (const entry of readdirSync(join(root, 'subgraphs'))) {
    const config = join(root, 'subgraphs', entry, 'src', 'config.ts');
    if (!existsSync(config)) continue;
    const port = /DEFAULT_PORT\s*=\s*(\d+)/.exec(readFileSync(config, 'utf8'))?.[1];
    if (port) highest = Math.max(highest, Number(port));
  }
  return highest + 1;
}

/** The scaffold's files, by path inside the agency's folder. */
export function scaffoldFiles(
  n: AgencyNames,
  port: number,
  versions: Record<string, string>,
  stamp: number,
): Record<string, string> {
  const field = `${n.camel}Notes`;
  const migration = `${n.pascal}Initial${stamp}`;
  const ctx = `${n.pascal}Context`;
  const dependencies = Object.fromEntries(
    ['@gnbv/kit', '@gnbv/platform', 'graphql', 'reflect-metadata', 'type-graphql', 'typeorm'].map((d) => [d, versions[d] ?? '*']),
  );
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@gnbv/${n.slug}`,
        version: '0.1.0',
        private: true,
        description: `${n.pascal} subgraph`,
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        scripts: { build: 'tsc -b', start: 'node dist/main.js' },
        dependencies,
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist"
  },
  "include": ["src"],
  "references": [
    {
      "path": "../../platform"
    },
    {
      "path": "../kit"
    }
  ]
}
`,
    'README.md': `# @gnbv/${n.slug}

The ${n.slug} agency's subgraph, scaffolded by \`npm run agency:new -- ${n.slug}\`.

- Its definition (name, port, schema, database, config, server) is \`src/agency.ts\`; it is listed in
  \`ops/src/agencies.ts\`, so \`npm start\`, \`npm run compose\`, migrations, the gateway's development
  issuer and the console's demo roles know it.
- Configuration: the \`${n.env}_*\` variables (\`${n.env}_PORT\`, default ${port}; \`${n.env}_DATABASE_URL\`;
  see the root README's Configuration section).
- Who may read what: \`src/permissions.ts\`, denied unless listed. Personal data uses \`personal(...)\`,
  which notes each read for the audit trail (created by the first migration).
- The example field \`Household.${field}\` shows the shape; replace it with the agency's own.
- Tests: \`NODE_OPTIONS=--experimental-vm-modules npx jest subgraphs/${n.slug}\`.
`,
    'src/index.ts': `export { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
export { createLoaders } from './context';
export { entities, migrations, ${n.camel}DataSource } from './data-source';
export { build${n.pascal}Schema } from './schema';
export { createServer } from './server';
export { definition } from './agency';
`,
    'src/agency.ts': `import { agencyMain, defineAgency } from '@gnbv/kit';
import { DEFAULT_PORT, loadConfig, SUBGRAPH_NAME } from './config';
import { ${n.camel}DataSource } from './data-source';
import { build${n.pascal}Schema } from './schema';
import { createServer } from './server';

/** The ${n.slug} agency, as ops composes, migrates and starts it (listed in ops/src/agencies.ts). */
export const definition = defineAgency({
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  buildSchema: build${n.pascal}Schema,
  dataSource: ${n.camel}DataSource,
  loadConfig,
  createServer,
  main: agencyMain(__dirname),
});
`,
    'src/config.ts': `import { loadSubgraphConfig, type SubgraphConfig } from '@gnbv/kit';
import { processEnv } from '@gnbv/platform';

export const SUBGRAPH_NAME = '${n.slug}';
export const DEFAULT_PORT = ${port};

/** The ${n.slug} subgraph's validated configuration (${n.env}_* variables; see the README). */
export function loadConfig(env = processEnv()): SubgraphConfig {
  return loadSubgraphConfig(SUBGRAPH_NAME, DEFAULT_PORT, env);
}
`,
    'src/main.ts': `import { runMain } from '@gnbv/platform';
import { loadConfig } from './config';
import { createServer } from './server';

runMain('${n.slug}', loadConfig, createServer);
`,
    'src/server.ts': `import { serveSubgraph, type ServeOptions, type SubgraphConfig, type SubgraphServer } from '@gnbv/kit';
import { createLoaders } from './context';
import { ${n.camel}DataSource } from './data-source';
import { build${n.pascal}Schema } from './schema';

/** Connects to the ${n.slug} database and serves the subgraph; \`stop()\` closes both. */
export function createServer(config: SubgraphConfig, options: ServeOptions = {}): Promise<SubgraphServer> {
  return serveSubgraph(config, { dataSource: ${n.camel}DataSource, buildSchema: build${n.pascal}Schema, createLoaders }, options);
}
`,
    'src/context.ts': `import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '@gnbv/kit';
import type { Principal } from '@gnbv/platform';

/** Fresh DataLoaders for one request, filtered to its principal's scope (none yet). */
export function createLoaders(_db: DataSource, _principal: Principal) {
  return {};
}

export type ${n.pascal}Loaders = ReturnType<typeof createLoaders>;
export type ${ctx} = SubgraphContext<${n.pascal}Loaders>;
`,
    'src/data-source.ts': `import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { ${migration} } from './migrations/${stamp}-Initial';

/** The subgraph's TypeORM entities (none yet: add each entity class here). */
export const entities: Array<new () => object> = [];
export const migrations = [${migration}];

/** The ${n.slug} database (not yet connected). */
export function ${n.camel}DataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
`,
    [`src/migrations/${stamp}-Initial.ts`]: `import { auditTrailMigration } from '@gnbv/kit';

/** ${n.pascal}'s audit trail: every read of its personal data (the \`personal\` rules of permissions.ts) is recorded there. */
export class ${migration} extends auditTrailMigration('${migration}') {}
`,
    'src/refs.ts': `import { defineAdminUnitRef, defineHouseholdRef } from '@gnbv/kit';

/** Labor's entities as this subgraph extends them: their keys only. */
export const HouseholdRef = defineHouseholdRef();
export type HouseholdRef = InstanceType<typeof HouseholdRef>;
export const AdminUnitRef = defineAdminUnitRef();
export type AdminUnitRef = InstanceType<typeof AdminUnitRef>;
`,
    'src/household/household.resolver.ts': `import { FieldResolver, Resolver } from 'type-graphql';
import { HouseholdRef } from '../refs';

/** The ${n.slug} agency's fields on labor's Household. */
@Resolver(() => HouseholdRef)
export class Household${n.pascal}Resolver {
  @FieldResolver(() => [String], {
    description: "An example field of the ${n.slug} agency (personal data, read with a purpose, audited): none yet.",
  })
  ${field}(): string[] {
    return [];
  }
}
`,
    'src/permissions.ts': `import { anyone, can, officer, PERSONAL_PURPOSES, personal, purpose, type PermissionTable } from '@gnbv/kit';
import type { HouseholdRef } from './refs';

/*
 * Who may read and write what in the ${n.slug} subgraph. Anything not listed is denied. A field
 * about a person is personal data: \`personal(...)\` asks for a purpose and notes every decision,
 * allowed or denied, for the audit trail against the household. Rows are limited to the reader's
 * units by loaders and queries.
 */

const ${n.camel}Officer = officer('${n.slug}');
const ofHousehold = (h: HouseholdRef) => ({ type: 'Household', id: h.id });

export const permissions: PermissionTable = {
  Household: {
    id: can(anyone), //                                   the key: the gateway holds it already
    ${field}: personal(ofHousehold, ${n.camel}Officer, purpose(...PERSONAL_PURPOSES)),
  },
};
`,
    'src/schema.ts': `import { buildFederatedSchema, type FederatedSchema } from '@gnbv/kit';
import { SUBGRAPH_NAME } from './config';
import type { ${ctx} } from './context';
import { Household${n.pascal}Resolver } from './household/household.resolver';
import { permissions } from './permissions';
import { HouseholdRef } from './refs';

/** The ${n.slug} subgraph's schema; needs no database, so composition can call it too. */
export function build${n.pascal}Schema(): Promise<FederatedSchema> {
  return buildFederatedSchema<${ctx}>({
    name: SUBGRAPH_NAME,
    resolvers: [Household${n.pascal}Resolver],
    // Reached only through \`_entities\`, so type-graphql must be told to emit it.
    orphanedTypes: [HouseholdRef],
    permissions,
  });
}
`,
    'src/schema.test.ts': `import type { FederatedSchema } from '@gnbv/kit';
import { errorCodes, schemaRunner, startTestDatabase, testPrincipal, type SchemaRunner, type TestDatabase } from '@gnbv/kit/testing';
import { createLoaders } from './context';
import { ${n.camel}DataSource } from './data-source';
import { build${n.pascal}Schema } from './schema';

/* The ${n.slug} subgraph as the gateway sees it: its SDL, and who may read its Household field. */

const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const READ = \`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id ${field} } } }\`;
const representations = { r: [{ __typename: 'Household', id: HOUSEHOLD }] };
const OFFICER = testPrincipal({ subject: '${n.slug}-officer', agency: '${n.slug}', scope: ['03160'] });

let schema: FederatedSchema;
let db: TestDatabase;
let run: SchemaRunner;

beforeAll(async () => {
  schema = await build${n.pascal}Schema();
  db = await startTestDatabase(${n.camel}DataSource, { name: '${n.slug}' });
  run = schemaRunner(schema.schema, db.dataSource, createLoaders);
});
afterAll(() => db?.stop());

describe('${n.slug} subgraph', () => {
  it('extends Household by its key with ${field}', () => {
    expect(schema.sdl).toMatch(/type Household @key\\(fields: "id"\\)/);
    expect(schema.sdl).toMatch(/${field}: \\[String!\\]!/);
  });

  it("a ${n.slug} officer reads a household's ${field} under a purpose, and the read is noted for the audit trail", async () => {
    const { result, context } = await run.withContext(READ, representations, { principal: OFFICER, purpose: 'review' });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: HOUSEHOLD, ${field}: [] }]);
    expect(context.audit.drain()).toEqual([
      { entityType: 'Household', decision: 'allowed', entityIds: [HOUSEHOLD], fields: ['Household.${field}'] },
    ]);
  });

  it("another agency's officer may not read it, nor may the agency's own officer without a purpose", async () => {
    const other = testPrincipal({ subject: 'other-officer', agency: 'labor', scope: ['03160'] });
    expect(errorCodes(await run(READ, representations, { principal: other, purpose: 'review' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await run(READ, representations, { principal: OFFICER, purpose: undefined }))).toEqual(['PURPOSE_REQUIRED']);
  });
});
`,
  };
}

/** Adds the agency's import and list line to ops/src/agencies.ts (its text), before the marker comment. */
export function addToList(text: string, n: AgencyNames): string {
  const importLine = `import { definition as ${n.camel} } from '@gnbv/${n.slug}';`;
  const imports = [...text.matchAll(/^import \{ definition as \w+ \} from '[^']+';$/gm)];
  const last = imports[imports.length - 1];
  const at = last ? (last.index ?? 0) + last[0].length : text.indexOf('\n', text.lastIndexOf('\nimport ') + 1);
  let out = `${text.slice(0, at)}\n${importLine}${text.slice(at)}`;
  const marker = out.indexOf('  // agency:new adds the next line above this one');
  if (marker >= 0) out = `${out.slice(0, marker)}  ${n.camel},\n${out.slice(marker)}`;
  else out = out.replace(/(AGENCIES[^=]*=\s*\[[\s\S]*?)(\n\];)/, `$1\n  ${n.camel},$2`);
  return out;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Scaffolds the agency under `root` and adds it to the list, ops' dependencies and references; returns the files touched. */
export function scaffoldAgency(root: string, slug: string, options: { port?: number; stamp?: number } = {}): string[] {
  const problem = nameProblem(root, slug);
  if (problem) throw new Error(problem);
  const n = agencyNames(slug);
  const port = options.port ?? nextPort(root);
  const kit = readJson(join(root, 'subgraphs', 'kit', 'package.json'));
  const versions = {
    ...(kit.dependencies as Record<string, string>),
    '@gnbv/kit': kit.version as string,
    '@gnbv/platform': '0.1.0',
  };
  const platformPackage = join(root, 'platform', 'package.json');
  if (existsSync(platformPackage)) versions['@gnbv/platform'] = readJson(platformPackage).version as string;
  const folder = join(root, 'subgraphs', slug);
  const touched: string[] = [];
  for (const [path, content] of Object.entries(scaffoldFiles(n, port, versions, options.stamp ?? Date.now()))) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
    touched.push(`subgraphs/${slug}/${path}`);
  }

  const listFile = join(root, AGENCY_LIST_FILE);
  writeFileSync(listFile, addToList(readFileSync(listFile, 'utf8'), n));
  const opsPackageFile = join(root, 'ops', 'package.json');
  const opsPackage = readJson(opsPackageFile);
  const deps = { ...(opsPackage.dependencies as Record<string, string>), [`@gnbv/${slug}`]: '0.1.0' };
  opsPackage.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  writeJson(opsPackageFile, opsPackage);
  const opsTsconfigFile = join(root, 'ops', 'tsconfig.json');
  const opsTsconfig = readJson(opsTsconfigFile);
  const references = (opsTsconfig.references ?? []) as Array<{ path: string }>;
  const lastAgency = references.map((r) => r.path.startsWith('../subgraphs/')).lastIndexOf(true);
  references.splice(lastAgency + 1, 0, { path: `../subgraphs/${slug}` });
  opsTsconfig.references = references;
  writeJson(opsTsconfigFile, opsTsconfig);
  touched.push(AGENCY_LIST_FILE, 'ops/package.json', 'ops/tsconfig.json');

  // What npm install does for a workspace: link the package, so that tsc and node resolve it now.
  const link = join(root, 'node_modules', '@gnbv', slug);
  if (existsSync(join(root, 'node_modules', '@gnbv')) && !existsSync(link)) symlinkSync(`../../subgraphs/${slug}`, link);
  return touched;
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: 'string' },
      root: { type: 'string' },
      install: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const root = resolve(values.root ?? resolve(__dirname, '..', '..'));
  const slug = positionals[0] as string;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
    process.stderr.write(`agency:new: --port ${values.port} is not a port\n`);
    return 2;
  }
  let touched: string[];
  try {
    touched = scaffoldAgency(root, slug, port === undefined ? {} : { port });
  } catch (error) {
    process.stderr.write(`agency:new: ${(error as Error).message}\n`);
    return 1;
  }
  const prettier = join(root, 'node_modules', '.bin', 'prettier');
  if (existsSync(prettier)) spawnSync(prettier, ['--log-level', 'warn', '--write', ...touched], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`agency:new: wrote\n${touched.map((t) => `  ${t}`).join('\n')}\n`);
  const problems = checkAgencies(root);
  if (problems.length)
    process.stderr.write(`agency:new: agencies:check still disagrees:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  if (values.install) {
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    if (npm.status !== 0) return 1;
  }
  process.stdout.write(
    `\nNext: ${values.install ? '' : '`npm install` (records the workspace in package-lock.json), '}` +
      `\`npm run build\`, \`npm run compose\`, then \`NODE_OPTIONS=--experimental-vm-modules npx jest subgraphs/${slug}\`.\n`,
  );
  return problems.length ? 1 : 0;
}

if (require.main === module) process.exit(main());
