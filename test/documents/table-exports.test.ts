import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { convertWithLibreOffice, pdfText, squeeze } from '../support/office-tools.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const officeTools = inject('officeTools');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Table 1's place-1 row and Table 2's г.Бузулук row as the seed prints them (Russian format). */
const TABLE1_FIRST = '1 Соль-Илецкий городской округ 0,574 34,71';
// 7 694 in 2016, 1 010 and 1 105 in January and February, target 14 480, the year's plan
// 14 480 − 7 694 = 6 786, a month's 6 786 / 12 = 565,5; January 1 010 / 565,5 = 178,60 %,
// February 195,40 %, the year (1 010 + 1 105) / 6 786 = 31,17 %; 10 176 registered of
// 85 199 people = 11,94 %.
const TABLE2_BUZULUK =
  'г.Бузулук 7 694 1 010 1 105 14 480 6 786 565,5 178,60 % 195,40 % 31,17 % 10 176 85 199 11,94 %';

async function workbook(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe.each(testDatabases())('tables as files on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  const download = async (url: string, headers = staff.analyst) => {
    const res = await staff.call('GET', url, headers);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res;
  };

  it('writes Table 1 as an XLSX of numeric cells, laid out for A4 landscape with a frozen header', async () => {
    const res = await download('/api/ratings/orenburg-2016-03-table1/table?format=xlsx');
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(
      "filename*=UTF-8''%D0%A2%D0%B0%D0%B1%D0%BB%D0%B8%D1%86%D0%B0%201%20orenburg-2016-03-table1.xlsx",
    );
    const book = await workbook(res.rawPayload);
    const sheet = book.getWorksheet('Таблица 1');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getCell('A1').value).toBe(
      'Таблица 1. Рейтинг ОМСУ по уровню развития информационного общества на 01.03.2016',
    );
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'Место в рейтинге ОМСУ',
      'Наименование ОМСУ',
      'Значение показателя рейтинга (максимально возможное значение – 1)',
      'Количество зарегистрированных граждан на портале госуслуг на 1 тыс. человек, проживающих в ОМСУ',
    ]);
    const first = sheet.getRow(3);
    expect([1, 2, 3, 4].map((c) => first.getCell(c).value)).toEqual([
      1,
      'Соль-Илецкий городской округ',
      0.574,
      34.71,
    ]);
    expect(first.getCell(3).numFmt).toBe('#,##0.000');
    expect(first.getCell(4).numFmt).toBe('#,##0.00');
    const last = sheet.getRow(43);
    expect([1, 2, 3, 4].map((c) => last.getCell(c).value)).toEqual([
      41,
      'Абдулинский городской округ',
      0.053,
      10.6,
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });

  it('writes Table 2 computed from stored data, in the seed layout, as XLSX, CSV and PDF', async () => {
    const xlsx = await download('/api/plan-reports/orenburg-2017-esia/table?format=xlsx', {});
    const sheet = (await workbook(xlsx.rawPayload)).getWorksheet('Таблица 2');
    const row = sheet?.getRow(3);
    expect(row?.getCell(1).value).toBe('г.Бузулук');
    expect([2, 3, 4, 5, 6, 7, 11, 12].map((c) => row?.getCell(c).value)).toEqual([
      7694, 1010, 1105, 14480, 6786, 565.5, 10176, 85199,
    ]);
    expect(row?.getCell(8).value).toBeCloseTo((1010 / 565.5) * 100, 10);
    expect(row?.getCell(8).numFmt).toBe('#,##0.00" %"');

    const csv = (await download('/api/plan-reports/orenburg-2017-esia/table?format=csv', {})).body;
    expect(csv.startsWith('\uFEFFНаименование ОМСУ;Кол-во регистраций за 2016 год;')).toBe(true);
    expect(csv.split('\r\n')[1]).toMatch(
      /^г\.Бузулук;7694;1010;1105;14480;6786;565,5;178,60300\d+;195,40/,
    );

    const pdf = await download('/api/plan-reports/orenburg-2017-esia/table?format=pdf', {});
    expect(pdf.headers['content-type']).toBe('application/pdf');
    if (!officeTools) return;
    const text = squeeze(pdfText(pdf.rawPayload));
    expect(text).toContain(TABLE2_BUZULUK);
    for (const name of ['Бузулукский', 'Гайский', 'Илекский']) expect(text).toContain(name);
    // Every digit made it into the text layer (no glyph lost to a font subset).
    for (const digit of '0123456789') expect(text).toContain(digit);
  });

  it.runIf(officeTools && kind.name === 'sqlite')(
    'opens in a real LibreOffice: Table 1 and Table 2 read as the seed prints them',
    async () => {
      const table1 = await download('/api/ratings/orenburg-2016-03-table1/table?format=xlsx');
      const text1 = squeeze(pdfText(convertWithLibreOffice(table1.rawPayload, 'xlsx')));
      expect(text1).toContain(TABLE1_FIRST);
      expect(text1).toContain('41 Абдулинский городской округ 0,053 10,60');
      const table2 = await download('/api/plan-reports/orenburg-2017-esia/table?format=xlsx', {});
      const text2 = squeeze(pdfText(convertWithLibreOffice(table2.rawPayload, 'xlsx')));
      expect(text2).toContain(TABLE2_BUZULUK);
    },
  );

  it('prints Table 1 as a PDF whose text layer holds every name and figure', async () => {
    const pdf = await download('/api/ratings/orenburg-2016-03-table1/table?format=pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!officeTools) return;
    const text = squeeze(pdfText(pdf.rawPayload));
    expect(text).toContain(TABLE1_FIRST);
    expect(text).toContain('36 Грачёвский район 0,090 21,66');
    expect(text).toContain('38 Пономарёвский район 0,077 15,33');
  });

  it('exports the staff tables: values, the collection board, the measure summary, the audit trail', async () => {
    const values = await download(
      '/api/values/export?municipality=buzuluk-city&period=2017-02&format=xlsx',
    );
    const valueSheet = (await workbook(values.rawPayload)).getWorksheet('Значения');
    const esia = valueSheet
      ?.getRows(3, valueSheet.rowCount - 2)
      ?.find((r) => r.getCell(4).value === 'esia_new');
    expect(esia?.getCell(1).value).toBe('г.Бузулук');
    expect(esia?.getCell(6).value).toBe('2017-02');
    expect(esia?.getCell(7).value).toBe(1105);

    const board = await download('/api/collection-board/2017-02/export?format=csv');
    expect(board.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = board.body.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFОМСУ;Статус;Не начато;Заполнено показателей;Всего показателей;Отправлено;Опоздание;Комментарий',
    );
    expect(lines.length).toBeGreaterThan(41);

    const summary = await download('/api/measure-summary/2017/export?format=xlsx');
    const book = await workbook(summary.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'По кварталам',
      'По ответственным',
      'Просроченные',
    ]);

    const audit = await staff.call('GET', '/api/audit-events/export?format=xlsx', staff.analyst);
    expect(audit.statusCode).toBe(403);
    const refused = await staff.call('GET', '/api/values/export?format=doc', staff.analyst);
    expect(refused.statusCode).toBe(400);
  });

  it('keeps an official to their own municipality in the values export', async () => {
    const res = await staff.call(
      'GET',
      '/api/values/export?municipality=orsk-city&format=csv',
      staff.official,
    );
    expect(res.statusCode).toBe(403);
    const own = await download('/api/values/export?period=2017-02&format=csv', staff.official);
    const names = new Set(
      own.body
        .split('\r\n')
        .slice(1)
        .filter((l) => l !== '')
        .map((l) => l.split(';')[0]),
    );
    expect([...names]).toEqual(['г.Бузулук']);
  });
});
