import type ExcelJS from 'exceljs';
import { cleanCell } from './clean-cell.js';
import type { InputProblem } from './input-problem.js';
import type { RawRow, RawTable } from './raw-table.js';

export interface XlsxTableResult {
  table: RawTable;
  sheet: string | null;
  problems: InputProblem[];
}

/**
 * Reads one sheet of an XLSX workbook as a raw table. Cells become the text a person sees:
 * numbers in full precision (a cell formatted as percent gives `17,86%`-style `17.86%`), dates
 * as `YYYY-MM-DD`, rich text and links as their text. A merged cell's text is repeated in
 * every cell it covers, and cells covered from the row above are marked so that a two-row
 * header is recognised. A formula gives the result Excel or LibreOffice saved with it (they
 * recalculate before saving), and its cell is marked so that a preview can say so; a formula
 * saved without a result is kept as `=…`, which the import refuses with its row and column.
 */
export async function readXlsxTable(
  bytes: Uint8Array,
  options: { file: string; sheet?: string | undefined },
): Promise<XlsxTableResult> {
  const problems: InputProblem[] = [];
  const fail = (message: string): XlsxTableResult => ({
    table: { file: options.file, rows: [] },
    sheet: null,
    problems: [{ file: options.file, row: null, column: null, message }],
  });
  // Loaded on first use: most commands and requests never read a workbook.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`файл XLSX повреждён или обрезан, прочитать его нельзя (${reason.slice(0, 200)})`);
  }
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => `«${s.name}»`).join(', ');
  const sheet = options.sheet
    ? sheets.find((s) => s.name.trim().toLowerCase() === options.sheet?.trim().toLowerCase())
    : (sheets.find((s) => s.state === 'visible' && s.actualRowCount > 0) ?? sheets[0]);
  if (!sheet)
    return fail(
      options.sheet
        ? `в книге нет листа «${options.sheet}»; есть листы: ${names || 'нет ни одного'}`
        : 'в книге нет ни одного листа',
    );

  const rows: RawRow[] = [];
  const mergedFromAbove = new Map<number, Set<number>>();
  const formulaCells = new Map<number, Set<number>>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const merged = new Set<number>();
    const formulas = new Set<number>();
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const source = cell.isMerged ? cell.master : cell;
      const { text, fromFormula } = cellText(source);
      cells[col - 1] = text;
      if (fromFormula) formulas.add(col - 1);
      if (cell.isMerged && cell.master !== cell && Number(cell.master.row) < rowNumber)
        merged.add(col - 1);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
    if (cells.every((c) => c === '')) return;
    if (merged.size > 0) mergedFromAbove.set(rows.length, merged);
    if (formulas.size > 0) formulaCells.set(rows.length, formulas);
    rows.push({ line: rowNumber, cells });
  });
  return {
    table: { file: options.file, rows, mergedFromAbove, formulaCells },
    sheet: sheet.name,
    problems,
  };
}

type CellValue = ExcelJS.CellValue;

const isFormula = (
  value: CellValue,
): value is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Date) &&
  ('formula' in value || 'sharedFormula' in value);

/**
 * The text of a cell and whether it is a formula's saved result. A formula without a result
 * (a file written by a program that does not calculate) stays `=…`, which the import refuses.
 */
function cellText(cell: ExcelJS.Cell): { text: string; fromFormula: boolean } {
  const value = cell.value;
  if (!isFormula(value)) return { text: valueText(value, cell.numFmt), fromFormula: false };
  const result = value.result;
  if (result === undefined || result === null) {
    const formula = cell.formula ?? ('sharedFormula' in value ? value.sharedFormula : '');
    return { text: `=${formula}`, fromFormula: false };
  }
  return { text: valueText(result as CellValue, cell.numFmt), fromFormula: true };
}

function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (typeof numFmt === 'string' && numFmt.includes('%'))
      return `${Number((value * 100).toPrecision(12))}%`;
    return String(value);
  }
  if (typeof value === 'string') return cleanCell(value);
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return cleanCell(value.richText.map((r) => r.text).join(''));
  if ('text' in value && typeof value.text === 'string') return cleanCell(value.text);
  if ('error' in value) return String(value.error);
  return cleanCell(String(value));
}
