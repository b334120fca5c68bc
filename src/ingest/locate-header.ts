import type { RawTable } from './raw-table.js';
import { stripMarkup } from './strip-markup.js';

/** Header text in the form column references are compared in. */
export function normaliseHeader(text: string): string {
  return stripMarkup(text)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether a header cell is the column a reference names: equal after normalisation or
 * starting with it; `|` separates alternatives.
 *
 * @example headerMatches('Значение показателя рейтинга (макс. – 1)', 'значение показателя') // true
 */
export function headerMatches(header: string, reference: string): boolean {
  const h = normaliseHeader(header);
  if (h === '') return false;
  return reference.split('|').some((alt) => {
    const r = normaliseHeader(alt);
    if (r === '' || !h.startsWith(r)) return false;
    const after = h[r.length];
    return after === undefined || !/[\p{L}\d]/u.test(after);
  });
}

export interface LocatedHeader {
  /** Index into table.rows of the (first) header row. */
  index: number;
  /** Labels of the columns; two-row XLSX headers joined as "group / sub". */
  labels: string[];
  /** Index into table.rows of the first data row. */
  dataStart: number;
}

/**
 * Finds the header row, which may sit below a title block: the first of the first 50 rows in
 * which `accept` recognises the columns it needs. In an XLSX sheet, a row right below whose
 * cells continue merged cells from the header is a second header row (merged group titles
 * above their sub-columns); its labels are joined to the group's.
 */
export function locateHeader(
  table: RawTable,
  accept: (labels: string[]) => boolean,
): LocatedHeader | null {
  const limit = Math.min(table.rows.length, 50);
  for (let index = 0; index < limit; index += 1) {
    const row = table.rows.at(index);
    if (!row) break;
    const merged = table.mergedFromAbove?.get(index + 1);
    const next = table.rows.at(index + 1);
    if (merged && merged.size > 0 && next) {
      const labels = row.cells.map((top, c) => {
        const sub = next.cells[c] ?? '';
        return merged.has(c) || sub === '' || sub === top ? top : `${top} / ${sub}`;
      });
      if (accept(labels)) return { index, labels, dataStart: index + 2 };
    }
    if (accept(row.cells)) return { index, labels: row.cells, dataStart: index + 1 };
  }
  return null;
}
