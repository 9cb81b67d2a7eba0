import type { DataSource } from 'typeorm';
import { fromRawRows, manyByKey, oneByKey, scopeParam, scopeSqlRaw, summariesByUnit } from '@gnbv/kit';
import { type Principal } from '@gnbv/platform';
import type { CommunicationSummary } from './communication-product.connection';
import { CommunicationProduct, type CommunicationProductKind } from './communication-product.entity';

/** One page request of a unit's products; requests with the same filters are read together. */
export interface ProductPageRequest {
  code: string;
  limit: number;
  /** The sort key (published_on, id) of the previous page's last row. */
  after: [string, string] | null;
  year: number | null;
  kind: CommunicationProductKind | null;
}

/** A unit's page (up to `limit + 1` rows, the extra one only telling that more exist) and its total. */
export interface ProductPage {
  key: string;
  totalCount: number;
  rows: CommunicationProduct[];
}

/** The loader key of a page request: the unit and its filters. */
export const pageKey = (r: ProductPageRequest) => JSON.stringify([r.code, r.limit, r.after, r.year, r.kind]);
const filtersOf = (key: string) => JSON.parse(key) as [string, number, [string, string] | null, number | null, string | null];

/** `commune_code` for a commune's code, `province_code` for a province's: the index each uses. */
const UNIT_MATCH = `((length(u.code) = 5 AND p.commune_code = u.code) OR (length(u.code) = 2 AND p.province_code = u.code))`;

/**
 * Per-request loaders of communication products, each reading only rows in the principal's scope
 * and each one SQL statement per batch: pages of units' products with their totals (one
 * statement per distinct filter, however many units), and per-unit totals by kind.
 */
export function communicationProductLoaders(db: DataSource, principal: Principal) {
  async function pages(keys: readonly string[]): Promise<ProductPage[]> {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const filters = JSON.stringify(filtersOf(key).slice(1));
      groups.set(filters, [...(groups.get(filters) ?? []), key]);
    }
    const out: ProductPage[] = [];
    for (const group of groups.values()) {
      const [, limit, after, year, kind] = filtersOf(group[0]!);
      const params: unknown[] = [group.map((k) => filtersOf(k)[0]), scopeParam(principal), limit + 1];
      const where = [scopeSqlRaw(principal, 'p.commune_code', 'p.province_code', 2)];
      if (year !== null) where.push(`p.program_year = $${params.push(year)}`);
      if (kind !== null) where.push(`p.kind = $${params.push(kind)}`);
      const filtered = `${UNIT_MATCH} AND ${where.join(' AND ')}`;
      const page = after
        ? `${filtered} AND (p.published_on, p.id) < ($${params.push(after[0])}::date, $${params.push(after[1])}::uuid)`
        : filtered;
      const rows: Array<Record<string, unknown> & { unit__code: string; unit__total: number; id: string | null }> =
        await db.query(
          `SELECT u.code AS unit__code, c.n AS unit__total, p.*
         FROM unnest($1::text[]) AS u(code)
         CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM communication_product p WHERE ${filtered}) c
         LEFT JOIN LATERAL (SELECT p.* FROM communication_product p WHERE ${page}
                            ORDER BY p.published_on DESC, p.id DESC LIMIT $3) p ON true
         ORDER BY u.code, p.published_on DESC, p.id DESC`,
          params,
        );
      const products = fromRawRows(db, CommunicationProduct, rows);
      for (const key of group) {
        const code = filtersOf(key)[0];
        const mine = rows.flatMap((r, i) => (r.unit__code === code ? [{ raw: r, product: products[i]! }] : []));
        out.push({
          key,
          totalCount: mine[0]?.raw.unit__total ?? 0,
          // A unit with no row on this page still has its total: its one row is all nulls but the unit's.
          rows: mine.filter((r) => r.raw.id !== null).map((r) => r.product),
        });
      }
    }
    return out;
  }

  return {
    /** Key `pageKey(request)`. */
    pageByUnit: oneByKey(pages, (p) => p.key),
    /** Key `code|year` (year empty for all years): a unit's products totalled by kind. */
    summaryByUnit: manyByKey(
      async (keys: readonly string[]) => {
        const byYear = new Map<string, string[]>();
        for (const k of keys) {
          const [code, year] = k.split('|') as [string, string];
          byYear.set(year, [...(byYear.get(year) ?? []), code]);
        }
        const out: Array<CommunicationSummary & { key: string }> = [];
        for (const [year, codes] of byYear) {
          const rows = await summariesByUnit<{
            kind: CommunicationProductKind;
            sub_project: number;
            n: number;
            a: string;
            h: string;
            r: number;
          }>(db, {
            table: 'communication_product',
            select: `kind, sub_project, count(*)::int AS n, sum(audience_reach)::text AS a,
                       coalesce(sum(households_reached), 0)::text AS h, count(households_reached)::int AS r`,
            groupBy: 'kind, sub_project',
            ...(year ? { where: 'program_year = $3', params: [Number(year)] } : {}),
            principal,
            codes,
          });
          for (const r of rows)
            out.push({
              key: `${r.code}|${year}`,
              kind: r.kind,
              subProject: r.sub_project,
              productCount: r.n,
              audienceReached: Number(r.a),
              householdsReached: Number(r.h),
              productsReportingHouseholds: r.r,
            });
        }
        return out.sort((x, y) => x.subProject - y.subProject || x.kind.localeCompare(y.kind));
      },
      (s) => s.key,
    ),
  };
}

export type CommunicationProductLoaders = ReturnType<typeof communicationProductLoaders>;
