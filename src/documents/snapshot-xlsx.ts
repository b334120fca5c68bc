import ExcelJS from 'exceljs';
import { openDataColumns, type SnapshotTable } from './snapshot-table.js';
import { excelNumberFormat } from './xlsx-tabular.js';

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
    style:
      c.decimals === null
        ? {}
        : { numFmt: excelNumberFormat({ title: c.header, decimals: c.decimals }) },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of table.rows) sheet.addRow(columns.map((c) => c.cell(r)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
