import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * The folders of labor's src stand in layers: a folder may import from a folder below it, never
 * from one that (directly or through others) imports it. The files directly in src/ count as one
 * folder, "src/": the composition root (schema, context, data source, server), which imports the
 * folders, so no folder may import from it. Type-only imports count too: they tie the code as firmly.
 */

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const folderOf = (file: string): string => relative(SRC, dirname(file)) || 'src/';

/** Relative module specifiers of `import … from`, `export … from`, `import '…'` and `import('…')`. */
function relativeImports(code: string): string[] {
  const specifiers = code.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g);
  return [...specifiers].map((m) => m[1] as string);
}

/** folder → folder it imports → one import that shows it ("file -> specifier"). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const to = folderOf(resolve(dirname(file), `${specifier}.ts`));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(SRC, file)} -> ${specifier}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle met by a depth-first walk, each as its folders in order, the first repeated last. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (folder: string): void => {
    const onPath = path.indexOf(folder);
    if (onPath >= 0) {
      found.push([...path.slice(onPath), folder]);
      return;
    }
    if (done.has(folder)) return;
    path.push(folder);
    for (const next of [...(graph.get(folder)?.keys() ?? [])].sort()) visit(next);
    path.pop();
    done.add(folder);
  };
  for (const folder of [...graph.keys()].sort()) visit(folder);
  return found;
}

describe("labor's folder layout", () => {
  it('reads the imports it checks', () => {
    const graph = folderGraph();
    expect(graph.get('src/')?.has('household')).toBe(true);
    expect(graph.get('review')?.has('household')).toBe(true);
  });

  it('no folder imports from a folder that imports it', () => {
    const graph = folderGraph();
    const described = cycles(graph).map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => `${cycle[i]} -> ${to} (${graph.get(cycle[i] as string)?.get(to)})`)
        .join('\n  '),
    );
    expect(described).toEqual([]);
  });
});
