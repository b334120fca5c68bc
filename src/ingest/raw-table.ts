/** One row as a parser found it: its 1-based line (text) or row number (sheet) and cell texts. */
export interface RawRow {
  line: number;
  cells: string[];
}

/**
 * A table before any meaning is given to it: every non-blank row of a file, sheet or pasted
 * text, cells as clean text. Title lines above the header are still here; `locateHeader`
 * finds where the table starts.
 */
export interface RawTable {
  file: string;
  rows: RawRow[];
  /** Per row index, cells that continue a merged cell from the row above (XLSX only). */
  mergedFromAbove?: Map<number, Set<number>>;
}
