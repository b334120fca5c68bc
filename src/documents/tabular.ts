import { formatNumberRu, plainNumber } from '../domain/russian-number-format.js';

/** What a cell holds: text, a number (written as a number wherever the format allows), or nothing. */
export type CellValue = string | number | null;

export interface TabularColumn {
  title: string;
  /** A number column shows this many decimals (a text column has none). */
  decimals?: number;
  /** Where rows differ (values of several indicators in one column): each row's decimals. */
  decimalsByRow?: number[];
  /** Numbers shown with « %» after them (the value is already in per cent: 178.6, not 1.786). */
  percent?: boolean;
  /** Width in characters; by default from the longest text in the column. */
  width?: number;
}

/**
 * A table as every document writer takes it: the title it is printed under, its columns, its
 * rows (each as long as the columns) and notes printed below it.
 */
export interface Tabular {
  title: string;
  /** The name of its sheet in a workbook (Excel allows at most 31 characters). */
  sheetName: string;
  columns: TabularColumn[];
  rows: CellValue[][];
  notes?: string[];
}

/** The decimals row `row` of a number column shows. */
export const decimalsAt = (column: TabularColumn, row: number): number =>
  column.decimalsByRow?.[row] ?? column.decimals ?? 0;

/** The cell as Russian documents print it: «6 786», «178,60 %», «—» for a missing number. */
export function cellText(value: CellValue, column: TabularColumn, row = 0): string {
  if (value === null) return column.decimals === undefined ? '' : '—';
  if (typeof value === 'string') return value;
  const text = formatNumberRu(value, decimalsAt(column, row));
  return column.percent ? `${text}\u00a0%` : text;
}

/** The width a column needs, in characters: its widest cell or header word, within bounds. */
export function columnWidth(table: Tabular, index: number): number {
  const column = table.columns[index] as TabularColumn;
  if (column.width !== undefined) return column.width;
  const longestWord = Math.max(...column.title.split(/\s+/).map((w) => w.length));
  const longestCell = Math.max(
    0,
    ...table.rows.map((r, row) => cellText(r[index] ?? null, column, row).length),
  );
  return Math.min(48, Math.max(8, longestWord + 1, longestCell + 2));
}

/**
 * A CSV cell for Russian Excel: a number with a decimal comma and no grouping (it stays a
 * number), text quoted only where it holds `;`, a quote or a line break, and text that Excel
 * would run as a formula (=, +, -, @ first) made inert with an apostrophe.
 */
export function csvCellRu(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isNaN(value) ? '' : plainNumber(value).replace('.', ',');
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines of cells as CSV that Russian Excel opens by a double click: UTF-8 with a BOM, `;`, CRLF. */
export function csvRu(header: string[], lines: unknown[][]): string {
  const line = (cells: unknown[]) => cells.map(csvCellRu).join(';');
  return `\uFEFF${[line(header), ...lines.map(line)].join('\r\n')}\r\n`;
}

/**
 * Tables as CSV for Russian Excel: the header row, then the rows, numbers unrounded. Several
 * tables follow one another, each under its title after an empty line.
 */
export function tabularCsv(tables: Tabular[]): string {
  const one = (table: Tabular) =>
    csvRu(
      table.columns.map((c) => (c.percent ? `${c.title}, %` : c.title)),
      table.rows,
    );
  if (tables.length === 1) return one(tables[0] as Tabular);
  return `\uFEFF${tables.map((t) => `${csvCellRu(t.title)}\r\n${one(t).slice(1)}`).join('\r\n')}`;
}
