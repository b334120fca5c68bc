import { readFileSync } from 'node:fs';
import type { RatingData } from '../engine/compute-rating.js';
import { InputError, type InputProblem } from '../ingest/input-problem.js';
import { parseRussianNumber } from '../ingest/russian-number.js';

const CODE_HEADERS = /^(code|unit|unit_code|код|код омсу|октмо|oktmo)$/i;
const NAME_HEADERS = /^(name|наименование|название|наименование омсу|муниципальное образование)$/i;

/** Splits delimited text into rows of cells; quotes ("a;b", "say ""hi""") are honoured. */
function splitRows(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k] as string;
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        cell += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** `;` or tab if the header has one (then `,` may be a decimal comma), otherwise `,`. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

/**
 * Reads a rating data file: one row per unit, a unit-code column (`code`, `код`, `октмо`…
 * or else the first), an optional name column, every other column a number by its header
 * (indicator or reference code). `;`, tab or `,` separated, UTF-8; numbers as Russian
 * documents write them (`85 199`, `0,574`, `178,60%`). Every problem is reported with row
 * and column, all at once.
 *
 * @example readRatingTable('data.csv').values.pos_level // [94.1, null, …]
 */
export function readRatingTable(file: string): RatingData & { columns: string[] } {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = splitRows(text, detectDelimiter(text));
  const problems: InputProblem[] = [];
  const header = (rows[0]?.cells ?? []).map((h) => h.trim());
  if (header.length < 2)
    throw new InputError([
      { file, row: 1, column: null, message: 'нет строки заголовков с кодом ОМСУ и показателями' },
    ]);
  const codeAt = Math.max(
    0,
    header.findIndex((h) => CODE_HEADERS.test(h)),
  );
  const nameAt = header.findIndex((h, i) => i !== codeAt && NAME_HEADERS.test(h));
  const valueAt = header.map((_, i) => i).filter((i) => i !== codeAt && i !== nameAt);
  const units: RatingData['units'][number][] = [];
  const values: Record<string, (number | null)[]> = Object.fromEntries(
    valueAt.map((i) => [header[i] as string, []]),
  );
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const code = row.cells[codeAt]?.trim() ?? '';
    if (code === '')
      problems.push({
        file,
        row: row.line,
        column: header[codeAt] ?? null,
        message: 'нет кода ОМСУ',
      });
    else if (seen.has(code))
      problems.push({
        file,
        row: row.line,
        column: header[codeAt] ?? null,
        message: `код «${code}» уже встречался в строке ${seen.get(code)}`,
      });
    seen.set(code, row.line);
    units.push({ code, name: nameAt >= 0 ? (row.cells[nameAt]?.trim() ?? code) : code });
    for (const i of valueAt) {
      const parsed = parseRussianNumber(row.cells[i] ?? '');
      const column = header[i] as string;
      if (!parsed.ok) problems.push({ file, row: row.line, column, message: parsed.message });
      (values[column] as (number | null)[]).push(parsed.ok ? parsed.value : null);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { units, values, columns: valueAt.map((i) => header[i] as string) };
}
