import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { cachedReport, scopeKey, type SubgraphContext } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import { AdminLevel, type AdminUnit } from '../admin-unit/admin-unit.entity';
import { povertyCountsByUnit, type PovertyCounts } from './poverty-report.sql';
import { ReportGeography } from './poverty-report.types';

type Unit = Pick<AdminUnit, 'id' | 'code' | 'level' | 'parentCode' | 'parentId'>;

/**
 * Per request: the poverty counts of units, batched per (year, geography), so a province and its
 * communes cost one statement. Keys: today's unit code (AS_IS) or a unit version id (AS_WAS). A
 * province's statement also returns its communes' rows (see `povertyCountsByUnit`): a commune
 * whose province is loaded, or being loaded, in the same batch waits for that statement instead
 * of starting another one (a client asks for `children { povertyReport }` one level deeper).
 */
export function povertyReportLoaders(db: DataSource, principal: Principal) {
  const batches = new Map<
    string,
    { loader: DataLoader<string, PovertyCounts | null>; provinces: Map<string, Promise<unknown>> }
  >();
  const rows = new Map<string, PovertyCounts>();
  return {
    povertyCounts: (unit: Unit, year: number, geography: ReportGeography): Promise<PovertyCounts | null> => {
      const asIs = geography === ReportGeography.AS_IS;
      const batchKey = `${year}/${geography}`;
      let batch = batches.get(batchKey);
      if (!batch) {
        const loader = new DataLoader<string, PovertyCounts | null>(async (keys) => {
          // Through the report cache: the same units, year and geography over the same scope.
          const found = await cachedReport(
            db,
            `poverty|${geography}|${year}|${scopeKey(principal)}|${[...keys].sort().join(',')}`,
            () => povertyCountsByUnit(db, principal, geography, keys, year),
            (counts) => 2048 * counts.length,
          );
          for (const row of found) rows.set(`${batchKey}/${row.key}`, row);
          return keys.map((k) => rows.get(`${batchKey}/${k}`) ?? null);
        });
        batch = { loader, provinces: new Map() };
        batches.set(batchKey, batch);
      }
      const key = asIs ? unit.code : unit.id;
      if (unit.level === AdminLevel.PROVINCE) {
        const loading = batch.loader.load(key);
        batch.provinces.set(key, loading);
        return loading;
      }
      const province = batch.provinces.get((asIs ? unit.parentCode : unit.parentId) ?? '');
      if (province) return province.then(() => rows.get(`${batchKey}/${key}`) ?? null);
      return batch.loader.load(key);
    },
  };
}

export type PovertyReportLoaders = ReturnType<typeof povertyReportLoaders>;
/** What the poverty report needs of a request: its counts. */
export type PovertyReportContext = SubgraphContext<PovertyReportLoaders>;
