import ExcelJS from 'exceljs';
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
 * header is recognised. A formula is kept as `=…`: the import refuses it with its row and
 * column instead of trusting a cached result that may be stale or absent.
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
  const workbook = new ExcelJS.Workbook();
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
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const merged = new Set<number>();
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const source = cell.isMerged ? cell.master : cell;
      cells[col - 1] = cellText(source);
      if (cell.isMerged && cell.master !== cell && Number(cell.master.row) < rowNumber)
        merged.add(col - 1);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
    if (cells.every((c) => c === '')) return;
    if (merged.size > 0) mergedFromAbove.set(rows.length, merged);
    rows.push({ line: rowNumber, cells });
  });
  return { table: { file: options.file, rows, mergedFromAbove }, sheet: sheet.name, problems };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (typeof cell.numFmt === 'string' && cell.numFmt.includes('%'))
      return `${Number((value * 100).toPrecision(12))}%`;
    return String(value);
  }
  if (typeof value === 'string') return cleanCell(value);
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = cell.formula ?? ('sharedFormula' in value ? value.sharedFormula : '');
    return `=${formula}`;
  }
  if ('richText' in value) return cleanCell(value.richText.map((r) => r.text).join(''));
  if ('text' in value && typeof value.text === 'string') return cleanCell(value.text);
  if ('error' in value) return String(value.error);
  return cleanCell(String(value));
}
