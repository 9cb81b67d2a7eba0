import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { ChartView } from '../components/ChartView';
import { DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { runQuery, type GraphError } from '../graphql';
import { useLanguage, useT, type Key } from '../i18n';
import { COVERAGE, NONE_RECEIVED } from '../queries';
import type { Column, TableSpec } from '../table';
import { useLoad, type SectionProps } from './common';
import { HouseholdPager } from './Households';

export interface CoverageGroup {
  category: 'POOR' | 'NEAR_POOR' | 'NEWLY_ESCAPED';
  households: number;
  byProject: Array<{ project: number; projectName: string; households: number; share: number }>;
  borrowing: number;
  several: number;
  none: number;
}
export interface Targeting {
  informationDeprived: number;
  informationDeprivedReached: number;
  informationReachedNotDeprived: number;
  poorNoWorkingCapacity: number;
  poorNoWorkingCapacityReached: number;
}
export interface CoverageAnswer {
  adminUnit: {
    code: string;
    coverageReport: {
      groups: CoverageGroup[];
      communes: Array<{ communeCode: string; communeName: string; groups: CoverageGroup[] }>;
      targeting: Targeting;
    } | null;
  } | null;
}

/*
 * The coverage report of a unit and year: the heaviest report (three agencies' sets, then labor),
 * read by both Coverage and Targeting. They share one request: the answer is kept for a few
 * seconds per token, purpose, unit and year, so the two sections of one page load ask once.
 */
const SHARED_MS = 5_000;
const shared = new Map<string, { at: number; answer: ReturnType<typeof runQuery<CoverageAnswer>> }>();
export function loadCoverage(session: SectionProps['session'], code: string, year: number) {
  const key = JSON.stringify([session.token, session.purpose ?? null, code, year]);
  const now = Date.now();
  for (const [k, v] of shared) if (now - v.at > SHARED_MS) shared.delete(k);
  const hit = shared.get(key);
  if (hit) return hit.answer;
  const answer = runQuery<CoverageAnswer>(session, COVERAGE, { code, year });
  shared.set(key, { at: now, answer });
  return answer;
}

type Row = CoverageGroup & { communeCode: string; communeName: string };

export function Coverage({ session, selection }: SectionProps) {
  const t = useT();
  const lang = useLanguage();
  const { value, loading } = useLoad(
    () => loadCoverage(session, selection.code, selection.year),
    [session.token, session.purpose, selection.code, selection.year],
  );
  const report = value?.data?.adminUnit?.coverageReport ?? null;
  const projects = useMemo(() => {
    const all = new Map<number, string>();
    for (const g of report?.groups ?? []) for (const p of g.byProject) all.set(p.project, p.projectName);
    return [...all.entries()].sort((a, b) => a[0] - b[0]);
  }, [report]);

  const columns = useMemo((): Column<Row>[] => {
    const reach = (project: number) => (r: Row) => r.byProject.find((p) => p.project === project)?.households ?? 0;
    return [
      { key: 'category', label: t('category'), kind: 'text', value: (r) => t(r.category as Key) },
      { key: 'households', label: t('households'), kind: 'int', value: (r) => r.households },
      ...projects.map(([project, name]): Column<Row> => ({
        key: `p${project}`,
        label: `${t('project')} ${project}: ${name}`,
        kind: 'int',
        value: reach(project),
      })),
      { key: 'borrowing', label: t('borrowing'), kind: 'int', value: (r) => r.borrowing },
      { key: 'several', label: t('several'), kind: 'int', value: (r) => r.several },
      { key: 'none', label: t('none'), kind: 'int', value: (r) => r.none },
    ];
  }, [t, projects]);

  const base = { unitCode: selection.code, unitName: selection.name, year: selection.year, yes: t('yes'), no: t('no') };
  const groups: TableSpec<Row> | null = report
    ? {
        ...base,
        id: 'coverage-table',
        title: t('coverageTable'),
        fileStem: lang === 'vi' ? 'bao-phu' : 'coverage',
        columns,
        rows: report.groups.map((g) => ({ ...g, communeCode: selection.code, communeName: selection.name })),
        rowKey: (r) => r.category,
      }
    : null;
  const communes: TableSpec<Row> | null =
    report && selection.level === 'PROVINCE'
      ? {
          ...base,
          id: 'coverage-communes-table',
          title: t('byCommune'),
          fileStem: lang === 'vi' ? 'bao-phu-theo-xa' : 'coverage-by-commune',
          columns: [
            { key: 'communeCode', label: t('code'), kind: 'text', value: (r) => r.communeCode },
            { key: 'communeName', label: t('commune'), kind: 'text', value: (r) => r.communeName },
            ...columns,
          ],
          rows: report.communes.flatMap((c) =>
            c.groups.map((g) => ({ ...g, communeCode: c.communeCode, communeName: c.communeName })),
          ),
          rowKey: (r) => `${r.communeCode}-${r.category}`,
        }
      : null;
  const overlap = useMemo((): ChartConfiguration | null => {
    if (!report) return null;
    const g = report.groups;
    return {
      type: 'bar',
      data: {
        labels: g.map((x) => t(x.category as Key)),
        datasets: [
          { label: t('none'), data: g.map((x) => x.none), backgroundColor: '#c0392b' },
          { label: t('oneOnly'), data: g.map((x) => Math.max(0, x.households - x.none - x.several)), backgroundColor: '#e6a23c' },
          { label: t('several'), data: g.map((x) => x.several), backgroundColor: '#2e8b57' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    };
  }, [report, t]);

  return (
    <section className="section" data-testid="section-coverage">
      <h2>{t('coverage')}</h2>
      {loading && <p className="muted">{t('loading')}</p>}
      {value && <ErrorBox errors={value.errors} testId="coverage-error" />}
      {groups && <DataTable spec={groups} />}
      {overlap && <ChartView config={overlap} testId="chart-coverage-overlap" title={t('overlap')} />}
      {communes && <DataTable spec={communes} />}
      {report && <NoneReceived session={session} selection={selection} />}
    </section>
  );
}

interface NoneAnswer {
  adminUnit: { coverageReport: { noneReceived: Parameters<typeof HouseholdPager>[0]['page'] } | null } | null;
}

/** The "leave no one behind" list of a commune, a page at a time, for officers who may see households. */
function NoneReceived({ session, selection }: SectionProps) {
  const t = useT();
  const [category, setCategory] = useState<string>('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { value, loading } = useLoad(async () => {
    if (selection.level !== 'COMMUNE') return null;
    return runQuery<NoneAnswer>(session, NONE_RECEIVED, {
      code: selection.code,
      year: selection.year,
      category: category || null,
      first: 20,
      after,
    });
  }, [session.token, session.purpose, selection.code, selection.year, category, after]);
  if (selection.level !== 'COMMUNE') return <p className="muted">{t('noneReceivedCommuneOnly')}</p>;
  const errors: GraphError[] = value?.errors ?? [];
  return (
    <div className="subsection" data-testid="none-received">
      <h3>{t('noneReceived')}</h3>
      <label>
        {t('category')}{' '}
        <select
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
            setCursors([null]);
          }}
        >
          <option value="">{t('allCategories')}</option>
          {(['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED'] as const).map((c) => (
            <option key={c} value={c}>
              {t(c)}
            </option>
          ))}
        </select>
      </label>
      {loading && <p className="muted">{t('loading')}</p>}
      <ErrorBox errors={errors} testId="none-received-error" />
      {value?.data?.adminUnit?.coverageReport?.noneReceived && (
        <HouseholdPager
          session={session}
          selection={selection}
          id="none-received-table"
          fileStem="chua-nhan-ho-tro"
          page={value.data.adminUnit.coverageReport.noneReceived}
          pageNumber={cursors.length}
          onNext={(cursor) => setCursors([...cursors, cursor])}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
        />
      )}
    </div>
  );
}
