// Adds lockfile entries for platform binaries the registry mirror here does not serve.
//
// The npm registry reachable from these machines has only Linux builds of native packages
// (@swc/core-darwin-arm64 answers 404). npm then leaves every other platform's optional
// binary out of package-lock.json, and `npm ci` refuses the lockfile ("Missing: ... from lock
// file"). An entry marked optional with its os/cpu lets `npm ci` validate the lockfile and skip
// the binary as incompatible, without ever fetching it. Run after `npm install` changes the
// lockfile: `node ops/scripts/complete-lockfile.mjs` (CI fails on a lockfile that needs it).
import { readFileSync, writeFileSync } from 'node:fs';

const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];
const OSES = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  android: 'android',
  freebsd: 'freebsd',
  openharmony: 'openharmony',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.map((p) => OSES[p]).find(Boolean);
  let cpu = parts.find((p) => CPUS.includes(p));
  if (!cpu && parts.includes('64')) cpu = 'x64'; // turbo names x64 builds "darwin-64", "windows-64"
  if (!os || !cpu) return null;
  const libc = os === 'linux' ? (parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : 'glibc') : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const path = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const check = process.argv.includes('--check');
const added = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key === '' ? '' : `${key}/`;
    if (lock.packages[`${base}node_modules/${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`node_modules/${dep}`] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added.push(`${dep}@${version}`);
  }
}
if (check) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} platform entries; run node ops/scripts/complete-lockfile.mjs`);
    process.exit(1);
  }
  process.exit(0);
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform entries:\n  ${added.join('\n  ')}` : 'lockfile already complete');
