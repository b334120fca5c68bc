import { excelNumberRu } from '../domain/russian-number-format.js';
import { openDataColumns, type SnapshotTable } from './snapshot-table.js';

/** A CSV cell for Russian Excel: a decimal comma, quotes where needed, no formula injection. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return excelNumberRu(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A published snapshot as CSV that Russian Excel opens by a double click: UTF-8 with a BOM,
 * `;` between cells, a decimal comma, CRLF line ends.
 */
export function snapshotCsv(table: SnapshotTable): Buffer {
  const columns = openDataColumns(table);
  const lines = [
    columns.map((c) => cell(c.header)).join(';'),
    ...table.rows.map((r) => columns.map((c) => cell(c.cell(r))).join(';')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
