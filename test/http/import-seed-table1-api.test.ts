import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/domain/import-preview.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

// Table 1 of the seed as copied from the document: caption, blank line, header with a link,
// <b> tags, and a blank line between rows 26 and 27.
const TABLE1 = readFileSync(new URL('../fixtures/seed-table1-pasted.txt', import.meta.url), 'utf8');

describe.each(testDatabases())('the seed Table 1 pasted without a mapping, on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  it('is read by its headers: 41 units × 2 indicators, the place column the only one unused', async () => {
    const res = await staff.call('POST', '/api/imports/preview', staff.analyst, {
      fileName: 'Таблица 1',
      text: TABLE1,
      period: '01.03.2016',
    });
    expect(res.statusCode).toBe(200);
    const p = res.json() as ImportPreview;
    expect(p.problems).toEqual([]);
    expect(p.headerRow).toBe(3);
    expect(p.readAs).toBe('вставленный текст; UTF-8; разделитель табуляция; широкий формат');
    expect(p.columns).toEqual([
      {
        column: 'Значение показателя рейтинга (максимально возможное значение – 1)',
        indicator: {
          code: 'rating_2016',
          name: 'Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)',
        },
        period: null,
      },
      {
        column:
          'Количество зарегистрированных граждан в на портале госуслуг ( http://gosuslugi.ru ) на 1 тыс. человек, проживающих в ОМСУ',
        indicator: {
          code: 'esia_per_1000',
          name: 'Количество зарегистрированных граждан на портале госуслуг на 1 тыс. человек, проживающих в ОМСУ',
        },
        period: null,
      },
    ]);
    expect(p.ignoredColumns).toEqual(['Место в рейтинге ОМСУ']);
    expect(p.counts).toEqual({
      valuesRead: 82,
      insert: 0,
      update: 0,
      unchanged: 82,
      missing: 0,
      problems: 0,
    });
  });

  it('imports for another month: 82 new values, г.Орск 0,313 and 14,37 from line 9', async () => {
    const res = await staff.call('POST', '/api/imports', staff.analyst, {
      fileName: 'Таблица 1',
      text: TABLE1,
      period: '2016-04',
    });
    expect(res.statusCode).toBe(200);
    const { outcome, preview } = res.json() as { outcome: string; preview: ImportPreview };
    expect(outcome).toBe('committed');
    expect(preview.counts).toMatchObject({ insert: 82, update: 0, unchanged: 0 });
    // Caption, blank line, header, places 1–5: г.Орск (place 6) is line 9.
    expect(preview.inserts.filter((v) => v.row === 9)).toEqual([
      {
        row: 9,
        municipality: { code: 'orsk-city', name: 'г.Орск' },
        indicator: 'rating_2016',
        indicatorName: 'Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)',
        period: '2016-04',
        value: 0.313,
      },
      {
        row: 9,
        municipality: { code: 'orsk-city', name: 'г.Орск' },
        indicator: 'esia_per_1000',
        indicatorName:
          'Количество зарегистрированных граждан на портале госуслуг на 1 тыс. человек, проживающих в ОМСУ',
        period: '2016-04',
        value: 14.37,
      },
    ]);
  });
});
