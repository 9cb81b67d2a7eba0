import { resolve } from 'node:path';
import { isAgencyName, type Agency } from '@gnbv/platform';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../db';
import type { FederatedSchema } from '../schema';
import type { AgencyDemoData, AgencySeed } from '../seed/agency';
import type { ServeOptions, SubgraphServer } from '../subgraph';
import type { SubgraphConfig } from '../subgraph-config';

/**
 * Everything ops needs to know of an agency to compose, migrate, seed, demo, benchmark and start
 * it. Each agency package exports one (`definition`, from its `src/agency.ts`); `ops/src/agencies.ts`
 * lists them, and every agency set of the platform is derived from that list.
 */
export interface AgencyDefinition<Demo = AgencyDemoData<never>, Seed = AgencySeed> {
  /** The agency's name: its subgraph's name in the supergraph, its principals' `agency`, its env prefix. */
  readonly name: Agency;
  /** The port its subgraph listens on unless `<NAME>_PORT` says otherwise. */
  readonly defaultPort: number;
  /** Its subgraph schema; needs no database, so composition can call it. */
  readonly buildSchema: () => Promise<FederatedSchema>;
  /** Its database (not yet connected), with its entities and migrations. */
  readonly dataSource: (config: DatabaseConfig) => DataSource;
  /** Its validated configuration (`<NAME>_*` variables). */
  readonly loadConfig: (env?: Record<string, string | undefined>) => SubgraphConfig;
  /** Connects to its database and serves its subgraph; `stop()` closes both. */
  readonly createServer: (config: SubgraphConfig, options?: ServeOptions) => Promise<SubgraphServer>;
  /** The compiled `main.js` that runs the subgraph as its own process. */
  readonly main: string;
  /** Its demo data (`npm run start` loads it into an empty database), when it has some. */
  readonly demo?: Demo;
  /** Its seed generators (`npm run seed`), when it has some. */
  readonly seed?: Seed;
}

/** Where an agency's compiled `main.js` is, given the folder of the module that calls this (its `src/` or `dist/`). */
export const agencyMain = (moduleDir: string) => resolve(moduleDir, '..', 'dist', 'main.js');

/** An agency's definition, checked: its name must be an agency name (`health`, `social-policy-bank`) and its port a port. */
export function defineAgency<Demo = AgencyDemoData<never>, Seed = AgencySeed>(
  definition: AgencyDefinition<Demo, Seed>,
): AgencyDefinition<Demo, Seed> {
  if (!isAgencyName(definition.name))
    throw new Error(`agency "${definition.name}": the name must be lower-case words joined by hyphens, e.g. social-policy-bank`);
  if (!Number.isInteger(definition.defaultPort) || definition.defaultPort < 1 || definition.defaultPort > 65_535)
    throw new Error(`agency ${definition.name}: defaultPort ${definition.defaultPort} is not a port`);
  const { name, buildSchema } = definition;
  // Whoever builds the schema through the definition (composition, start, tests) learns whose it is.
  return {
    ...definition,
    buildSchema: () =>
      buildSchema().catch((error: unknown) => {
        const message = (error as Error).message ?? String(error);
        if (message.startsWith(`subgraph ${name}:`)) throw error;
        throw new Error(`subgraph ${name}: its schema cannot be built: ${message}`, { cause: error });
      }),
  };
}
