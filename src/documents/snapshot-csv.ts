import { openDataColumns, type SnapshotTable } from './snapshot-table.js';
import { csvRu } from './tabular.js';

/**
 * A published snapshot as CSV that Russian Excel opens by a double click: UTF-8 with a BOM,
 * `;` between cells, a decimal comma, CRLF line ends.
 */
export function snapshotCsv(table: SnapshotTable): Buffer {
  const columns = openDataColumns(table);
  return Buffer.from(
    csvRu(
      columns.map((c) => c.header),
      table.rows.map((r) => columns.map((c) => c.cell(r))),
    ),
    'utf8',
  );
}
