import { cleanCell } from './clean-cell.js';
import type { InputProblem } from './input-problem.js';
import { headerMatches, normaliseHeader } from './locate-header.js';
import type { RawTable } from './raw-table.js';

/** A column a setup file has: its key, its Russian title (and alternatives after `|`). */
export interface ColumnSpec<K extends string> {
  key: K;
  /** Header texts that name it, `|`-separated; the first is the title messages use. */
  header: string;
  required: boolean;
}

/** One data row: its line in the file and its cells by column key ('' where absent). */
export interface ColumnRow<K extends string> {
  line: number;
  cells: Record<K, string>;
}

export const columnTitle = (spec: ColumnSpec<string>) => spec.header.split('|')[0] as string;

/**
 * Reads a table whose first row names the columns: every later row as cells by key. A
 * required column that no header names is a problem of the file.
 */
export function readColumnTable<K extends string>(
  table: RawTable,
  specs: readonly ColumnSpec<K>[],
): { rows: ColumnRow<K>[]; problems: InputProblem[] } {
  const header = table.rows.at(0);
  const problems: InputProblem[] = [];
  if (!header) {
    problems.push({ file: table.file, row: null, column: null, message: 'в файле нет строк' });
    return { rows: [], problems };
  }
  const index = new Map<K, number>();
  const claimed = new Set<number>();
  // A header equal to a title wins over one that only starts with it («Код» vs «Код ОКТМО»).
  const exact = (cell: string, spec: ColumnSpec<K>) =>
    spec.header.split('|').some((alt) => normaliseHeader(alt) === normaliseHeader(cell));
  for (const matches of [
    exact,
    (cell: string, spec: ColumnSpec<K>) => headerMatches(cell, spec.header),
  ])
    for (const spec of specs) {
      if (index.has(spec.key)) continue;
      const at = header.cells.findIndex((cell, i) => !claimed.has(i) && matches(cell, spec));
      if (at < 0) continue;
      index.set(spec.key, at);
      claimed.add(at);
    }
  for (const spec of specs) {
    if (!index.has(spec.key) && spec.required)
      problems.push({
        file: table.file,
        row: header.line,
        column: columnTitle(spec),
        message: `нет графы «${columnTitle(spec)}» в строке заголовка`,
      });
  }
  const rows: ColumnRow<K>[] = [];
  for (let i = 1; i < table.rows.length; i++) {
    const raw = table.rows.at(i);
    if (!raw) continue;
    const cells = {} as Record<K, string>;
    for (const spec of specs) {
      const at = index.get(spec.key);
      cells[spec.key] = at === undefined ? '' : cleanCell(raw.cells[at] ?? '');
    }
    if (Object.values<string>(cells).every((c) => c === '')) continue;
    rows.push({ line: raw.line, cells });
  }
  return { rows, problems };
}
