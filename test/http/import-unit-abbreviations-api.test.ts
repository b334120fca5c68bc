import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/domain/import-preview.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const table = (...rows: string[]) => ['ОМСУ;Показатель;Период;Значение', ...rows].join('\r\n');

describe.each(testDatabases())('abbreviated municipality names on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());
  const preview = async (text: string) => {
    const res = await staff.call('POST', '/api/imports/preview', staff.analyst, {
      fileName: 'сокращения.csv',
      type: 'csv',
      base64: Buffer.from(text).toString('base64'),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as ImportPreview;
  };

  it('«р-н», «МР», «ГО», «г.о.», «МО», «ЗАТО», «пос.» are read like the full words', async () => {
    const p = await preview(
      table(
        'Бузулукский р-н;sed_signed_share;2022;80',
        'Саракташский МР;sed_signed_share;2022;81',
        'Гайский ГО;sed_signed_share;2022;82',
        'Ясненский г.о.;sed_signed_share;2022;83',
        'МО г. Бузулук;sed_signed_share;2022;84',
        'Закрытое административно-территориальное образование Комаровский;sed_signed_share;2022;85',
        'ЗАТО пос. Комаровский;sed_signed_share;2023;86',
      ),
    );
    expect(p.problems).toEqual([]);
    expect(p.unknownNames).toEqual([]);
    expect([...p.inserts, ...p.updates].map((v) => [v.row, v.municipality.code, v.period])).toEqual(
      expect.arrayContaining([
        [2, 'buzulukskiy-district', '2022'],
        [3, 'saraktashskiy-district', '2022'],
        [4, 'gayskiy-go', '2022'],
        [5, 'yasnenskiy-go', '2022'],
        [6, 'buzuluk-city', '2022'],
        [7, 'komarovsky-zato', '2022'],
        [8, 'komarovsky-zato', '2023'],
      ]),
    );
    expect(p.counts.valuesRead).toBe(7);
  });

  it('a name like no unit of the registry still gets the closest units to choose from', async () => {
    const p = await preview(table('Москва;sed_signed_share;2022;70'));
    expect(p.unknownNames).toHaveLength(1);
    expect(p.unknownNames[0]?.candidates).toHaveLength(3);
    expect(p.problems[0]?.message).toMatch(
      /^неизвестное муниципальное образование «Москва»; ближайшие: «[^»]+» \([a-z-]+\), «/,
    );
    expect(p.problems[0]?.message).not.toMatch(/похожих/);
  });
});
