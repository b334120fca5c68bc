import { cleanCell } from './clean-cell.js';
import type { InputProblem } from './input-problem.js';
import type { RawRow, RawRows } from './raw-table.js';
import { stripMarkup } from './strip-markup.js';

export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: Delimiter[] = [';', '\t', ','];
export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ';': '«;»',
  ',': '«,»',
  '\t': 'табуляция',
};

export interface DelimitedText<Rows extends RawRows = RawRow[]> {
  rows: Rows;
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
  const indexed = indexDelimitedText(text, options);
  return {
    ...indexed,
    rows: Array.from({ length: indexed.rows.length }, (_, i) => indexed.rows.at(i) as RawRow),
  };
}

/**
 * The same rows as `parseDelimitedText`, cut into cells only when asked for. One pass finds
 * where each non-blank row starts and ends (and reads quoted records, which are rare, at once);
 * a row's cells are made when `at` is called, so a reader that goes through a million rows
 * once keeps none of them alive: they die young instead of filling the heap until the end of
 * the import (about a quarter of the reading time went to the garbage collector moving them).
 */
export function indexDelimitedText(
  text: string,
  options: { file: string; delimiter?: Delimiter | undefined; quoting: boolean },
): DelimitedText<DelimitedRows> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(source);
  const rows = new DelimitedRows(source, delimiter);
  const problems: InputProblem[] = [];
  // Where the next quote is: found once and again only after the scan has passed it, so a
  // file without quotes is searched once, not once per line.
  let nextQuote = options.quoting ? source.indexOf('"') : -1;
  let pos = 0;
  let line = 1;
  while (pos < source.length) {
    let end = source.indexOf('\n', pos);
    if (end === -1) end = source.length;
    const stop = source.charCodeAt(end - 1) === 13 && end > pos ? end - 1 : end;
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = source.indexOf('"', pos);
    if (nextQuote === -1 || nextQuote >= stop) {
      if (!isBlank(source, pos, stop)) rows.addLine(line, pos, stop);
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
    if (quoted.cells.some((c) => c !== ''))
      rows.addRow({ line, cells: quoted.cells.map(cleanCell) });
    line += quoted.lineBreaks + 1;
    pos = quoted.next;
  }
  return { rows, delimiter, problems };
}

/**
 * The non-blank rows of a delimited text: for a plain line its line number and where it
 * starts and ends in the text (typed arrays: no object per row), for a quoted record its cells
 * as read. `at` cuts a plain line into cells each time it is asked.
 */
export class DelimitedRows implements RawRows {
  length = 0;
  private lines = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private stops = new Int32Array(1024);
  /** Rows read at once (quoted records), by index. */
  private readonly records = new Map<number, RawRow>();
  private readonly splitter: LineSplitter;

  constructor(text: string, delimiter: Delimiter) {
    this.splitter = new LineSplitter(text, delimiter);
  }

  addLine(line: number, start: number, stop: number): void {
    if (this.length === this.lines.length) {
      this.lines = grow(this.lines);
      this.starts = grow(this.starts);
      this.stops = grow(this.stops);
    }
    this.lines[this.length] = line;
    this.starts[this.length] = start;
    this.stops[this.length] = stop;
    this.length += 1;
  }

  addRow(row: RawRow): void {
    this.records.set(this.length, row);
    this.addLine(row.line, 0, 0);
  }

  at(index: number): RawRow | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return (
      this.records.get(index) ?? {
        line: this.lines[index] as number,
        cells: this.splitter.split(this.starts[index] as number, this.stops[index] as number),
      }
    );
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Whether a character is one that `String.prototype.trim` removes (ECMAScript WhiteSpace and
 * LineTerminator).
 */
export function isTrimmedSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether `text[from, to)` is empty or only spaces: what `trim() === ''` says, without a copy. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k += 1) if (!isTrimmedSpace(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Splits unquoted lines into clean cells (as `line.split(delimiter).map(cleanCell)` does)
 * without copying the line: cells are cut straight from the text, and a cell that repeats the
 * one above it in the same column (unit names, indicator codes, periods of a long-format file)
 * is the same string, which saves memory and lets later lookups reuse its hash.
 */
class LineSplitter {
  /** Per column, the cell above and whether it is its own text trimmed (no markup, no runs). */
  private readonly above: string[] = [];
  private readonly aboveIsPlain: boolean[] = [];
  /** Cells of the line being split; each row gets an exact-size copy (push would over-allocate). */
  private readonly scratch: string[] = [];
  private nextDelimiter: number;
  private lastFrom = -1;

  constructor(
    private readonly text: string,
    private readonly delimiter: Delimiter,
  ) {
    this.nextDelimiter = text.indexOf(delimiter);
  }

  split(from: number, to: number): string[] {
    const cells = this.scratch;
    cells.length = 0;
    let start = from;
    // Lines are usually asked for in order; the same or an earlier one again needs the
    // search from its start (the last search went past it).
    if (from <= this.lastFrom) this.nextDelimiter = this.text.indexOf(this.delimiter, from);
    this.lastFrom = from;
    for (;;) {
      if (this.nextDelimiter !== -1 && this.nextDelimiter < start)
        this.nextDelimiter = this.text.indexOf(this.delimiter, start);
      const stop = this.nextDelimiter === -1 || this.nextDelimiter > to ? to : this.nextDelimiter;
      cells.push(this.cell(cells.length, start, stop));
      if (stop === to) return cells.slice();
      start = stop + 1;
    }
  }

  private cell(column: number, from: number, to: number): string {
    const text = this.text;
    let a = from;
    let b = to;
    while (a < b && isTrimmedSpace(text.charCodeAt(a))) a += 1;
    while (b > a && isTrimmedSpace(text.charCodeAt(b - 1))) b -= 1;
    const above = this.above[column];
    if (
      above !== undefined &&
      above.length === b - a &&
      this.aboveIsPlain[column] === true &&
      text.startsWith(above, a)
    )
      return above;
    const plain = isPlainCell(text, a, b);
    const cell = plain ? text.slice(a, b) : stripMarkup(text.slice(from, to));
    this.above[column] = cell;
    this.aboveIsPlain[column] = plain;
    return cell;
  }
}

/**
 * Whether the trimmed cell `text[from, to)` needs nothing but trimming: no tag or entity
 * (`<`, `&`), no tab or line break, no run of spaces. Then `stripMarkup` of the untrimmed cell
 * would give the same text, since it only removes tags and entities, collapses runs of
 * spaces, tabs and line breaks, and trims.
 */
function isPlainCell(text: string, from: number, to: number): boolean {
  let space = false;
  for (let k = from; k < to; k += 1) {
    const c = text.charCodeAt(k);
    if (c === 32) {
      if (space) return false;
      space = true;
      continue;
    }
    space = false;
    if (c === 60 || c === 38 || c === 9 || c === 10 || c === 13) return false;
  }
  return true;
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
