import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { request } from 'undici';
import { envPrefix, createLogger, ensureDevKeys, processEnv } from '@gnbv/platform';
import { pendingByAgency, prepareDatabases } from './databases';
import { DATA_DIR } from './paths';
import { AGENCIES } from './agencies';

const COLORS = [36, 33, 35, 32, 34, 91];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const useColor = process.stdout.isTTY;
const tag = (name: string, i: number) => {
  const label = `[${name}]`.padEnd(22);
  return useColor ? `\x1b[${COLORS[i % COLORS.length]}m${label}\x1b[0m` : label;
};

const children: Array<{ name: string; child: ChildProcess }> = [];
let shuttingDown = false;

function pipe(name: string, i: number, child: ChildProcess) {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${tag(name, i)} ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    process.stdout.write(`${tag(name, i)} exited (${signal ?? `code ${code}`}); stopping the platform\n`);
    void shutdown(1);
  });
  children.push({ name, child });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  const stopAt = Date.now();
  process.stdout.write('\nStopping: gateway, subgraphs, then databases...\n');
  // Gateway first, then the subgraphs together, then the databases: nothing is left talking
  // to a process that is gone.
  const stage = async (names: (n: string) => boolean) => {
    const t = Date.now();
    const group = children.filter((c) => names(c.name));
    await Promise.all(group.map(({ child }) => stopChild(child)));
    if (group.length)
      process.stdout.write(`  stopped ${group.map((c) => c.name).join(', ')} in ${((Date.now() - t) / 1000).toFixed(1)}s\n`);
  };
  await stage((n) => n === 'gateway');
  await stage((n) => n !== 'gateway' && n !== 'db');
  await stage((n) => n === 'db');
  process.stdout.write(`Stopped in ${((Date.now() - stopAt) / 1000).toFixed(1)}s.\n`);
  process.exit(code);
}

async function waitReady(name: string, url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready at ${url} after ${timeoutMs / 1000}s`);
    if (shuttingDown) throw new Error('stopping');
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const env = processEnv();
  const log = createLogger({ level: 'info' }, (line) => process.stdout.write(`${tag('start', 5)} ${line}\n`));
  if (env.NODE_ENV !== 'production') {
    // The development token issuer and the gateway's internal signing key, made once under .data/keys.
    ensureDevKeys();
  }

  // Agencies with a <NAME>_DATABASE_URL use that server; the others get an embedded database.
  const embeddedNames = AGENCIES.map((s) => s.name).filter((name) => !env[`${envPrefix(name)}_DATABASE_URL`]);
  const childEnv: Record<string, string | undefined> = { ...env, FORCE_COLOR: '0' };
  if (embeddedNames.length > 0) {
    log.info(`starting embedded PostgreSQL (PGlite) for: ${embeddedNames.join(', ')}`, { dataDir: DATA_DIR });
    const db = fork(join(__dirname, 'embedded-db.js'), embeddedNames, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    pipe('db', 4, db);
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      db.once('message', (m: { type: string; urls: Record<string, string> }) =>
        m.type === 'ready' ? resolve(m.urls) : reject(new Error('db')),
      );
      db.once('exit', () => reject(new Error('the embedded database process exited during start')));
    });
    for (const [key, url] of Object.entries(urls)) {
      childEnv[key] = url;
      // PGlite runs one session: each subgraph keeps exactly one connection to it.
      childEnv[key.replace(/_URL$/, '_POOL_SIZE')] = '1';
    }
    log.info(`embedded databases ready (${elapsed()})`);
  }

  if (embeddedNames.length > 0) {
    await prepareDatabases(childEnv, { only: embeddedNames, demo: true, createSchema: true, logger: log });
    log.info(`embedded databases migrated, demo data present (${elapsed()})`);
  }
  // A real server is only checked: `npm start` never changes a database it was pointed at.
  const serverNames = AGENCIES.map((s) => s.name).filter((name) => !embeddedNames.includes(name));
  const pending = await pendingByAgency(childEnv, serverNames);
  if (Object.keys(pending).length > 0) {
    const list = Object.entries(pending)
      .map(([name, m]) => `  ${name}: ${m.join(', ')}`)
      .join('\n');
    throw new Error(
      `these databases have pending migrations:\n${list}\nApply them with \`npm run migrate\` (add \`-- --demo\` for demo data), then start again.`,
    );
  }

  AGENCIES.forEach((subgraph, i) => {
    const child = spawn(process.execPath, [subgraph.main], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    pipe(subgraph.name, i, child);
  });
  await Promise.all(
    AGENCIES.map((s) => {
      const config = s.loadConfig(childEnv);
      return waitReady(s.name, `http://127.0.0.1:${config.port}/ready`);
    }),
  );
  const gateway = spawn(process.execPath, [require.resolve('@gnbv/gateway/dist/main.js')], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipe('gateway', 5, gateway);
  const gatewayPort = Number(childEnv.GATEWAY_PORT ?? 4000);
  await waitReady('gateway', `http://127.0.0.1:${gatewayPort}/ready`);

  const lines = [
    '',
    `GNBV platform is up in ${elapsed()}. Ctrl-C stops everything.`,
    '',
    `  Console (reports)       http://localhost:${gatewayPort}/   (sign in with a demo role)`,
    `  Explorer                http://localhost:${gatewayPort}/explorer`,
    `  Gateway (the one door)  http://localhost:${gatewayPort}/graphql`,
    ...AGENCIES.map((s) => `  ${s.name.padEnd(22)} http://localhost:${s.loadConfig(childEnv).port}/graphql`),
    '',
    `  Health: /health and /ready on every service. Data: ${embeddedNames.length ? DATA_DIR : 'your PostgreSQL server'}`,
    '',
    '  Every request needs a token. A development one (labor officer of the demo province):',
    '    npm run -s token -- --agency labor --role officer --scope 11',
    "  then send it as 'Authorization: Bearer <token>', with 'X-Purpose: review' for personal data.",
    '  Subgraphs answer only the gateway (401 to anyone else).',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (shuttingDown) return;
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
