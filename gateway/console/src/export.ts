import { exportLabel, fileName, type Cell, type TableSpec } from './table';

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A CSV cell. Text that a spreadsheet would read as a formula (= + - @, tab, CR at the start: a
 * village or commune name typed that way) gets a leading apostrophe, as OWASP advises against
 * CSV injection; numbers stay raw.
 */
function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as RFC 4180 CSV: UTF-8 with a BOM (so Excel reads Vietnamese), CRLF, a header row,
 * numbers raw (1.92 for 1,92%; whole đồng) so any tool reads them back exactly.
 */
export function toCsv<R>(spec: TableSpec<R>): string {
  const lines = [spec.columns.map((c) => csvField(exportLabel(c))).join(',')];
  for (const row of spec.rows) lines.push(spec.columns.map((c) => csvField(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv<R>(spec: TableSpec<R>) {
  download(fileName(spec as TableSpec<unknown>, 'csv'), new Blob([toCsv(spec)], { type: 'text/csv;charset=utf-8' }));
}

const NUMBER_FORMATS: Partial<Record<string, string>> = {
  int: '#,##0',
  vnd: '#,##0 "₫"',
  percent: '0.00%',
  points: '+0.00;-0.00;0.00',
};

/** The table as an Excel workbook (exceljs, loaded on first use): title, header row, numbers as numbers. */
export async function downloadXlsx<R>(spec: TableSpec<R>) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'GNBV';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(spec.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([`${spec.title} — ${spec.unitName} (${spec.unitCode}) — ${spec.year}`]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, Math.max(1, spec.columns.length));
  const header = sheet.addRow(spec.columns.map((c) => exportLabel(c)));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E8' } };
  });
  for (const row of spec.rows) {
    sheet.addRow(
      spec.columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined) return null;
        if (c.kind === 'percent') return Number(v) / 100;
        if (c.kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
        return v;
      }),
    );
  }
  spec.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(12, exportLabel(c).length + 2));
    const fmt = c.kind === 'date' ? 'dd/mm/yyyy' : NUMBER_FORMATS[c.kind];
    if (fmt) column.eachCell((cell, rowNumber) => rowNumber > 2 && (cell.numFmt = fmt));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const buffer = await workbook.xlsx.writeBuffer();
  download(
    fileName(spec as TableSpec<unknown>, 'xlsx'),
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
}
