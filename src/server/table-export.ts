import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { tabularPdf } from '../documents/pdf-tabular.js';
import { type Tabular, tabularCsv } from '../documents/tabular.js';
import { tabularXlsx } from '../documents/xlsx-tabular.js';
import { attachmentDisposition } from './content-disposition.js';

export const TABLE_FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

export type TableFormat = keyof typeof TABLE_FORMATS;

/**
 * The query of a table's download: the table's own filters (`properties`) and
 * `format=xlsx|csv|pdf`, which `formats` narrows to what the table offers.
 */
export function tableFormatQuery<P extends Type.TProperties = Record<never, never>>(
  formats: TableFormat[] = ['xlsx', 'csv', 'pdf'],
  properties: P = {} as P,
) {
  return Type.Object({
    ...properties,
    format: Type.Union(
      formats.map((f) => Type.Literal(f as TableFormat)),
      { description: `формат файла: ${formats.join(', ')}` },
    ),
  });
}

/**
 * Tables as one file: a workbook with a sheet per table, CSV for Russian Excel (tables one
 * after another) or a PDF on A4 landscape.
 */
export async function tableFile(tables: Tabular[], format: TableFormat): Promise<Buffer> {
  if (format === 'xlsx') return tabularXlsx(tables);
  if (format === 'pdf') return tabularPdf(tables, tables[0]?.title ?? 'munirank');
  return Buffer.from(tabularCsv(tables), 'utf8');
}

/** Sends a file to download as `fileName`; never cached (what staff download changes). */
export function sendDownload(
  reply: FastifyReply,
  bytes: Buffer,
  contentType: string,
  fileName: string,
): FastifyReply {
  return reply
    .type(contentType)
    .header('content-disposition', attachmentDisposition(fileName))
    .header('cache-control', 'no-store')
    .send(bytes);
}

/** Sends tables as a download named `{name}.{format}`. */
export async function sendTable(
  reply: FastifyReply,
  tables: Tabular | Tabular[],
  name: string,
  format: TableFormat,
): Promise<FastifyReply> {
  const bytes = await tableFile(Array.isArray(tables) ? tables : [tables], format);
  return sendDownload(reply, bytes, TABLE_FORMATS[format], `${name}.${format}`);
}
