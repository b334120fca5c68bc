import { cleanCell } from './clean-cell.js';
import type { InputProblem } from './input-problem.js';
import type { RawRow } from './raw-table.js';

export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: Delimiter[] = [';', '\t', ','];
export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ';': '«;»',
  ',': '«,»',
  '\t': 'табуляция',
};

export interface DelimitedText {
  rows: RawRow[];
  delimiter: Delimiter;
  problems: InputProblem[];
}

/**
 * Guesses the delimiter from the first lines: the candidate that splits the most lines into
 * the same number (> 0) of parts. Title lines have none and do not vote; a `,` inside Russian
 * numbers (`0,574`) varies from line to line, so it loses to a steady `;` or tab.
 *
 * @example detectDelimiter('ОМСУ;Значение\nг.Орск;0,313\n') // ';'
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, 64_000)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 60);
  let best: Delimiter = ';';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(d).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Splits delimited text into rows of clean cells (markup stripped, spaces trimmed), keeping
 * each row's 1-based line number and skipping blank lines. With `quoting` (CSV), RFC 4180
 * applies: a quoted cell may hold the delimiter, `""` and line breaks; a quote left open at
 * the end of the file is reported, since the file was most likely cut short. Without it
 * (text pasted from a document) quotes are ordinary characters.
 *
 * @example parseDelimitedText('a;"b;c"\n', { file: 'f.csv', delimiter: ';', quoting: true }).rows
 *   // [{ line: 1, cells: ['a', 'b;c'] }]
 */
export function parseDelimitedText(
  text: string,
  options: { file: string; delimiter?: Delimiter | undefined; quoting: boolean },
): DelimitedText {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(source);
  const rows: RawRow[] = [];
  const problems: InputProblem[] = [];
  let pos = 0;
  let line = 1;
  while (pos < source.length) {
    let end = source.indexOf('\n', pos);
    if (end === -1) end = source.length;
    const raw =
      source.charCodeAt(end - 1) === 13 ? source.slice(pos, end - 1) : source.slice(pos, end);
    if (!options.quoting || !raw.includes('"')) {
      if (raw.trim() !== '') {
        const cells = raw.split(delimiter);
        for (let k = 0; k < cells.length; k += 1) cells[k] = cleanCell(cells[k] as string);
        rows.push({ line, cells });
      }
      pos = end + 1;
      line += 1;
      continue;
    }
    const quoted = readQuotedRecord(source, pos, delimiter);
    if (quoted.unterminated) {
      problems.push({
        file: options.file,
        row: line,
        column: null,
        message:
          'кавычка, открытая в этой строке, не закрыта до конца файла: файл, вероятно, обрезан',
      });
      break;
    }
    if (quoted.cells.some((c) => c !== '')) rows.push({ line, cells: quoted.cells.map(cleanCell) });
    line += quoted.lineBreaks + 1;
    pos = quoted.next;
  }
  return { rows, delimiter, problems };
}

/** Reads one RFC 4180 record starting at `start`; quoted cells may span lines. */
function readQuotedRecord(text: string, start: number, delimiter: string) {
  const cells: string[] = [];
  let cell = '';
  let i = start;
  let lineBreaks = 0;
  let inQuotes = false;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (ch === '\n') lineBreaks += 1;
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n') {
      break;
    } else if (ch !== '\r') {
      cell += ch;
    }
    i += 1;
  }
  cells.push(cell);
  return { cells, next: i + 1, lineBreaks, unterminated: inQuotes };
}
