/** One row as a parser found it: its 1-based line (text) or row number (sheet) and cell texts. */
export interface RawRow {
  line: number;
  cells: string[];
}

/**
 * Rows by index: an array, or rows made when asked for (`DelimitedRows`), so that a large
 * file's rows need not all be alive at once. Read them with `at`.
 */
export interface RawRows {
  readonly length: number;
  at(index: number): RawRow | undefined;
}

/**
 * A table before any meaning is given to it: every non-blank row of a file, sheet or pasted
 * text, cells as clean text. Title lines above the header are still here; `locateHeader`
 * finds where the table starts.
 */
export interface RawTable {
  file: string;
  rows: RawRows;
  /** Per row index, cells that continue a merged cell from the row above (XLSX only). */
  mergedFromAbove?: Map<number, Set<number>>;
  /** Per row index, cells whose text is the result a formula had when the file was saved. */
  formulaCells?: Map<number, Set<number>>;
}
