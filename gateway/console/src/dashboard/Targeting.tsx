import { DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { missingField, runQuery, type GraphResult } from '../graphql';
import { useLanguage, useT, type Key } from '../i18n';
import { SUPPORT_SUMMARIES } from '../queries';
import { useLoad, type SectionProps } from './common';
import { loadCoverage, type CoverageAnswer } from './Coverage';

interface Summary {
  project: number;
  subProject: number | null;
  kind: string;
  supportCount: number;
  householdsSupported: number;
  totalValue: number;
  householdsDeprivedOnAddressed: number;
}
interface SummaryAnswer {
  adminUnit: {
    productionSupportSummary: Summary[] | null;
    informationSupportSummary: Summary[] | null;
    laborSupportSummary: Summary[] | null;
  } | null;
}

const MEASURES = [
  'informationDeprived',
  'informationDeprivedReached',
  'informationReachedNotDeprived',
  'poorNoWorkingCapacity',
  'poorNoWorkingCapacityReached',
] as const;

export function Targeting({ session, selection }: SectionProps) {
  const t = useT();
  const lang = useLanguage();
  const { value, loading } = useLoad(async () => {
    const coverage = await loadCoverage(session, selection.code, selection.year);
    if (!missingField(coverage.errors)) return { coverage, summaries: null as GraphResult<SummaryAnswer> | null };
    return {
      coverage: null as GraphResult<CoverageAnswer> | null,
      summaries: await runQuery<SummaryAnswer>(session, SUPPORT_SUMMARIES, { code: selection.code, year: selection.year }),
    };
  }, [session.token, session.purpose, selection.code, selection.year]);
  const base = { unitCode: selection.code, unitName: selection.name, year: selection.year, yes: t('yes'), no: t('no') };
  const targeting = value?.coverage?.data?.adminUnit?.coverageReport?.targeting;
  const s = value?.summaries?.data?.adminUnit;
  const summaries = s
    ? [...(s.laborSupportSummary ?? []), ...(s.productionSupportSummary ?? []), ...(s.informationSupportSummary ?? [])]
    : [];
  return (
    <section className="section" data-testid="section-targeting">
      <h2>{t('targeting')}</h2>
      {loading && <p className="muted">{t('loading')}</p>}
      {value?.coverage && <ErrorBox errors={value.coverage.errors} testId="targeting-error" />}
      {targeting && (
        <DataTable
          spec={{
            ...base,
            id: 'targeting-table',
            title: t('targetingTable'),
            fileStem: lang === 'vi' ? 'doi-tuong' : 'targeting',
            columns: [
              { key: 'measure', label: t('measure'), kind: 'text', value: (r) => t(r as Key) },
              { key: 'value', label: t('households'), kind: 'int', value: (r) => targeting[r] },
            ],
            rows: [...MEASURES],
            rowKey: (r) => r,
          }}
        />
      )}
      {value?.summaries && (
        <>
          <p className="note">{t('fallbackTargeting')}</p>
          <ErrorBox errors={value.summaries.errors} testId="targeting-error" />
          <DataTable
            spec={{
              ...base,
              id: 'support-summary-table',
              title: t('supportsByKind'),
              fileStem: lang === 'vi' ? 'ho-tro-theo-loai' : 'supports-by-kind',
              columns: [
                { key: 'project', label: t('project'), kind: 'int', value: (r) => r.project },
                { key: 'kind', label: t('kind'), kind: 'text', value: (r) => r.kind },
                { key: 'supportCount', label: t('supportCount'), kind: 'int', value: (r) => r.supportCount },
                { key: 'householdsSupported', label: t('householdsSupported'), kind: 'int', value: (r) => r.householdsSupported },
                {
                  key: 'householdsDeprivedOnAddressed',
                  label: t('householdsDeprivedOnAddressed'),
                  kind: 'int',
                  value: (r) => r.householdsDeprivedOnAddressed,
                },
                { key: 'totalValue', label: t('totalValue'), kind: 'vnd', value: (r) => r.totalValue },
              ],
              rows: summaries,
              rowKey: (r) => `${r.project}-${r.subProject ?? 0}-${r.kind}`,
            }}
          />
        </>
      )}
    </section>
  );
}
