import { useEffect, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { runQuery } from '../graphql';
import { useT } from '../i18n';
import { COMMUNES, PROVINCES } from '../queries';
import type { Session } from '../session';
import { useLoad, type Selection } from './common';
import { Coverage } from './Coverage';
import { Households } from './Households';
import { Money } from './Money';
import { Poverty } from './Poverty';
import { Targeting } from './Targeting';

interface Unit {
  code: string;
  name: string;
  level: 'PROVINCE' | 'COMMUNE';
}

const thisYear = new Date().getFullYear();
/** Review years offered: 2021 (the 2021-2025 standard) to this year; the default is last year's review. */
const YEARS = Array.from({ length: thisYear - 2020 }, (_, i) => 2021 + i).reverse();

function readUrl() {
  const p = new URLSearchParams(location.search);
  const year = Number(p.get('year'));
  return {
    province: /^\d{2}$/.test(p.get('province') ?? '') ? (p.get('province') as string) : '',
    commune: /^\d{5}$/.test(p.get('commune') ?? '') ? (p.get('commune') as string) : '',
    year: YEARS.includes(year) ? year : thisYear - 1,
  };
}

/** Pick a province or commune and a year; the four report groups (and a commune's households) below. */
export function Dashboard({ session }: { session: Session }) {
  const t = useT();
  const [state, setState] = useState(readUrl);
  useEffect(() => {
    const p = new URLSearchParams();
    if (state.province) p.set('province', state.province);
    if (state.commune) p.set('commune', state.commune);
    p.set('year', String(state.year));
    history.replaceState(null, '', `/?${p.toString()}`);
  }, [state]);

  const provinces = useLoad(() => runQuery<{ adminUnits: Unit[] }>(session, PROVINCES), [session.token]);
  const communes = useLoad(async () => {
    if (!state.province) return null;
    return runQuery<{ adminUnit: (Unit & { children: Unit[] }) | null }>(session, COMMUNES, { code: state.province });
  }, [session.token, state.province]);

  const province = communes.value?.data?.adminUnit ?? null;
  const commune = province?.children.find((c) => c.code === state.commune) ?? null;
  const unit: Unit | null = commune ?? (province && province.code === state.province ? province : null);
  const selection: Selection | null = unit ? { code: unit.code, name: unit.name, level: unit.level, year: state.year } : null;

  return (
    <main className="dashboard">
      <form className="picker" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('province')}
          <select
            data-testid="province-select"
            value={state.province}
            onChange={(e) => setState({ ...state, province: e.target.value, commune: '' })}
          >
            <option value="">{t('choose')}</option>
            {(provinces.value?.data?.adminUnits ?? [])
              .filter((u) => u.level === 'PROVINCE')
              .map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} — {u.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('commune')}
          <select
            data-testid="commune-select"
            value={state.commune}
            disabled={!province}
            onChange={(e) => setState({ ...state, commune: e.target.value })}
          >
            <option value="">{t('wholeProvince')}</option>
            {(province?.children ?? []).map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} — {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('year')}
          <select
            data-testid="year-select"
            value={state.year}
            onChange={(e) => setState({ ...state, year: Number(e.target.value) })}
          >
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </form>
      {provinces.value && <ErrorBox errors={provinces.value.errors} testId="provinces-error" />}
      {communes.value && <ErrorBox errors={communes.value.errors} testId="communes-error" />}
      {selection && (
        <div
          key={`${selection.code}-${selection.year}`}
          data-testid="dashboard"
          data-unit={selection.code}
          data-year={selection.year}
        >
          <h1 data-testid="dashboard-title">
            {selection.name} ({selection.code}) — {selection.year}
          </h1>
          <Poverty session={session} selection={selection} />
          <Coverage session={session} selection={selection} />
          <Money session={session} selection={selection} />
          <Targeting session={session} selection={selection} />
          {selection.level === 'COMMUNE' && <Households session={session} selection={selection} />}
        </div>
      )}
    </main>
  );
}
