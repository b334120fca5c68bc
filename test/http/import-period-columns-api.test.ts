import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/domain/import-preview.js';
import { testDatabases } from '../support/databases.js';
import { xlsx } from '../support/import-fixtures.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

/** Where each previewed value goes: row, indicator and period, inserts and updates alike. */
const periodsOf = (p: ImportPreview) =>
  [...p.inserts, ...p.updates]
    .map((v) => [v.row, v.indicator, v.period])
    .sort((a, b) => Number(a[0]) - Number(b[0]));

describe.each(testDatabases())('period columns as officials name them, on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());
  const preview = async (payload: object) => {
    const res = await staff.call('POST', '/api/imports/preview', staff.analyst, payload);
    expect(res.statusCode).toBe(200);
    return res.json() as ImportPreview;
  };

  it.each([
    ['Период', 'sed_signed_share', '2022', '2022'],
    ['Отчётный период', 'esia_new', 'март 2017', '2017-03'],
    ['Дата', 'esia_total', '01.03.2017', '2017-03-01'],
    ['Месяц', 'esia_new', '2017-03', '2017-03'],
    ['Год', 'sed_signed_share', '2022', '2022'],
    ['Период', 'esia_new', 'I квартал 2017', '2017-Q1'],
  ])(
    'a long table with «%s» reads %s for %s as %s; no used column is called unused',
    async (header, indicator, text, period) => {
      const p = await preview({
        fileName: 'отчёт.csv',
        type: 'csv',
        base64: Buffer.from(
          `ОМСУ;Показатель;${header};Значение\r\nг.Орск;${indicator};${text};77\r\n`,
        ).toString('base64'),
      });
      expect(p.problems).toEqual([]);
      expect(periodsOf(p)).toEqual([[2, indicator, period]]);
      expect(p.ignoredColumns).toEqual([]);
    },
  );

  it('a wide table with «Год» and «Месяц» reads each row in its month; a note column is the only unused one', async () => {
    const text = [
      'ОМСУ\tГод\tМесяц\tesia_new\tПримечание',
      'г.Орск\t2017\t3\t1 200\t',
      'г.Орск\t2017\tапрель\t1 300\tуточнено',
    ].join('\n');
    const p = await preview({ fileName: 'месяцы.txt', text });
    expect(p.problems).toEqual([]);
    expect(periodsOf(p)).toEqual([
      [2, 'esia_new', '2017-03'],
      [3, 'esia_new', '2017-04'],
    ]);
    expect(p.ignoredColumns).toEqual(['Примечание']);
  });

  it('an XLSX date under «Месяц» is that month; a period it cannot read is located by row and column', async () => {
    const bytes = await xlsx([
      ['ОМСУ', 'Месяц', 'esia_new'],
      ['г.Орск', new Date(Date.UTC(2017, 4, 1)), 900],
      ['г.Бузулук', 'тринадцатый', 950],
    ]);
    const p = await preview({
      fileName: 'даты.xlsx',
      base64: Buffer.from(bytes).toString('base64'),
    });
    expect(p.problems).toEqual([
      {
        file: 'даты.xlsx',
        row: 3,
        column: 'Месяц',
        message:
          'период «тринадцатый» не распознан (ожидается 2022, март 2017, 2017-03, I квартал 2017 или 01.03.2017)',
      },
    ]);
    expect(p.counts.valuesRead).toBe(1);
    expect(p.summary).toMatch(/Ничего не записано/);
  });
});
