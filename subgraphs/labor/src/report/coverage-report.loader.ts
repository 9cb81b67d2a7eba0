import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { cachedReport, decodeHouseholdSet, scopeKey, type SubgraphContext } from '@gnbv/kit';
import { clientError, ErrorCode, type Principal } from '@gnbv/platform';
import type { AdminUnitLoaders } from '../admin-unit/admin-unit.loader';
import { coverageCountsByUnit, SET_SOURCES, type CoverageCounts, type CoverageInput, type SetField } from './coverage-report.sql';

/** A coverage report as labor resolves it: its key and the household sets the gateway brought (@requires). */
export interface CoverageReportRoot {
  unitCode: string;
  year: number;
  productionHouseholds?: string | null;
  informationHouseholds?: string | null;
  borrowingHouseholds?: string | null;
}

const AGENCY_OF: Record<SetField, string> = {
  productionHouseholds: 'agriculture',
  informationHouseholds: 'culture-information',
  borrowingHouseholds: 'social-policy-bank',
};

/**
 * The households each agency sent, decoded. A set that did not arrive (the agency refused it or
 * could not answer) stops the figures: counting its households as unreached would be wrong.
 */
export function coverageInput(report: CoverageReportRoot): CoverageInput {
  const sets = {} as Record<SetField, readonly string[]>;
  for (const field of Object.keys(SET_SOURCES) as SetField[]) {
    const text = report[field];
    if (typeof text !== 'string')
      throw clientError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `coverageReport: the ${AGENCY_OF[field]} subgraph did not provide its households (${field}) for ${report.unitCode} in ${report.year}, so no figure can be given. Try again later, or ask for figures you may read.`,
      );
    // A malformed set is a fault between subgraphs, not the client's: it is logged and masked.
    sets[field] = decodeHouseholdSet(text);
  }
  return { unitCode: report.unitCode, sets };
}

/** Per-request loader: every report of one year asked in the request, one SQL statement. */
export function coverageReportLoaders(db: DataSource, principal: Principal) {
  return {
    coverageCounts: new DataLoader<CoverageReportRoot, CoverageCounts, string>(
      async (reports) => {
        const byYear = new Map<number, CoverageReportRoot[]>();
        for (const r of reports) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
        const out = new Map<string, CoverageCounts>();
        for (const [year, ofYear] of byYear) {
          // Cached by the reader's scope and the sets exactly as the agencies sent them (hashed):
          // the same sets over the same scope give the same figures.
          const sets = createHash('sha256');
          for (const r of ofYear)
            for (const part of [r.unitCode, ...Object.keys(SET_SOURCES).map((f) => r[f as SetField] ?? '\u0000')])
              sets.update(part).update('\u0001');
          const counts = await cachedReport(
            db,
            `coverage|${year}|${scopeKey(principal)}|${sets.digest('base64url')}`,
            () => coverageCountsByUnit(db, principal, year, ofYear.map(coverageInput)),
            (all) => 4096 * all.length,
          );
          counts.forEach((c) => out.set(`${c.unitCode}|${year}`, c));
        }
        return reports.map((r) => out.get(`${r.unitCode}|${r.year}`)!);
      },
      // Within one request a unit and year always come with the same sets (same reader, same data).
      { cacheKeyFn: (r) => `${r.unitCode}|${r.year}` },
    ),
  };
}

export type CoverageReportLoaders = ReturnType<typeof coverageReportLoaders>;
/** What the coverage report needs of a request: its counts and the communes they name. */
export type CoverageReportContext = SubgraphContext<CoverageReportLoaders & AdminUnitLoaders>;
