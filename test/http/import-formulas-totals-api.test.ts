import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/domain/import-preview.js';
import { testDatabases } from '../support/databases.js';
import { xlsx } from '../support/import-fixtures.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe.each(testDatabases())('formula cells and total rows on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());
  const stored = async (code: string, period: string) =>
    (
      await sql<{ value: number }>`SELECT o.value FROM observation o
        JOIN indicator i ON i.id = o.indicator_id JOIN municipality m ON m.id = o.municipality_id
        WHERE i.code = 'sed_signed_share' AND m.code = ${code} AND o.period = ${period}`.execute(
        staff.instance.handle.db,
      )
    ).rows.map((r) => Number(r.value));

  it('takes the result a formula saved, says so, and skips «Итого» and «Всего по области»', async () => {
    // As an official's workbook computes the share: signed / all × 100, copied down the
    // column (a shared formula), with a total row below that no municipality is.
    const bytes = await xlsx([
      ['Место', 'ОМСУ', 'Подписано ЭП', 'Всего документов', 'sed_signed_share'],
      [
        1,
        'г.Бузулук',
        455,
        500,
        { formula: 'ROUND(C2/D2*100,1)', result: 91, shareType: 'shared', ref: 'E2:E3' },
      ],
      [2, 'г.Орск', 354, 400, { sharedFormula: 'E2', result: 88.5 }],
      [null, 'Итого', 809, 900, { formula: 'E2+E3', result: 179.5 }],
      ['Всего по области', null, 809, 900, { formula: 'C5/D5*100', result: 89.9 }],
    ]);
    const payload = { fileName: 'СЭД 2021.xlsx', base64: base64(bytes), period: '2021' };
    const res = await staff.call('POST', '/api/imports/preview', staff.analyst, payload);
    expect(res.statusCode).toBe(200);
    const p = res.json() as ImportPreview;
    expect(p.problems).toEqual([]);
    expect(p.unknownNames).toEqual([]);
    expect(p.totalRows).toEqual([
      { row: 4, name: 'Итого' },
      { row: 5, name: 'Всего по области' },
    ]);
    expect(p.formulaValues).toEqual({
      count: 2,
      cells: [
        { row: 2, column: 'sed_signed_share' },
        { row: 3, column: 'sed_signed_share' },
      ],
    });
    expect(p.ignoredColumns).toEqual(['Место', 'Подписано ЭП', 'Всего документов']);
    expect(p.counts).toMatchObject({ valuesRead: 2, insert: 2, problems: 0 });

    const commit = await staff.call('POST', '/api/imports', staff.analyst, payload);
    expect(commit.statusCode).toBe(200);
    expect(await stored('buzuluk-city', '2021')).toEqual([91]);
    expect(await stored('orsk-city', '2021')).toEqual([88.5]);
  });

  it('refuses a formula saved without its result, naming row and column, writing nothing', async () => {
    const bytes = await xlsx([
      ['ОМСУ', 'Период', 'sed_signed_share'],
      ['г.Бузулук', '2020', 90],
      ['г.Орск', '2020', { formula: 'C2-1' }],
    ]);
    const res = await staff.call('POST', '/api/imports', staff.analyst, {
      fileName: 'без результата.xlsx',
      base64: base64(bytes),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().preview.problems).toEqual([
      {
        file: 'без результата.xlsx',
        row: 3,
        column: 'sed_signed_share',
        message:
          'в ячейке формула «=C2-1» без сохранённого результата: откройте и сохраните файл в Excel или LibreOffice (они сохраняют результат) или вставьте значения (Специальная вставка → Значения) и импортируйте снова',
      },
    ]);
    expect(await stored('buzuluk-city', '2020')).toEqual([]);
  });
});
