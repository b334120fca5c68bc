import ExcelJS from 'exceljs';
import type { ColumnMapping } from '../../src/domain/import-mapping.js';

/** Table 1 of the seed: the place column is ignored, the two value columns are indicators. */
export const TABLE1_MAPPING: ColumnMapping = {
  format: 'wide',
  unitColumn: 'Наименование ОМСУ',
  columns: [
    { column: 'Значение показателя рейтинга', indicator: 'rating_2016' },
    { column: 'Количество зарегистрированных граждан', indicator: 'esia_per_1000' },
  ],
};

/** Table 2 of the seed: registrations per month and in total; the rest is derived or plan. */
export const TABLE2_MAPPING: ColumnMapping = {
  format: 'wide',
  unitColumn: 'Наименование ОМСУ',
  columns: [
    { column: 'Кол-во регистраций за январь 2017 года', indicator: 'esia_new', period: '2017-01' },
    { column: 'Кол-во регистраций за февраль 2017 года', indicator: 'esia_new', period: '2017-02' },
    { column: 'Всего регистраций на 01.03.2017', indicator: 'esia_total', period: '2017-03-01' },
  ],
};

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1251 bytes of a text (Cyrillic and ASCII only), for files as Russian Excel saves them. */
export function cp1251(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'ё') return 0xb8;
      if (ch === 'Ё') return 0xa8;
      if (ch === '№') return 0xb9;
      return 0x3f;
    }),
  );
}

const KOI8_LOWER = 'юабцдефгхийклмнопярстужвьызшэщчъ';

/** KOI8-R bytes: an encoding the import does not read, and must say so. */
export function koi8r(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      const lower = KOI8_LOWER.indexOf(ch);
      if (lower !== -1) return 0xc0 + lower;
      const upper = KOI8_LOWER.indexOf(ch.toLowerCase());
      return upper !== -1 ? 0xe0 + upper : 0x3f;
    }),
  );
}

/**
 * A formula cell: its text and, as Excel and LibreOffice save it, its cached result; a
 * formula copied down a column is one shared formula (`shareType`, `ref` on the first cell).
 */
type FormulaCell =
  | { formula: string; result?: number; shareType?: 'shared'; ref?: string }
  | { sharedFormula: string; result?: number };

/** An XLSX workbook built cell by cell: `rows[r][c]` is a value or a formula cell. */
export async function xlsx(
  rows: (string | number | Date | FormulaCell | null)[][],
  options: { sheet?: string; merges?: string[] } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheet ?? 'Лист1');
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
