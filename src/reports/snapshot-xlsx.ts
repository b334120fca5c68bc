import ExcelJS from 'exceljs';
import { openDataColumns, type SnapshotTable } from './snapshot-table.js';

/** An Excel number format with grouping and fixed decimals; Russian Excel shows 1 234,56. */
const numberFormat = (decimals: number): string =>
  decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';

/**
 * A published snapshot as XLSX: numbers are numeric cells with the snapshot's decimals, the
 * header row is frozen and bold. Dated by the publication, so the same snapshot gives the
 * same workbook.
 */
export async function snapshotXlsx(table: SnapshotTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const date = new Date(table.publishedAt ?? `${table.asOf}T00:00:00Z`);
  workbook.creator = 'munirank';
  workbook.created = date;
  workbook.modified = date;
  const sheet = workbook.addWorksheet('Рейтинг', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = openDataColumns(table);
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.decimals === null ? 32 : 16,
    style: c.decimals === null ? {} : { numFmt: numberFormat(c.decimals) },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of table.rows) sheet.addRow(columns.map((c) => c.cell(r)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
