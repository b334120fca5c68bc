import ExcelJS from 'exceljs';
import { columnWidth, decimalsAt, type Tabular, type TabularColumn } from './tabular.js';

/** The Excel number format of a column: grouped thousands, its decimals, « %» where it is one. */
export function excelNumberFormat(column: TabularColumn, row = 0): string {
  const decimals = decimalsAt(column, row);
  const base = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  return column.percent ? `${base}" %"` : base;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Writes one table onto a new sheet of `workbook`, laid out to print on A4 landscape. */
export function addTabularSheet(workbook: ExcelJS.Workbook, table: Tabular): void {
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31));
  const widths = table.columns.map((_, i) => columnWidth(table, i));
  sheet.columns = widths.map((width) => ({ width }));

  sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, table.columns.length);
  const title = sheet.getCell(1, 1);
  title.font = { bold: true, size: 12 };
  title.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(1).height =
    18 * Math.ceil(table.title.length / widths.reduce((a, b) => a + b, 0) + 0.01);

  const headerRow = sheet.addRow(table.columns.map((c) => c.title));
  const headerLines = Math.max(
    ...table.columns.map((c, i) => Math.ceil(c.title.length / Math.max(1, (widths[i] ?? 10) - 1))),
  );
  headerRow.height = 14 * Math.max(1, headerLines) + 4;
  headerRow.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = BORDER;
  });

  for (const [index, values] of table.rows.entries()) {
    const row = sheet.addRow(values.map((v) => (v === null ? null : v)));
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      if (column.decimals !== undefined) {
        cell.numFmt = excelNumberFormat(column, index);
        cell.alignment = { horizontal: 'right' };
      } else cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  for (const note of table.notes ?? []) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, table.columns.length);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { italic: true, size: 9 };
  }

  // The header stays in view while scrolling and is printed again on every page.
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3', activeCell: 'B3' }];
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '2:2',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&LСтраница &P из &N' };
}

/** A workbook with one sheet per table, as the bytes of an .xlsx file. */
export async function tabularXlsx(tables: Tabular[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'munirank';
  for (const table of tables) addTabularSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
