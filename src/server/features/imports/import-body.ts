import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import { ColumnMapping } from '../../../domain/import-mapping.js';
import type { ImportRequest } from './import-service.js';

/** A file as JSON: pasted text as is, or any file's bytes in base64. */
export const ImportBody = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  text: Type.Optional(Type.String({ description: 'вставленный текст (таблица с табуляциями)' })),
  base64: Type.Optional(Type.String({ description: 'содержимое файла CSV или XLSX в base64' })),
  type: Type.Optional(
    Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('text')]),
  ),
  encoding: Type.Optional(Type.Union([Type.Literal('utf8'), Type.Literal('cp1251')])),
  delimiter: Type.Optional(Type.Union([Type.Literal(';'), Type.Literal(','), Type.Literal('\t')])),
  sheet: Type.Optional(Type.String({ maxLength: 100 })),
  format: Type.Optional(Type.Union([Type.Literal('long'), Type.Literal('wide')])),
  period: Type.Optional(Type.String({ maxLength: 20 })),
  mapping: Type.Optional(ColumnMapping),
  mappingName: Type.Optional(Type.String({ maxLength: 100 })),
  saveMappingAs: Type.Optional(Type.String({ maxLength: 100 })),
  sourceSystem: Type.Optional(Type.String({ maxLength: 100 })),
  aliases: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String({ maxLength: 300 }),
        municipality: Type.String({ maxLength: 100 }),
      }),
      { maxItems: 200 },
    ),
  ),
  indicatorAliases: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String({ maxLength: 300, description: 'заголовок графы или название в файле' }),
        indicator: Type.String({ maxLength: 100, description: 'код показателя' }),
      }),
      { maxItems: 200 },
    ),
  ),
  /** Commit only: the SHA-256 the user saw in the preview; another file is refused. */
  expectedSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
});
export type ImportBody = Type.Static<typeof ImportBody>;

export function toRequest(body: ImportBody): ImportRequest {
  const bytes =
    body.base64 !== undefined
      ? new Uint8Array(Buffer.from(body.base64, 'base64'))
      : new TextEncoder().encode(body.text ?? '');
  return {
    fileName: body.fileName,
    bytes,
    kind: body.type ?? (body.base64 === undefined ? 'text' : undefined),
    encoding: body.encoding,
    delimiter: body.delimiter,
    sheet: body.sheet,
    format: body.format,
    period: body.period,
    mapping: body.mapping,
    mappingName: body.mappingName,
    saveMappingAs: body.saveMappingAs,
    sourceSystem: body.sourceSystem,
    aliases: body.aliases,
    indicatorAliases: body.indicatorAliases,
  };
}

/** A file travels as base64 in JSON: 80 MB of body carries a 50 MB spreadsheet. */
export const FILE_BODY_LIMIT = 80 * 1024 * 1024;

/** A commit names the SHA-256 the user saw in the preview; another file is refused (400). */
export function refuseOtherFile(request: ImportRequest, expectedSha256: string | undefined): void {
  if (expectedSha256 && createHash('sha256').update(request.bytes).digest('hex') !== expectedSha256)
    throw Object.assign(
      new Error('Файл отличается от того, что был в предпросмотре: ничего не записано'),
      { statusCode: 400 },
    );
}
