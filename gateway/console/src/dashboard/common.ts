import { useEffect, useState } from 'react';
import type { Session } from '../session';

/** The unit and year a dashboard shows. */
export interface Selection {
  code: string;
  name: string;
  level: 'PROVINCE' | 'COMMUNE';
  year: number;
}

export interface SectionProps {
  session: Session;
  selection: Selection;
}

/** Runs `load` whenever `deps` change; the answer of a superseded run is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { value: T | null; loading: boolean } {
  const [state, setState] = useState<{ value: T | null; loading: boolean }>({ value: null, loading: true });
  useEffect(() => {
    let live = true;
    setState({ value: null, loading: true });
    load().then(
      (value) => live && setState({ value, loading: false }),
      (error: unknown) => {
        if (live) setState({ value: null, loading: false });
        console.error(error);
      },
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on.
  }, deps);
  return state;
}

/** The last day a year's figures stand for: 31 December, or today for the current year. */
export function asOfForYear(year: number): string {
  const today = new Date().toISOString().slice(0, 10);
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
