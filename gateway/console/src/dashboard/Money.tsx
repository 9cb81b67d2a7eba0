import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartView } from '../components/ChartView';
import { DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { formatDate } from '../format';
import { runWithFallback, type GraphError } from '../graphql';
import { useLanguage, useT } from '../i18n';
import { MONEY, MONEY_TOTALS } from '../queries';
import type { TableSpec } from '../table';
import { asOfForYear, useLoad, type SectionProps } from './common';

interface Total {
  project: number;
  projectName: string;
  lineCount: number;
  planned: number;
  allocated: number;
  disbursed: number;
  disbursementRate: number;
  lateLineCount: number;
  lateUndisbursed: number;
}
interface Line {
  id: string;
  agency: string;
  unitCode: string;
  project: number;
  projectName: string;
  fundingSource: string;
  allocated: number;
  disbursed: number;
  disbursementRate: number;
  deadline: string;
  late: boolean;
}
interface Lending {
  asOf: string;
  loanCount: number;
  outstanding: number;
  overdue: number;
  overdueRate: number;
  byProgramme?: Array<{ programme: string; loanCount: number; outstanding: number; overdue: number; overdueRate: number }>;
}
interface MoneyAnswer {
  adminUnit: {
    laborBudgetTotals: Total[] | null;
    agricultureBudgetTotals: Total[] | null;
    cultureInformationBudgetTotals: Total[] | null;
    laborBudgetLines: Line[] | null;
    agricultureBudgetLines: Line[] | null;
    cultureInformationBudgetLines: Line[] | null;
    lendingSummary: Lending | null;
  } | null;
}

const AGENCIES = [
  ['labor', 'laborBudgetTotals', 'laborBudgetLines'],
  ['agriculture', 'agricultureBudgetTotals', 'agricultureBudgetLines'],
  ['culture-information', 'cultureInformationBudgetTotals', 'cultureInformationBudgetLines'],
] as const;

type TotalRow = Total & { agency: string; earliestDeadline: string | null };

export function Money({ session, selection }: SectionProps) {
  const t = useT();
  const lang = useLanguage();
  const asOf = asOfForYear(selection.year);
  const { value, loading } = useLoad(async () => {
    const r = await runWithFallback<MoneyAnswer, MoneyAnswer>(session, MONEY, MONEY_TOTALS, {
      code: selection.code,
      year: selection.year,
      asOf,
    });
    const result = r.primary ?? r.fallback;
    return { errors: result?.errors ?? ([] as GraphError[]), unit: result?.data?.adminUnit ?? null, fallback: !!r.fallback };
  }, [session.token, session.purpose, selection.code, selection.year]);

  const data = useMemo(() => {
    const unit = value?.unit;
    if (!unit) return null;
    const totals: TotalRow[] = [];
    const lines: Line[] = [];
    for (const [agency, totalsKey, linesKey] of AGENCIES) {
      const agencyLines = unit[linesKey] ?? [];
      lines.push(...agencyLines);
      for (const total of unit[totalsKey] ?? []) {
        const deadlines = agencyLines
          .filter((l) => l.project === total.project)
          .map((l) => l.deadline)
          .sort();
        totals.push({ ...total, agency, earliestDeadline: deadlines[0] ?? null });
      }
    }
    return {
      totals,
      late: lines.filter((l) => l.late).sort((a, b) => a.deadline.localeCompare(b.deadline)),
      lending: unit.lendingSummary,
    };
  }, [value]);

  const base = { unitCode: selection.code, unitName: selection.name, year: selection.year, yes: t('yes'), no: t('no') };
  const budget: TableSpec<TotalRow> | null = data && {
    ...base,
    id: 'budget-table',
    title: t('budgetTable'),
    fileStem: lang === 'vi' ? 'ngan-sach' : 'budget',
    columns: [
      { key: 'agency', label: t('agency'), kind: 'text', value: (r) => r.agency },
      { key: 'project', label: t('project'), kind: 'int', value: (r) => r.project },
      { key: 'projectName', label: t('project'), kind: 'text', value: (r) => r.projectName },
      { key: 'planned', label: t('planned'), kind: 'vnd', value: (r) => r.planned },
      { key: 'allocated', label: t('allocated'), kind: 'vnd', value: (r) => r.allocated },
      { key: 'disbursed', label: t('disbursed'), kind: 'vnd', value: (r) => r.disbursed },
      { key: 'disbursementRate', label: t('disbursementRate'), kind: 'percent', value: (r) => r.disbursementRate * 100 },
      { key: 'lateLineCount', label: t('lateLines'), kind: 'int', value: (r) => r.lateLineCount },
      { key: 'lateUndisbursed', label: t('lateUndisbursed'), kind: 'vnd', value: (r) => r.lateUndisbursed },
      { key: 'deadline', label: t('deadline'), kind: 'date', value: (r) => r.earliestDeadline },
    ],
    rows: data.totals,
    rowKey: (r) => `${r.agency}-${r.project}`,
  };
  const late: TableSpec<Line> | null = data && {
    ...base,
    id: 'late-lines-table',
    title: t('lateLinesTable'),
    fileStem: lang === 'vi' ? 'ngan-sach-qua-han' : 'late-budget-lines',
    columns: [
      { key: 'agency', label: t('agency'), kind: 'text', value: (r) => r.agency },
      { key: 'unitCode', label: t('unit'), kind: 'text', value: (r) => r.unitCode },
      { key: 'project', label: t('project'), kind: 'int', value: (r) => r.project },
      { key: 'fundingSource', label: 'Nguồn / Source', kind: 'text', value: (r) => r.fundingSource },
      { key: 'allocated', label: t('allocated'), kind: 'vnd', value: (r) => r.allocated },
      { key: 'disbursed', label: t('disbursed'), kind: 'vnd', value: (r) => r.disbursed },
      { key: 'disbursementRate', label: t('disbursementRate'), kind: 'percent', value: (r) => r.disbursementRate * 100 },
      { key: 'deadline', label: t('deadline'), kind: 'date', value: (r) => r.deadline },
    ],
    rows: data.late,
    rowKey: (r) => r.id,
  };
  type ProgrammeRow = NonNullable<Lending['byProgramme']>[number];
  const lending = data?.lending;
  const programmes: ProgrammeRow[] = lending
    ? [
        ...(lending.byProgramme ?? []),
        {
          programme: t('allProgrammes'),
          loanCount: lending.loanCount,
          outstanding: lending.outstanding,
          overdue: lending.overdue,
          overdueRate: lending.overdueRate,
        },
      ]
    : [];
  const bank: TableSpec<ProgrammeRow> | null = lending
    ? {
        ...base,
        id: 'bank-table',
        title: `${t('bankTable')} (${t('asOf')} ${formatDate(lending.asOf)})`,
        fileStem: lang === 'vi' ? 'cho-vay' : 'lending',
        columns: [
          { key: 'programme', label: t('programme'), kind: 'text', value: (r) => r.programme },
          { key: 'loanCount', label: t('loanCount'), kind: 'int', value: (r) => r.loanCount },
          { key: 'outstanding', label: t('outstanding'), kind: 'vnd', value: (r) => r.outstanding },
          { key: 'overdue', label: t('overdue'), kind: 'vnd', value: (r) => r.overdue },
          { key: 'overdueRate', label: t('overdueRate'), kind: 'percent', value: (r) => r.overdueRate * 100 },
        ],
        rows: programmes,
        rowKey: (r) => (r.programme === t('allProgrammes') ? 'ALL' : r.programme),
      }
    : null;

  const chart = useMemo((): ChartConfiguration | null => {
    if (!data || data.totals.length === 0) return null;
    const labels = data.totals.map(
      (r) =>
        `P${r.project} ${r.agency}${r.earliestDeadline ? ` · ${t('deadline').toLowerCase()} ${formatDate(r.earliestDeadline)}` : ''}`,
    );
    return {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: t('allocated'), data: data.totals.map((r) => r.allocated), backgroundColor: '#7f8c8d' },
          {
            label: t('disbursed'),
            data: data.totals.map((r) => r.disbursed),
            backgroundColor: data.totals.map((r) => (r.lateLineCount > 0 ? '#c0392b' : '#2e8b57')),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            beginAtZero: true,
            ticks: { callback: (v) => new Intl.NumberFormat('vi-VN', { notation: 'compact' }).format(Number(v)) },
          },
        },
      },
    };
  }, [data, t]);

  return (
    <section className="section" data-testid="section-money">
      <h2>{t('money')}</h2>
      {loading && <p className="muted">{t('loading')}</p>}
      {value && <ErrorBox errors={value.errors} testId="money-error" />}
      {budget && <DataTable spec={budget} />}
      {chart && <ChartView config={chart} testId="chart-disbursement" title={t('disbursedVsAllocated')} />}
      {late && <DataTable spec={late} />}
      {value?.fallback && <p className="note">{t('fallbackBank')}</p>}
      {bank && <DataTable spec={bank} />}
    </section>
  );
}
