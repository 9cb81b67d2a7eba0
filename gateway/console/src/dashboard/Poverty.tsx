import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartView } from '../components/ChartView';
import { DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { runWithFallback, type GraphError } from '../graphql';
import { INDICATORS_VI, useLanguage, useT } from '../i18n';
import { POVERTY, POVERTY_COUNTS } from '../queries';
import type { Column, TableSpec } from '../table';
import { useLoad, type SectionProps } from './common';

interface Report {
  households: number;
  poor: number;
  nearPoor: number;
  poorRate: number;
  nearPoorRate: number;
  poorRateChangePoints: number | null;
  nearPoorRateChangePoints: number | null;
  targetReductionPoints: number;
  targetMet: boolean | null;
  movements?: Record<string, number>;
  deprivation?: Array<{
    indicator: number;
    name: string;
    dimension: string;
    households: number;
    share: number;
    poorShare: number;
  }>;
}
interface UnitReport {
  code: string;
  name: string;
  report: Report | null;
}
interface ContractAnswer {
  adminUnit: {
    code: string;
    name: string;
    povertyReport: Report | null;
    children: Array<{ code: string; name: string; povertyReport: Report | null }>;
  } | null;
}
interface Counts {
  total: number;
  poor: number;
  nearPoor: number;
  notPoor: number;
  notReviewed: number | null;
}
type CountsUnit = { code: string; name: string; counts: Counts | null; previousCounts: Counts | null };
interface CountsAnswer {
  adminUnit: (CountsUnit & { children: CountsUnit[] }) | null;
}

/** The yearly target of the programme: the poverty rate falls by at least 1 point. */
const TARGET_POINTS = 1;

/**
 * Fallback while povertyReport is not composed: rates over the unit's registered households,
 * the change against the year before when that year has certified reviews.
 */
export function reportFromCounts(counts: Counts | null, previous: Counts | null): Report | null {
  if (!counts) return null;
  const rate = (n: number, of: number) => (of > 0 ? (n / of) * 100 : 0);
  const poorRate = rate(counts.poor, counts.total);
  const nearPoorRate = rate(counts.nearPoor, counts.total);
  const hasPrevious = !!previous && previous.total - (previous.notReviewed ?? 0) > 0;
  const poorChange = hasPrevious ? poorRate - rate(previous.poor, previous.total) : null;
  return {
    households: counts.total,
    poor: counts.poor,
    nearPoor: counts.nearPoor,
    poorRate,
    nearPoorRate,
    poorRateChangePoints: poorChange,
    nearPoorRateChangePoints: hasPrevious ? nearPoorRate - rate(previous.nearPoor, previous.total) : null,
    targetReductionPoints: TARGET_POINTS,
    targetMet: poorChange === null ? null : poorChange <= -TARGET_POINTS + 1e-9,
  };
}

export function Poverty({ session, selection }: SectionProps) {
  const t = useT();
  const lang = useLanguage();
  const { value, loading } = useLoad(async () => {
    const vars = { code: selection.code, year: selection.year, previous: selection.year - 1 };
    const r = await runWithFallback<ContractAnswer, CountsAnswer>(session, POVERTY, POVERTY_COUNTS, vars);
    let errors: GraphError[] = [];
    let units: UnitReport[] = [];
    let top: Report | null = null;
    if (r.primary) {
      errors = r.primary.errors;
      const u = r.primary.data?.adminUnit;
      if (u) {
        top = u.povertyReport;
        units = [
          { code: u.code, name: u.name, report: u.povertyReport },
          ...u.children.map((c) => ({ code: c.code, name: c.name, report: c.povertyReport })),
        ];
      }
    } else if (r.fallback) {
      errors = r.fallback.errors;
      const u = r.fallback.data?.adminUnit;
      if (u) {
        top = reportFromCounts(u.counts, u.previousCounts);
        units = [u, ...u.children].map((c) => ({
          code: c.code,
          name: c.name,
          report: reportFromCounts(c.counts, c.previousCounts),
        }));
      }
    }
    return { errors, units, top, fallback: !!r.fallback };
  }, [session.token, session.purpose, selection.code, selection.year]);

  const spec = useMemo((): TableSpec<UnitReport> | null => {
    if (!value) return null;
    const num = (f: (r: Report) => number | boolean | null) => (u: UnitReport) => (u.report ? f(u.report) : null);
    const columns: Column<UnitReport>[] = [
      { key: 'code', label: t('code'), kind: 'text', value: (u) => u.code },
      { key: 'name', label: t('unit'), kind: 'text', value: (u) => u.name },
      { key: 'households', label: t('households'), kind: 'int', value: num((r) => r.households) },
      { key: 'poor', label: t('poor'), kind: 'int', value: num((r) => r.poor) },
      { key: 'poorRate', label: t('poorRate'), kind: 'percent', value: num((r) => r.poorRate) },
      { key: 'nearPoor', label: t('nearPoor'), kind: 'int', value: num((r) => r.nearPoor) },
      { key: 'nearPoorRate', label: t('nearPoorRate'), kind: 'percent', value: num((r) => r.nearPoorRate) },
      { key: 'change', label: t('changePoints'), kind: 'points', value: num((r) => r.poorRateChangePoints) },
      { key: 'targetMet', label: t('targetMet'), kind: 'bool', value: num((r) => r.targetMet) },
    ];
    return {
      id: 'poverty-table',
      title: t('povertyTable'),
      fileStem: lang === 'vi' ? 'ngheo' : 'poverty',
      unitCode: selection.code,
      unitName: selection.name,
      year: selection.year,
      columns,
      rows: value.units,
      rowKey: (u) => u.code,
      yes: t('yes'),
      no: t('no'),
    };
  }, [value, t, lang, selection]);

  const charts = useMemo(() => {
    if (!value) return null;
    const communes = value.units.length > 1 ? value.units.slice(1) : value.units;
    const labels = communes.map((u) => u.name);
    const rate: ChartConfiguration = {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: t('poorRate'), data: communes.map((u) => u.report?.poorRate ?? 0), backgroundColor: '#c0392b' },
          { label: t('nearPoorRate'), data: communes.map((u) => u.report?.nearPoorRate ?? 0), backgroundColor: '#e6a23c' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } },
      },
    };
    const target = value.top?.targetReductionPoints ?? TARGET_POINTS;
    const change: ChartConfiguration = {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'bar',
            label: t('change'),
            data: communes.map((u) => u.report?.poorRateChangePoints ?? 0),
            backgroundColor: communes.map((u) => (u.report?.targetMet ? '#2e8b57' : '#c0392b')),
          },
          {
            type: 'line',
            label: t('target'),
            data: communes.map(() => -target),
            borderColor: '#333',
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { title: { display: true, text: t('changePoints') } } },
      },
    };
    return { rate, change };
  }, [value, t]);

  return (
    <section
      className="section"
      data-testid="section-poverty"
      data-source={value ? (value.fallback ? 'householdCounts' : 'povertyReport') : ''}
    >
      <h2>{t('poverty')}</h2>
      {loading && <p className="muted">{t('loading')}</p>}
      {value && <ErrorBox errors={value.errors} testId="poverty-error" />}
      {value?.fallback && <p className="note">{t('fallbackPoverty')}</p>}
      {spec && <DataTable spec={spec} />}
      {charts && value && value.units.length > 0 && (
        <div className="charts">
          <ChartView config={charts.rate} testId="chart-poverty-rate" title={t('poorRateByCommune')} />
          <ChartView config={charts.change} testId="chart-poverty-change" title={t('changeVsTarget')} />
        </div>
      )}
      {value?.top?.movements && <Movements movements={value.top.movements} selection={selection} />}
      {value?.top?.deprivation && <Deprivation rows={value.top.deprivation} selection={selection} />}
    </section>
  );
}

function Movements({ movements, selection }: { movements: Record<string, number>; selection: SectionProps['selection'] }) {
  const t = useT();
  const lang = useLanguage();
  const keys = ['escapedPoverty', 'escapedNearPoverty', 'relapsed', 'newlyArising', 'stayed', 'newlyEscapedInWindow'] as const;
  const rows = keys.map((k) => ({ key: k, label: t(k), value: movements[k] ?? 0 }));
  return (
    <DataTable
      spec={{
        id: 'movements-table',
        title: t('movements'),
        fileStem: lang === 'vi' ? 'bien-dong' : 'movements',
        unitCode: selection.code,
        unitName: selection.name,
        year: selection.year,
        columns: [
          { key: 'label', label: t('movements'), kind: 'text', value: (r) => r.label },
          { key: 'value', label: t('households'), kind: 'int', value: (r) => r.value },
        ],
        rows,
        rowKey: (r) => r.key,
        yes: t('yes'),
        no: t('no'),
      }}
    />
  );
}

type DeprivationRow = NonNullable<Report['deprivation']>[number];
function Deprivation({ rows, selection }: { rows: DeprivationRow[]; selection: SectionProps['selection'] }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <DataTable
      spec={{
        id: 'deprivation-table',
        title: t('deprivation'),
        fileStem: lang === 'vi' ? 'thieu-hut' : 'deprivation',
        unitCode: selection.code,
        unitName: selection.name,
        year: selection.year,
        columns: [
          { key: 'indicator', label: t('indicator'), kind: 'int', value: (r) => r.indicator },
          {
            key: 'name',
            label: t('indicator'),
            kind: 'text',
            value: (r) => (lang === 'vi' ? (INDICATORS_VI[r.indicator]?.name ?? r.name) : r.name),
          },
          {
            key: 'dimension',
            label: t('dimension'),
            kind: 'text',
            value: (r) => (lang === 'vi' ? (INDICATORS_VI[r.indicator]?.dimension ?? r.dimension) : r.dimension),
          },
          { key: 'households', label: t('households'), kind: 'int', value: (r) => r.households },
          { key: 'share', label: t('share'), kind: 'percent', value: (r) => r.share },
          { key: 'poorShare', label: t('poorShare'), kind: 'percent', value: (r) => r.poorShare },
        ],
        rows,
        rowKey: (r) => String(r.indicator),
        yes: t('yes'),
        no: t('no'),
      }}
    />
  );
}
