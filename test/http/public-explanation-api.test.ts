import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/db/content-hash.js';
import { insertSnapshot } from '../../src/db/repositories/snapshot-repository.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import type { RatingComputation } from '../../src/domain/rating-computation.js';
import { computeRating } from '../../src/engine/compute-rating.js';
import { describeComputation, ratingDataOf } from '../../src/engine/rating-computation.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { loadRatingData } from '../../src/server/features/rating/rating-inputs.js';
import { readSnapshotContent } from '../../src/server/features/rating/stored-snapshot-content.js';
import { testDatabases } from '../support/databases.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

/** Table 1's two columns, equally weighted; ЕСИА carries its unit in the passport. */
const methodology = methodologyOf('table1-public', 'Проверочная методика по Таблице №1', [
  RATING_VALUE,
  { ...ESIA_PER_1000, passport: { unit: 'чел. на 1000 жителей', periodicity: 'on_date' } },
]);
const PUBLISHED = 'table1-public-2016-03';
const DRAFT = 'table1-public-draft';
const OLD_FORMAT = 'table1-public-old-format';
const rating = (code: string, asOf: string) => ({
  code,
  title: `Проверка ${code}`,
  period: '2016-03-01',
  asOf,
  methodology,
});

// Worked out from Table 1 alone: ЕСИА per 1000 spans 4,79 (Оренбургский) … 39,83 (Саракташский).
const esiaScore = (perThousand: number) => (100 * (perThousand - 4.79)) / (39.83 - 4.79);
/** г.Бузулук: 0,070 and 24,91 → (7 + 57,420…)/2 = 32,210…, 18th of 41. */
const buzulukIndex = (7 + esiaScore(24.91)) / 2;
/** Асекеевский район, 17th: 0,286 and 17,84 → 32,921…: the unit г.Бузулук has to overtake. */
const asekeevoIndex = (28.6 + esiaScore(17.84)) / 2;

describe.each(testDatabases())('public explanations and place history on $name', (kind) => {
  let staff: StaffApp;
  /** A GET as the anonymous public, or with the given session's headers. */
  const get = (url: string, headers: Record<string, string> = {}) =>
    staff.call('GET', url, headers);

  beforeAll(async () => {
    // The official speaks for г.Бузулук.
    staff = await openStaffApp(kind);
    for (const body of [rating(PUBLISHED, '2016-04-01'), rating(DRAFT, '2016-04-02')])
      expect((await staff.call('POST', '/api/ratings', staff.analyst, body)).statusCode).toBe(201);
    const publish = `/api/ratings/${PUBLISHED}/publish`;
    expect((await staff.call('POST', publish, staff.analyst, {})).statusCode).toBe(200);
  });
  afterAll(async () => {
    await staff?.close();
  });

  it('explains a published place to anyone, without signing in', async () => {
    const res = await get(`/api/snapshots/${PUBLISHED}/explanations/buzuluk-city`);
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({
      snapshotCode: PUBLISHED,
      municipality: { code: 'buzuluk-city', name: 'г.Бузулук' },
      place: 18,
      outputScale: 100,
      overtakes: { code: 'asekeevskiy-district', name: 'Асекеевский район' },
    });
    expect(e.score).toBeCloseTo(buzulukIndex, 9);
    // 0,070 on goalposts 0..1 → 7 points × weight ½
    expect(e.contributions[0]).toMatchObject({
      indicator: 'rating_2016',
      value: 0.07,
      effectiveWeight: 0.5,
    });
    expect(e.contributions[0].contribution).toBeCloseTo(3.5, 9);
    expect(e.contributions[1]).toMatchObject({
      indicator: 'esia_per_1000',
      unit: 'чел. на 1000 жителей',
      value: 24.91,
    });
    expect(e.contributions[1].contribution).toBeCloseTo(esiaScore(24.91) / 2, 9);
    // By the rating value alone: (100·x + 57,420…)/2 = 32,921… → x = 0,08423…
    const byValue = e.improvements.find(
      (i: { indicator: string }) => i.indicator === 'rating_2016',
    );
    expect(byValue.from).toBe(0.07);
    expect(byValue.to).toBeCloseTo((2 * asekeevoIndex - esiaScore(24.91)) / 100, 6);
    // By ЕСИА alone, in its own unit: 4,79 + 35,04 × (2 × 32,921… − 7)/100 = 25,408…
    const byEsia = e.improvements.find(
      (i: { indicator: string }) => i.indicator === 'esia_per_1000',
    );
    expect(byEsia).toMatchObject({ unit: 'чел. на 1000 жителей', from: 24.91 });
    expect(byEsia.to).toBeCloseTo(4.79 + (35.04 * (2 * asekeevoIndex - 7)) / 100, 6);

    // The first place has nobody to overtake.
    const first = (await get(`/api/snapshots/${PUBLISHED}/explanations/sol-iletskiy-go`)).json();
    expect(first).toMatchObject({ place: 1, overtakes: null, improvements: [] });
  });

  it('lets an official read any municipality’s published explanation', async () => {
    const res = await get(`/api/snapshots/${PUBLISHED}/explanations/orsk-city`, staff.official);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ place: 20, municipality: { name: 'г.Орск' } });
  });

  it('keeps a draft’s explanations to the department', async () => {
    const staffUrl = `/api/ratings/${DRAFT}/explanations/buzuluk-city`;
    expect((await get(staffUrl)).statusCode).toBe(401);
    const refused = await get(staffUrl, staff.official);
    expect(refused.statusCode).toBe(403);
    const allowed = await get(staffUrl, staff.analyst);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ place: 18, snapshotCode: DRAFT });

    // The public route knows published ratings only, whoever asks.
    for (const headers of [{}, staff.official, staff.analyst]) {
      const res = await get(`/api/snapshots/${DRAFT}/explanations/buzuluk-city`, headers);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe(`Опубликованный рейтинг «${DRAFT}» не найден`);
    }
  });

  it('explains from a snapshot stored with an explanation object per unit (format /1) alike', async () => {
    // The draft's computation as snapshots were stored before explanations became columns.
    const db = staff.instance.handle.db;
    const row = await db
      .selectFrom('rating_snapshot')
      .selectAll()
      .where('code', '=', DRAFT)
      .executeTakeFirstOrThrow();
    const content = readSnapshotContent(row.content);
    const computation = content.computation as RatingComputation;
    const checked = validateMethodology(computation.methodology);
    if (!checked.ok) throw new Error('invalid methodology');
    const data = ratingDataOf(computation);
    const v1 = describeComputation(
      checked.methodology,
      data,
      computeRating(checked.methodology, data),
      'munirank-computation/1',
    );
    expect(v1.explanations).toHaveLength(computation.inputs.units.length);
    const text = canonicalJson({ ...content, computation: v1 });
    const { id: _id, ...rest } = row;
    await insertSnapshot(db, {
      ...rest,
      code: OLD_FORMAT,
      content: text,
      content_hash: contentHash(text),
    });

    const old = await get(`/api/ratings/${OLD_FORMAT}/explanations/buzuluk-city`, staff.analyst);
    const now = await get(`/api/ratings/${DRAFT}/explanations/buzuluk-city`, staff.analyst);
    expect(old.statusCode).toBe(200);
    expect({ ...old.json(), snapshotCode: DRAFT }).toEqual(now.json());
    expect(old.json()).toMatchObject({ place: 18, overtakes: { code: 'asekeevskiy-district' } });
  });

  it('takes a later period’s previous places from the published snapshot only', async () => {
    const db = staff.instance.handle.db;
    const region = await db
      .selectFrom('region')
      .select('id')
      .where('code', '=', 'orenburg')
      .executeTakeFirstOrThrow();
    const checked = validateMethodology(methodology);
    if (!checked.ok) throw new Error('invalid methodology');
    // The draft and the old-format copy share the period but are not published.
    const data = await loadRatingData(db, region.id, checked.methodology, '2016-04-01');
    expect(data.previousRanks?.get('buzuluk-city')).toBe(18);
    expect(data.previousRanks?.get('asekeevskiy-district')).toBe(17);
    const same = await loadRatingData(db, region.id, checked.methodology, '2016-03-01');
    expect(same.previousRanks?.size).toBe(0);
  });

  it('says plainly when a published snapshot has no explanations or no such unit', async () => {
    const fromDocument = await get(
      '/api/snapshots/orenburg-2016-03-table1/explanations/buzuluk-city',
    );
    expect(fromDocument.statusCode).toBe(404);
    expect(fromDocument.json().message).toContain('взят из документа');
    const unknown = await get(`/api/snapshots/${PUBLISHED}/explanations/no-such-unit`);
    expect(unknown.statusCode).toBe(404);
  });

  it('lists a municipality’s places in every published rating, newest first, no drafts', async () => {
    const res = await get('/api/municipalities/buzuluk-city/rating-places');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.municipality).toMatchObject({ code: 'buzuluk-city', name: 'г.Бузулук' });
    expect(
      body.places.map(
        (p: { snapshot: { code: string }; listed: boolean; placeLabel: string | null }) => [
          p.snapshot.code,
          p.listed,
          p.placeLabel,
        ],
      ),
    ).toEqual([
      // The 2022 top-10 names г.Бузулук among places 4–10 without its own place.
      ['orenburg-2022-top10', true, '4–10'],
      [PUBLISHED, true, '18'],
      ['orenburg-2016-03-table1', true, '40'],
    ]);
    expect(body.places[1]).toMatchObject({ place: 18, snapshot: { asOf: '2016-04-01' } });

    const orsk = (await get('/api/municipalities/orsk-city/rating-places')).json();
    expect(orsk.places[0]).toMatchObject({
      snapshot: { code: 'orenburg-2022-top10' },
      listed: false,
      place: null,
    });
    expect(orsk.places[2]).toMatchObject({ listed: true, place: 6 });

    const unknown = await get('/api/municipalities/no-such-unit/rating-places');
    expect(unknown.statusCode).toBe(404);
  });
});
