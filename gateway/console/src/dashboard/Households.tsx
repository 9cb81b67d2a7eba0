import { useState } from 'react';
import { DataTable } from '../components/DataTable';
import { ErrorBox } from '../components/ErrorBox';
import { runQuery } from '../graphql';
import { useLanguage, useT, type Key } from '../i18n';
import { HOUSEHOLD, HOUSEHOLDS } from '../queries';
import type { Session } from '../session';
import { useLoad, type SectionProps } from './common';

export interface HouseholdRow {
  id: string;
  code: string;
  category: string;
  village: string | null;
  area: string;
  noWorkingCapacity: boolean;
}
export interface HouseholdPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: HouseholdRow[];
}

/** A page of households with links to each one, previous/next, and the page's exports. */
export function HouseholdPager(props: {
  session: Session;
  selection: SectionProps['selection'];
  id: string;
  fileStem: string;
  page: HouseholdPage;
  pageNumber: number;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<string | null>(null);
  const { page, selection } = props;
  const pages = Math.max(1, Math.ceil(page.totalCount / 20));
  return (
    <div>
      <DataTable
        spec={{
          id: props.id,
          title: `${page.totalCount} ${t('households').toLowerCase()}`,
          fileStem: `${props.fileStem}-p${props.pageNumber}`,
          unitCode: selection.code,
          unitName: selection.name,
          year: selection.year,
          columns: [
            { key: 'code', label: t('code'), kind: 'text', value: (r) => r.code },
            { key: 'category', label: t('category'), kind: 'text', value: (r) => t(r.category as Key) },
            { key: 'village', label: t('village'), kind: 'text', value: (r) => r.village },
            { key: 'area', label: t('area'), kind: 'text', value: (r) => r.area },
            { key: 'noWorkingCapacity', label: t('noWorkingCapacity'), kind: 'bool', value: (r) => r.noWorkingCapacity },
          ],
          rows: page.nodes,
          rowKey: (r) => r.code,
          yes: '✓',
          no: '',
        }}
      />
      <ul className="links">
        {page.nodes.map((h) => (
          <li key={h.id}>
            <button type="button" className="link" data-testid={`household-link-${h.code}`} onClick={() => setOpen(h.id)}>
              {t('details')}: {h.code}
            </button>
          </li>
        ))}
      </ul>
      <div className="pager">
        <button type="button" disabled={props.pageNumber <= 1} onClick={props.onPrevious}>
          {t('previous')}
        </button>
        <span data-testid={`${props.id}-page`}>
          {t('page')} {props.pageNumber} {t('of')} {pages}
        </span>
        <button
          type="button"
          data-testid={`${props.id}-next`}
          disabled={!page.pageInfo.hasNextPage || !page.pageInfo.endCursor}
          onClick={() => page.pageInfo.endCursor && props.onNext(page.pageInfo.endCursor)}
        >
          {t('next')}
        </button>
      </div>
      {open && <HouseholdDetail session={props.session} id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface SupportRow {
  project: number;
  kind: string;
  status: string;
  programYear: number;
  value: number;
}
interface HouseholdAnswer {
  household: {
    code: string;
    category: string;
    village: string | null;
    address: string | null;
    members: Array<{ id: string; fullName: string | null; relationToHead: string }> | null;
    laborSupports: SupportRow[] | null;
    productionSupports: SupportRow[] | null;
    informationSupports: SupportRow[] | null;
    borrowsFromBank: boolean | null;
  } | null;
}

/** One household, as far as the role and purpose allow (refused fields come back null with an error). */
function HouseholdDetail({ session, id, onClose }: { session: Session; id: string; onClose: () => void }) {
  const t = useT();
  const { value } = useLoad(() => runQuery<HouseholdAnswer>(session, HOUSEHOLD, { id }), [session.token, id]);
  const h = value?.data?.household;
  const supports = h ? [...(h.laborSupports ?? []), ...(h.productionSupports ?? []), ...(h.informationSupports ?? [])] : [];
  return (
    <div className="detail" data-testid="household-detail">
      <div className="table-head">
        <h3>
          {t('details')} {h?.code ?? ''}
        </h3>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {value && <ErrorBox errors={value.errors} testId="household-error" />}
      {h && (
        <>
          <p>
            {t(h.category as Key)} · {h.village ?? ''} {h.address ?? ''} · {t('borrowsFromBank')}:{' '}
            {h.borrowsFromBank === null ? '—' : h.borrowsFromBank ? t('yes') : t('no')}
          </p>
          <h4>{t('members')}</h4>
          <ul>
            {(h.members ?? []).map((m) => (
              <li key={m.id}>
                {m.fullName ?? '—'} ({m.relationToHead})
              </li>
            ))}
          </ul>
          <h4>{t('supports')}</h4>
          <ul>
            {supports.map((s, i) => (
              <li key={i}>
                {t('project')} {s.project} · {s.kind} · {s.status} · {s.programYear}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface HouseholdsAnswer {
  adminUnit: { households: HouseholdPage | null } | null;
}

/** A commune's households by list, for roles that may see them (others see the FORBIDDEN message). */
export function Households({ session, selection }: SectionProps) {
  const t = useT();
  const lang = useLanguage();
  const [category, setCategory] = useState<string>('POOR');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { value, loading } = useLoad(
    () => runQuery<HouseholdsAnswer>(session, HOUSEHOLDS, { code: selection.code, category: category || null, first: 20, after }),
    [session.token, session.purpose, selection.code, category, after],
  );
  const page = value?.data?.adminUnit?.households;
  return (
    <section className="section" data-testid="section-households">
      <h2>
        {t('householdsOf')} {selection.name}
      </h2>
      <label>
        {t('category')}{' '}
        <select
          data-testid="households-category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
            setCursors([null]);
          }}
        >
          <option value="">{t('allCategories')}</option>
          {(['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR'] as const).map((c) => (
            <option key={c} value={c}>
              {t(c)}
            </option>
          ))}
        </select>
      </label>
      {loading && <p className="muted">{t('loading')}</p>}
      {value && <ErrorBox errors={value.errors} testId="households-error" />}
      {page && (
        <HouseholdPager
          session={session}
          selection={selection}
          id="households-table"
          fileStem={lang === 'vi' ? `ho-${category.toLowerCase() || 'tat-ca'}` : `households-${category.toLowerCase() || 'all'}`}
          page={page}
          pageNumber={cursors.length}
          onNext={(cursor) => setCursors([...cursors, cursor])}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
        />
      )}
    </section>
  );
}
