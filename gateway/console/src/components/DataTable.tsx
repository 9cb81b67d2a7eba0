import { useState } from 'react';
import { downloadCsv, downloadXlsx } from '../export';
import { useT } from '../i18n';
import { displayCell, type TableSpec } from '../table';

/** A dashboard table with its CSV and Excel exports. */
export function DataTable<R>({ spec }: { spec: TableSpec<R> }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const xlsx = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await downloadXlsx(spec);
    } catch (error) {
      setFailure(String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="table-block">
      <div className="table-head">
        <h3>{spec.title}</h3>
        <div className="actions">
          <button
            type="button"
            data-testid={`${spec.id}-csv`}
            onClick={() => downloadCsv(spec)}
            disabled={spec.rows.length === 0}
          >
            {t('exportCsv')}
          </button>
          <button
            type="button"
            data-testid={`${spec.id}-xlsx`}
            onClick={() => void xlsx()}
            disabled={busy || spec.rows.length === 0}
          >
            {t('exportXlsx')}
          </button>
        </div>
      </div>
      {failure && <div className="error">{failure}</div>}
      <div className="scroll">
        <table data-testid={spec.id}>
          <thead>
            <tr>
              {spec.columns.map((c) => (
                <th key={c.key} className={c.kind === 'text' ? '' : 'num'}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.rows.length === 0 && (
              <tr>
                <td colSpan={spec.columns.length} className="muted">
                  {t('noData')}
                </td>
              </tr>
            )}
            {spec.rows.map((row) => {
              const key = spec.rowKey(row);
              return (
                <tr key={key} data-testid={`${spec.id}-row-${key}`}>
                  {spec.columns.map((c) => {
                    const value = c.value(row);
                    return (
                      <td
                        key={c.key}
                        className={c.kind === 'text' ? '' : 'num'}
                        data-testid={`${spec.id}-${key}-${c.key}`}
                        data-value={value === null ? '' : String(value)}
                      >
                        {displayCell(c.kind, value, spec.yes, spec.no)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
