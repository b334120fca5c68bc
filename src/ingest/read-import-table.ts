import { decodeText, looksMisdecoded, type TextEncodingName } from './decode-text.js';
import { DELIMITER_NAMES, type Delimiter, indexDelimitedText } from './delimited-text.js';
import type { InputProblem } from './input-problem.js';
import type { RawTable } from './raw-table.js';
import { readXlsxTable } from './xlsx-table.js';

/** `text`: pasted from a document (tab-separated, tags in cells, quotes are plain characters). */
export type ImportFileKind = 'csv' | 'xlsx' | 'text';

export interface ReadImportTableOptions {
  file: string;
  kind?: ImportFileKind | undefined;
  encoding?: TextEncodingName | undefined;
  delimiter?: Delimiter | undefined;
  sheet?: string | undefined;
}

export interface ImportTable {
  table: RawTable;
  problems: InputProblem[];
  kind: ImportFileKind;
  encoding: TextEncodingName | 'utf16le' | null;
  delimiter: Delimiter | null;
  sheet: string | null;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Which reader a file needs: by its first bytes where they tell, else by its name. */
export function detectFileKind(file: string, bytes: Uint8Array): ImportFileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || /\.xlsx$/i.test(file)) return 'xlsx';
  if (/\.csv$/i.test(file)) return 'csv';
  return 'text';
}

/**
 * Turns the bytes of an uploaded or pasted file into a raw table, or says clearly why it
 * cannot: empty, binary, old XLS, damaged XLSX, wrong encoding, a quote left open.
 */
export async function readImportTable(
  bytes: Uint8Array,
  options: ReadImportTableOptions,
): Promise<ImportTable> {
  const kind = options.kind ?? detectFileKind(options.file, bytes);
  const result: ImportTable = {
    table: { file: options.file, rows: [] },
    problems: [],
    kind,
    encoding: null,
    delimiter: null,
    sheet: null,
  };
  const fail = (message: string) => {
    result.problems.push({ file: options.file, row: null, column: null, message });
    return result;
  };
  if (bytes.length === 0) return fail('файл пуст (0 байт)');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return fail(
      'формат XLS (Excel 97–2003) не поддерживается: сохраните файл как «Книга Excel (*.xlsx)» или CSV',
    );
  if (kind === 'xlsx') {
    const read = await readXlsxTable(bytes, { file: options.file, sheet: options.sheet });
    return { ...result, table: read.table, problems: read.problems, sheet: read.sheet };
  }

  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    result.encoding = 'utf16le';
  } else {
    const probe = bytes.subarray(0, 65_536);
    if (probe.includes(0))
      return fail(
        'файл не текстовый (в нём есть нулевые байты): ожидается CSV, текст с табуляциями или XLSX',
      );
    const decoded = decodeText(bytes, options.encoding);
    text = decoded.text;
    result.encoding = decoded.encoding;
    if (looksMisdecoded(text, decoded.encoding)) {
      return fail(
        decoded.encoding === 'utf8'
          ? 'текст не читается как UTF-8 (встречаются недопустимые байты): вероятно, файл в кодировке Windows-1251 — уберите --encoding utf8 или укажите --encoding cp1251'
          : 'текст в кодировке Windows-1251 выглядит как искажённый UTF-8 или KOI8-R: сохраните файл в UTF-8 или Windows-1251 и уберите --encoding',
      );
    }
  }
  const parsed = indexDelimitedText(text, {
    file: options.file,
    delimiter: options.delimiter ?? (kind === 'text' ? '\t' : undefined),
    quoting: kind === 'csv',
  });
  result.delimiter = parsed.delimiter;
  result.table = { file: options.file, rows: parsed.rows };
  result.problems.push(...parsed.problems);
  return result;
}

export const describeDelimiter = (d: Delimiter) => DELIMITER_NAMES[d];
