import { parseDelimitedText } from './delimited-text.js';
import type { RawRow } from './raw-table.js';
import { stripMarkup } from './strip-markup.js';

export interface PastedTable {
  header: string[];
  /** Data rows with their 1-based line number in the pasted text, cells clean of markup. */
  rows: { line: number; cells: string[] }[];
}

/**
 * Reads a tab-separated table pasted from a document or a web page: cells may carry HTML
 * tags, blank lines may sit between rows. The first non-blank line is the header.
 *
 * @example parsePastedTable('Место\tОМСУ\n1\t<b>г.Орск</b>').rows[0].cells // ['1', 'г.Орск']
 */
export function parsePastedTable(text: string): PastedTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | null = null;
  const rows: PastedTable['rows'] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split('\t').map(stripMarkup);
    if (header === null) header = cells;
    else rows.push({ line: index + 1, cells });
  });
  return { header: header ?? [], rows };
}

/**
 * Every non-blank line of a pasted table, title lines included, split at tabs and clean of
 * markup: the input of an import, which finds the header itself (it may sit below a title and
 * a blank line, as when a table is copied together with its caption).
 *
 * @example parsePastedRows('Таблица 1\n\nМесто\tОМСУ\n1\t<b>г.Орск</b>')[2].cells // ['1', 'г.Орск']
 */
export function parsePastedRows(text: string): RawRow[] {
  return parseDelimitedText(text, { file: '', delimiter: '\t', quoting: false }).rows;
}
