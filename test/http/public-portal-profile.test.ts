import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

// Worked out from Table 1 alone. By ЕСИА per 1000 (min–max, 4,79 … 39,83) Грачёвский район
// (21,66) is 14th with 100 × 16,87 / 35,04 = 48,14 points; the 13th is Бугурусланский район
// (22,26). By Table 1's rating value (0,090) it is 36th.
const FIRST = 'profile-series-a';
const SECOND = 'profile-series-b';
const CORRECTION = 'profile-series-b-r1';
const DRAFT = 'profile-secret-draft';
const DRAFT_TITLE = 'Черновик-не-для-публики';
const v1 = methodologyOf('profile-series', 'Серия профиля', [RATING_VALUE]);
const v2 = { ...methodologyOf('profile-series', 'Серия профиля', [ESIA_PER_1000]), version: 2 };
/** The correction's version adds colour bands: same places, a new document. */
const v3 = { ...v2, version: 3, colourThresholds: [{ from: 0, colour: '#1f4e8c', label: 'все' }] };
const secret = methodologyOf('secret-method', 'Секретная методика', [ESIA_PER_1000]);
const rating = (code: string, asOf: string, methodology: object, extra: object = {}) => ({
  code,
  title: `Рейтинг ${code}`,
  period: '2016-03-01',
  asOf,
  methodology,
  ...extra,
});

describe.each(testDatabases())(
  'public profile, methodology, errata and open data on $name',
  (kind) => {
    let staff: StaffApp;
    const get = (url: string) => staff.call('GET', url, {});

    beforeAll(async () => {
      staff = await openStaffApp(kind);
      const post = async (body: object) =>
        expect((await staff.call('POST', '/api/ratings', staff.analyst, body)).statusCode).toBe(
          201,
        );
      const publish = async (code: string) =>
        expect(
          (await staff.call('POST', `/api/ratings/${code}/publish`, staff.analyst, {})).statusCode,
        ).toBe(200);
      await post(rating(FIRST, '2016-04-01', v1));
      await publish(FIRST);
      await post(rating(SECOND, '2016-05-01', v2));
      await publish(SECOND);
      await post(
        rating(CORRECTION, '2016-05-02', v3, {
          supersedes: { code: SECOND, errataNote: 'Уточнена численность населения' },
        }),
      );
      await publish(CORRECTION);
      await post({ ...rating(DRAFT, '2016-07-01', secret), title: DRAFT_TITLE });
    });
    afterAll(async () => {
      await staff?.close();
    });

    it('profiles a unit: every published place, the breakdown and what would move it up', async () => {
      const res = await get('/municipalities/grachevskiy-district');
      expect(res.statusCode).toBe(200);
      const page = res.body;
      expect(page).toContain('<title>Грачёвский район — профиль в рейтинге ОМСУ</title>');
      const history = page.slice(page.indexOf('data-testid="history-table"'));
      // Newest first: the correction, the corrected one, the first of the series, Table 1.
      const places = [...history.matchAll(/<td class="num">([^<]+)<\/td><\/tr>/g)].map((m) => m[1]);
      expect(places.slice(0, 4)).toEqual(['14', '14', '36', '36']);
      expect(history).toContain(`<a href="/rating/${SECOND}">Рейтинг ${SECOND}</a> (исправлен)`);
      expect(page).toContain('data-chart="history-data"');
      // The breakdown comes from the newest computed snapshot, the correction.
      expect(page).toContain(`Рейтинг <a href="/rating/${CORRECTION}">`);
      expect(page).toContain('место 14, индекс 48,1');
      expect(page).toMatch(
        /<tr data-indicator="esia_per_1000"><th scope="row">Регистрации в ЕСИА на 1000 жителей<\/th><td class="num">21,66<\/td><td class="num">48,1<\/td><td class="num">1,000<\/td><td class="num">48,14<\/td><\/tr>/,
      );
      expect(page).toContain(
        'Чтобы обойти Бугурусланский район (место выше), достаточно любого одного из этих изменений',
      );
    });

    it('explains the methodology in words from its document, with the differences from the previous version', async () => {
      const res = await get('/methodology/profile-series');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Методика «profile-series», версия 3; действует с периода 2016');
      expect(res.body).toContain(
        'По сравнению с версией 2:</p><ul><li>Цвета уровней: все — от 0.</li></ul>',
      );
      expect(res.body).toContain('балл = (x − min) / (max − min) × (100 − 0) + 0');
      expect(res.body).toContain('больше — лучше');
      expect((await get('/methodology/secret-method')).statusCode).toBe(404);
    });

    it('lists the correction in the errata log with both snapshots, and marks the corrected one', async () => {
      const errata = (await get('/errata')).body;
      expect(errata).toContain(`<a href="/rating/${SECOND}">Рейтинг ${SECOND}</a>`);
      expect(errata).toContain(`<a href="/rating/${CORRECTION}">Рейтинг ${CORRECTION}</a>`);
      expect(errata).toContain('Уточнена численность населения');
      const old = (await get(`/rating/${SECOND}`)).body;
      expect(old).toContain(`действующая публикация — <a href="/rating/${CORRECTION}">`);
      // The correction is measured against the first of the series, not against what it corrects.
      expect((await get(`/rating/${CORRECTION}`)).body).toContain(
        `по сравнению с рейтингом <a href="/rating/${FIRST}">`,
      );
    });

    it('offers every published snapshot on the open data page with a data dictionary and the licence', async () => {
      const page = (await get('/open-data')).body;
      for (const code of [FIRST, SECOND, CORRECTION, 'orenburg-2016-03-table1'])
        expect(page).toContain(`<a href="/open-data/${code}.csv" download>CSV</a>`);
      expect(page).toContain('<dt>Код ОМСУ</dt>');
      expect(page).toContain('CC BY 4.0');
    });

    it('leaks no draft, no draft methodology and nothing of an official from any page reached by links', async () => {
      const seen = new Map<string, string>();
      const queue = ['/', '/errata', '/open-data'];
      while (queue.length > 0) {
        const url = queue.shift() as string;
        if (seen.has(url)) continue;
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        seen.set(url, res.body);
        if (!res.headers['content-type']?.toString().startsWith('text/html')) continue;
        for (const [, href] of res.body.matchAll(/href="(\/[^"#]*)"/g))
          if (href && !href.startsWith('/api/') && href !== '/login' && !href.startsWith('/plan/'))
            queue.push(href);
      }
      // Every snapshot's page, profile, methodology and file was reached.
      expect(seen.has('/municipalities/grachevskiy-district')).toBe(true);
      expect(seen.has('/methodology/profile-series')).toBe(true);
      expect(seen.has(`/open-data/${CORRECTION}.xlsx`)).toBe(true);
      for (const [url, body] of seen) {
        for (const secretText of [
          DRAFT,
          DRAFT_TITLE,
          'secret-method',
          'Секретная методика',
          staff.officialName,
          staff.analystName,
        ])
          expect(body.includes(secretText), `${url} names ${secretText}`).toBe(false);
      }
    });
  },
);
