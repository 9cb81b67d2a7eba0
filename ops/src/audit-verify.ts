import { parseArgs } from 'node:util';
import { verifyAuditChain } from '@gnbv/kit';
import { envPrefix, processEnv } from '@gnbv/platform';
import { findAgencyDatabase } from './agency-database';
import { AGENCIES } from './agencies';

/*
 * `npm run audit:verify [-- --subgraph <name>]`: walks each agency's audit chain from the first
 * record and reports the first one that does not hold (edited, deleted or reordered), exiting 1.
 * Uses <NAME>_DATABASE_URL when set; otherwise the embedded database of `npm start`, whether the
 * platform is running (its port) or not (its data directory).
 */

function progress(name: string, checked: number, total: number) {
  if (!process.stderr.isTTY || total === 0) return;
  const width = 30;
  const done = Math.round((checked / total) * width);
  process.stderr.write(`\r  ${name.padEnd(20)} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${checked}/${total}`);
}

async function main() {
  const { values } = parseArgs({ options: { subgraph: { type: 'string' } }, strict: true });
  const names = AGENCIES.map((s) => s.name);
  if (values.subgraph && !names.includes(values.subgraph))
    throw new Error(`--subgraph must be one of: ${names.join(', ')} (got "${values.subgraph}")`);
  let broken = 0;
  let verified = 0;
  for (const subgraph of AGENCIES) {
    if (values.subgraph && subgraph.name !== values.subgraph) continue;
    const db = await findAgencyDatabase(subgraph.name);
    if (!db) {
      process.stdout.write(
        `${subgraph.name}: no database found (set ${envPrefix(subgraph.name)}_DATABASE_URL or run npm start once)\n`,
      );
      continue;
    }
    const config = subgraph.loadConfig({ ...processEnv(), [`${envPrefix(subgraph.name)}_DATABASE_URL`]: db.url });
    const dataSource = await subgraph.dataSource({ ...config.database, poolSize: 1 }).initialize();
    try {
      const [{ exists }] = (await dataSource.query(`SELECT to_regclass('audit_record') IS NOT NULL AS exists`)) as [
        { exists: boolean },
      ];
      if (!exists) {
        if (values.subgraph) process.stdout.write(`${subgraph.name}: keeps no personal data, so no audit trail\n`);
        continue;
      }
      const result = await verifyAuditChain(dataSource, (checked, total) => progress(subgraph.name, checked, total));
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      verified += 1;
      if (result.broken) {
        broken += 1;
        process.stdout.write(
          `${subgraph.name}: BROKEN at record ${result.broken.seq}: ${result.broken.reason}. ${result.checked} records before it verified.\n`,
        );
      } else {
        process.stdout.write(`${subgraph.name}: ${result.checked} records, chain intact\n`);
      }
    } finally {
      await dataSource.destroy();
      await db.stop?.();
    }
  }
  if (verified === 0 && values.subgraph === undefined) process.stdout.write('no audit trail found\n');
  process.exit(broken > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
