import { formatDate, formatInt, formatPercent, formatPoints, formatVnd } from './format';

/** How a column's values are shown, exported and formatted in Excel. */
export type ColumnKind = 'text' | 'int' | 'vnd' | 'percent' | 'points' | 'bool' | 'date';
export type Cell = string | number | boolean | null;

export interface Column<R> {
  key: string;
  label: string;
  kind: ColumnKind;
  value: (row: R) => Cell;
}

/** A table of the dashboard: what is shown, and what CSV and Excel exports contain. */
export interface TableSpec<R> {
  /** data-testid of the table; cells are `${id}-${rowKey}-${column.key}`. */
  id: string;
  title: string;
  /** File name stem, e.g. "ngheo" → ngheo-11-2025.csv. */
  fileStem: string;
  unitCode: string;
  unitName: string;
  year: number;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  yes: string;
  no: string;
}

/** A value as shown on screen: Vietnamese number formats, "—" for nothing. */
export function displayCell(kind: ColumnKind, value: Cell, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (kind) {
    case 'int':
      return formatInt(Number(value));
    case 'vnd':
      return formatVnd(Number(value));
    case 'percent':
      return formatPercent(Number(value));
    case 'points':
      return formatPoints(Number(value));
    case 'bool':
      return value ? yes : no;
    case 'date':
      return formatDate(String(value));
    default:
      return String(value);
  }
}

export const fileName = (spec: TableSpec<unknown>, extension: 'csv' | 'xlsx') =>
  `${spec.fileStem}-${spec.unitCode}-${spec.year}.${extension}`;

/** Header labels with the unit of percentages, points and money (values are exported raw). */
export function exportLabel(c: { label: string; kind: ColumnKind }): string {
  if (c.kind === 'percent') return `${c.label} (%)`;
  if (c.kind === 'points') return `${c.label} (điểm %/points)`;
  if (c.kind === 'vnd') return `${c.label} (VND)`;
  return c.label;
}
