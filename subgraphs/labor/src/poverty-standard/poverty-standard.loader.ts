import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphContext } from '@gnbv/kit';
import { PovertyLine, PovertyStandard } from './poverty-standard.entity';

/** Every poverty standard with its lines (a handful of rows), oldest first. */
export async function loadStandards(db: DataSource | EntityManager): Promise<PovertyStandard[]> {
  const [standards, lines] = await Promise.all([
    db.getRepository(PovertyStandard).find({ order: { validFrom: 'ASC' } }),
    db.getRepository(PovertyLine).find({ order: { area: 'ASC' } }),
  ]);
  for (const s of standards) s.lines = lines.filter((l) => l.standardCode === s.code);
  return standards;
}

/** Per-request loader of the poverty standards. */
export function povertyStandardLoaders(db: DataSource) {
  let standards: Promise<PovertyStandard[]> | undefined;
  return {
    /** Loaded once per request. */
    standards: () => (standards ??= loadStandards(db)),
  };
}

export type PovertyStandardLoaders = ReturnType<typeof povertyStandardLoaders>;
/** What poverty standards need of a request: their loader. */
export type PovertyStandardContext = SubgraphContext<PovertyStandardLoaders>;
