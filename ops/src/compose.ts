import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, Source } from 'graphql';
import { SCHEMA_DIR, SUPERGRAPH_FILE } from './paths';
import { AGENCIES } from './agencies';

export interface Composition {
  files: Map<string, string>;
  supergraphSdl: string;
}

/** Prints each subgraph's SDL and composes the supergraph, or throws a readable error. */
export async function compose(): Promise<Composition> {
  const files = new Map<string, string>();
  const services = [];
  for (const subgraph of AGENCIES) {
    const { sdl } = await subgraph.buildSchema();
    files.set(join(SCHEMA_DIR, `${subgraph.name}.graphql`), sdl);
    // The URL is the default local one; the gateway overrides it per deployment. The source's name
    // is the subgraph's, so that each composition error says which subgraphs it is about.
    services.push({
      name: subgraph.name,
      typeDefs: parse(new Source(sdl, subgraph.name)),
      url: `http://127.0.0.1:${subgraph.defaultPort}/graphql`,
    });
  }
  const result = composeServices(services);
  if (result.errors) {
    const lines = result.errors.map((e) => {
      const code = (e.extensions?.code as string | undefined) ?? 'COMPOSITION_ERROR';
      const where = (e.nodes ?? []).map((n) => n.loc?.source.name).filter(Boolean);
      return `  [${code}] ${e.message}${where.length ? ` (in ${[...new Set(where)].join(', ')})` : ''}`;
    });
    throw new Error(`Composition failed with ${result.errors.length} error(s):\n${lines.join('\n')}`);
  }
  const supergraphSdl = `${result.supergraphSdl.trim()}\n`;
  files.set(SUPERGRAPH_FILE, supergraphSdl);
  return { files, supergraphSdl };
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** `npm run compose` writes the files; `npm run compose -- --check` fails on drift (CI). */
export async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  let composition: Composition;
  try {
    composition = await compose();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const drift: string[] = [];
  for (const [path, content] of composition.files) {
    if (read(path) === content) continue;
    if (check) drift.push(path);
    else {
      writeFileSync(path, content);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  if (check && drift.length > 0) {
    process.stderr.write(
      `The committed schema differs from what the code produces:\n${drift.map((p) => `  ${p}`).join('\n')}\n` +
        `Run \`npm run compose\` and commit the result.\n`,
    );
    return 1;
  }
  process.stdout.write(check ? 'schema: committed SDL and supergraph match the code\n' : 'schema: up to date\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
