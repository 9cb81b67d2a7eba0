import { migrate, pendingMigrations } from '@gnbv/kit';
import { type Logger } from '@gnbv/platform';
import { buildDemoDataset, type DemoDataset } from './demo/dataset';
import { loadDemoData } from './demo/load';
import { AGENCIES } from './agencies';

/**
 * Applies every subgraph's pending migrations and, if asked, loads the demo data into any
 * agency database that is still empty. `env` holds each agency's <NAME>_DATABASE_URL.
 */
export async function prepareDatabases(
  env: Record<string, string | undefined>,
  options: { demo: boolean; createSchema: boolean; logger: Logger; dataset?: DemoDataset; only?: readonly string[] },
): Promise<void> {
  const dataset = options.demo ? (options.dataset ?? buildDemoDataset()) : undefined;
  for (const subgraph of AGENCIES) {
    if (options.only && !options.only.includes(subgraph.name)) continue;
    const config = subgraph.loadConfig(env);
    const dataSource = await subgraph.dataSource({ ...config.database, poolSize: 1 }).initialize();
    try {
      const ran = await migrate(dataSource, { createSchema: options.createSchema });
      if (ran.length) options.logger.info(`${subgraph.name}: applied migrations`, { migrations: ran });
      if (dataset) {
        const rows = await loadDemoData(dataSource, subgraph.name, dataset);
        if (rows) options.logger.info(`${subgraph.name}: loaded demo data`, { rows });
      }
    } finally {
      await dataSource.destroy();
    }
  }
}

/** Pending migrations per agency database, without changing anything. */
export async function pendingByAgency(
  env: Record<string, string | undefined>,
  names: readonly string[],
): Promise<Record<string, string[]>> {
  const pending: Record<string, string[]> = {};
  for (const subgraph of AGENCIES.filter((s) => names.includes(s.name))) {
    const config = subgraph.loadConfig(env);
    const dataSource = await subgraph.dataSource({ ...config.database, poolSize: 1 }).initialize();
    try {
      const list = await pendingMigrations(dataSource);
      if (list.length) pending[subgraph.name] = list;
    } finally {
      await dataSource.destroy();
    }
  }
  return pending;
}
