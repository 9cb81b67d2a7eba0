// Prints where a CPU profile (node --cpu-prof, e.g. `npm run bench -- --profile DIR`) spends its
// time: the top functions by self time, and the share by package (node_modules/<pkg>, node
// internals, GC, idle). Usage: node ops/scripts/profile-summary.mjs <file.cpuprofile> [--top 30]
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node ops/scripts/profile-summary.mjs <file.cpuprofile> [--top N]\n');
  process.exit(2);
}
const topIndex = rest.indexOf('--top');
const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 30;
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Self time per node: the samples landing on it, weighted by the time between samples.
const selfUs = new Map();
const deltas = profile.timeDeltas ?? [];
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const packageOf = (url, name) => {
  if (name === '(garbage collector)') return '(gc)';
  if (name === '(idle)' || name === '(program)') return name;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  const ours = url.match(/\/(gateway|subgraphs\/[^/]+|ops)\//);
  return ours ? `ours:${ours[1]}` : url;
};

const byFunction = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|subgraphs|ops)\//, '$1/')}:${lineNumber + 1}`
    : '';
  const key = `${name} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = packageOf(url, name);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5);
const busy = total - (byPackage.get('(idle)') ?? 0);
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n\nby package:\n`);
for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`  ${pct(us)}%  ${pkg}\n`);
process.stdout.write(`\ntop ${top} functions by self time:\n`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  process.stdout.write(`  ${pct(us)}%  ${key}\n`);
