import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

// Two snapshots of one series (methodology «portal-series»): version 1 ranks Table 1 by its
// rating value, version 2 by ЕСИА registrations per 1000. Worked out from Table 1 alone:
// Грачёвский район is 36th by 0,090 and 14th by 21,66 (13 units above it), so +22 places.
const TABLE1 = 'orenburg-2016-03-table1';
const FIRST = 'portal-series-a';
const SECOND = 'portal-series-b';
const DRAFT = 'portal-series-draft';
const v1 = methodologyOf('portal-series', 'Серия портала', [RATING_VALUE]);
const v2 = {
  ...methodologyOf('portal-series', 'Серия портала', [ESIA_PER_1000]),
  version: 2,
  colourThresholds: [
    { from: 0, colour: '#c62828', label: 'низкий' },
    { from: 50, colour: '#2e7d32', label: 'высокий' },
  ],
};
const rating = (code: string, asOf: string, methodology: object) => ({
  code,
  title: `Рейтинг ${code}`,
  period: '2016-03-01',
  asOf,
  methodology,
});

const rowsOf = (page: string) => page.match(/<tr data-testid="rating-row"[\s\S]*?<\/tr>/g) ?? [];

describe.each(testDatabases())('public portal pages on $name', (kind) => {
  let staff: StaffApp;
  const get = (url: string, headers: Record<string, string> = {}) =>
    staff.call('GET', url, headers);

  beforeAll(async () => {
    staff = await openStaffApp(kind);
    for (const body of [
      rating(FIRST, '2016-04-01', v1),
      rating(SECOND, '2016-05-01', v2),
      rating(DRAFT, '2016-06-01', v2),
    ])
      expect((await staff.call('POST', '/api/ratings', staff.analyst, body)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await staff?.close();
  });

  it('shows the latest published snapshot on the landing page, as HTML with a title and description', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="ru">');
    // The 2022 TOP-10 (published 2023-02-16) is the newest of the demo's two.
    expect(res.body).toContain(
      '<title>Рейтинг цифрового развития муниципальных образований за 2022 год: ТОП-10 — рейтинг ОМСУ</title>',
    );
    expect(res.body).toMatch(/<meta name="description" content="[^"]+2022 год[^"]*16\.02\.2023/);
    expect(rowsOf(res.body)).toHaveLength(10);
  });

  it('answers a snapshot page with a strong ETag, a cache lifetime and 304 when unchanged', async () => {
    const res = await get(`/rating/${TABLE1}`);
    expect(res.statusCode).toBe(200);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const again = await get(`/rating/${TABLE1}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('lists Table 1 with real links, filters by kind and finds «Грачёвский» typed «грачевский»', async () => {
    const page = (await get(`/rating/${TABLE1}`)).body;
    const rows = rowsOf(page);
    expect(rows).toHaveLength(41);
    const grachevsky = rows.find((r) => r.includes('Грачёвский район')) ?? '';
    expect(grachevsky).toContain('href="/municipalities/grachevskiy-district"');
    expect(grachevsky).toContain('>36</td>');
    expect(grachevsky).toContain('>0,090</td>');
    expect(grachevsky).toContain('>21,66</td>');
    // Without JavaScript the form submits to the same page.
    const found = rowsOf(
      (await get(`/rating/${TABLE1}?q=${encodeURIComponent('грачевский')}`)).body,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Грачёвский район');
    // Table 1 has 12 city okrugs among its 41 units.
    expect(rowsOf((await get(`/rating/${TABLE1}?kind=city_okrug`)).body)).toHaveLength(12);
    expect(page).toContain('<a href="/open-data/orenburg-2016-03-table1.csv" download>CSV</a>');
  });

  it('shows the change of place against the previous published snapshot of the series, and the colour bands', async () => {
    for (const code of [FIRST, SECOND])
      expect(
        (await staff.call('POST', `/api/ratings/${code}/publish`, staff.analyst, {})).statusCode,
      ).toBe(200);
    const page = (await get(`/rating/${SECOND}`)).body;
    expect(page).toContain(`по сравнению с рейтингом <a href="/rating/${FIRST}">`);
    const grachevsky = rowsOf(page).find((r) => r.includes('Грачёвский район')) ?? '';
    expect(grachevsky).toMatch(/^<tr[^>]*><td class="num" data-value="14">14<\/td>/);
    expect(grachevsky).toContain('data-value="22"');
    expect(grachevsky).toContain('+22');
    expect(grachevsky).toContain('было 36');
    // ЕСИА 21,66 on min–max 4,79…39,83 is 48,1 points: below 50, «низкий» (the first band).
    expect(grachevsky).toContain('tone-0');
    expect(grachevsky).toContain('>48,1</td>');
    const saraktash = rowsOf(page).find((r) => r.includes('Саракташский район')) ?? '';
    expect(saraktash).toContain('tone-1');
    const css = await get(`/rating/${SECOND}/colours.css`);
    expect(css.body).toBe('.tone-0{background:#c62828}\n.tone-1{background:#2e7d32}');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The first of a series has nothing to compare with.
    expect((await get(`/rating/${FIRST}`)).body).not.toContain('Изменение</th>');
  });

  it('never shows a draft: its pages and files are not found, and no page names it', async () => {
    for (const url of [`/rating/${DRAFT}`, `/open-data/${DRAFT}.csv`, `/open-data/${DRAFT}.json`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('portal-series-draft');
    }
    expect((await get('/')).body).not.toContain(DRAFT);
  });

  it('offers CSV for Russian Excel, XLSX with numeric cells and the verification JSON', async () => {
    const csv = await get(`/open-data/${TABLE1}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${TABLE1}.csv"`);
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('Место;Место (как опубликовано);ОМСУ;Код ОМСУ;Вид ОМСУ;')).toBe(
      true,
    );
    expect(lines).toContain(
      '36;36;Грачёвский район;grachevskiy-district;муниципальный район;0,09;21,66',
    );
    expect(lines).toHaveLength(43); // header, 41 rows, the final line end

    const xlsx = await get(`/open-data/${TABLE1}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet?.getRow(37); // Грачёвский, 36th, under the header
    expect(row?.getCell(3).value).toBe('Грачёвский район');
    expect(row?.getCell(6).value).toBe(0.09);
    expect(row?.getCell(6).numFmt).toBe('#,##0.000');
    expect(row?.getCell(7).value).toBe(21.66);
    expect(row?.getCell(7).numFmt).toBe('#,##0.00');

    const json = await get(`/open-data/${TABLE1}.json`);
    const api = await get(`/api/snapshots/${TABLE1}/download`);
    expect(api.statusCode).toBe(200);
    expect(json.rawPayload.equals(api.rawPayload)).toBe(true);
    expect(json.json()).toMatchObject({ format: 'munirank-snapshot/1', code: TABLE1 });
  });

  it('answers an unknown address with a Russian 404 page', async () => {
    const res = await get('/rating/no-such-snapshot');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Страница не найдена');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
