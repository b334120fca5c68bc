import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

/** Table 1's two columns, equally weighted. */
const BOTH = methodologyOf('table1-both', 'Методика table1-both', [RATING_VALUE, ESIA_PER_1000]);
/** Table 1's rating value alone: places are Table 1's own. */
const VALUE_ONLY = methodologyOf('table1-value', 'Методика table1-value', [RATING_VALUE]);

// Table 1 figures: Соль-Илецкий 0,574 and 34,71 per 1000; Саракташский 0,425 and 39,83 (the
// maximum); the minimum per 1000 is 4,79 (Оренбургский район).
const ESIA_SOL = (100 * (34.71 - 4.79)) / (39.83 - 4.79);
const INDEX_SOL = (57.4 + ESIA_SOL) / 2;
const INDEX_SARAKTASH = (42.5 + 100) / 2;

describe.each(testDatabases())('reviewing, correcting and simulating ratings on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  let viewer: Record<string, string>;
  const draft = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    title: `Рейтинг ${code}`,
    period: '2016-03-01',
    asOf: '2016-03-01',
    methodology: BOTH,
    ...extra,
  });
  const post = (url: string, payload: unknown, headers = analyst) =>
    app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  const get = (url: string, headers: Record<string, string> = analyst) =>
    app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    const analystUser = await createFixtureUser(db, 'analyst', { username: 'review-analyst' });
    analyst = (await openFixtureSession(db, analystUser.id)).headers;
    viewer = (await openFixtureSession(db, (await createFixtureUser(db, 'viewer')).id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('lists the stored methodologies (the demo ships two) and adds one a rating used', async () => {
    const codes = (list: { code: string }[]) => list.map((m) => m.code);
    expect(codes((await get('/api/methodologies')).json())).toEqual([
      'orenburg-digital-annual',
      'orenburg-omsu-monthly',
    ]);
    expect((await post('/api/ratings', draft('check-2016-03'))).statusCode).toBe(201);
    const list = (await get('/api/methodologies')).json();
    expect(codes(list)).toEqual([
      'orenburg-digital-annual',
      'orenburg-omsu-monthly',
      'table1-both',
    ]);
    expect(list[2]).toMatchObject({ code: 'table1-both', version: '1', effectiveFrom: '2016' });
    expect(list[2].definition.tree.children[1].code).toBe('esia_per_1000');
    expect((await get('/api/methodologies', viewer)).statusCode).toBe(403);
  });

  it('explains a unit of a draft from what the snapshot stored', async () => {
    const first = (await get('/api/ratings/check-2016-03/explanations/sol-iletskiy-go')).json();
    expect(first).toMatchObject({
      place: 1,
      municipality: { code: 'sol-iletskiy-go' },
      overtakes: null,
      outputScale: 100,
    });
    expect(first.score).toBeCloseTo(INDEX_SOL, 9);
    // effective weight ½ each; contribution = ½ × normalised score; they add up to the index
    expect(first.contributions).toHaveLength(2);
    expect(first.contributions[0]).toMatchObject({
      indicator: 'rating_2016',
      name: 'Значение рейтинга',
      value: 0.574,
      effectiveWeight: 0.5,
    });
    expect(first.contributions[0].score).toBeCloseTo(57.4, 9);
    expect(first.contributions[0].contribution).toBeCloseTo(28.7, 9);
    expect(first.contributions[1].contribution).toBeCloseTo(ESIA_SOL / 2, 9);
    expect(first.improvements).toEqual([]);

    const second = (
      await get('/api/ratings/check-2016-03/explanations/saraktashskiy-district')
    ).json();
    expect(second.place).toBe(2);
    expect(second.overtakes).toMatchObject({ code: 'sol-iletskiy-go' });
    // to overtake by the rating value alone: (100·x + 100)/2 ≥ INDEX_SOL → x ≥ 0,42788…;
    // by ЕСИА alone: it is already the maximum, so raising it lowers Соль-Илецкий's min–max
    // score instead: (57,4 + 100·29,92/(y − 4,79))/2 ≤ 71,25 → y ≥ 4,79 + 2992/85,1 ≈ 39,9486
    const to = Object.fromEntries(
      second.improvements.map((i: { indicator: string; to: number }) => [i.indicator, i.to]),
    );
    expect(second.improvements[0]).toMatchObject({ from: 0.425, method: 'exact' });
    expect(to.rating_2016).toBeCloseTo((2 * INDEX_SOL - 100) / 100, 9);
    expect(to.esia_per_1000).toBeCloseTo(4.79 + 2992 / (2 * INDEX_SARAKTASH - 57.4), 9);
    expect(second.unreachable).toEqual([]);
    expect(second.score).toBeCloseTo(INDEX_SARAKTASH, 9);

    const fromDocument = await get(
      '/api/ratings/orenburg-2016-03-table1/explanations/sol-iletskiy-go',
    );
    expect(fromDocument.statusCode).toBe(404);
    expect(fromDocument.json().message).toContain('взят из документа');
    expect((await get('/api/ratings/check-2016-03/explanations/nowhere')).statusCode).toBe(404);
    expect(
      (await get('/api/ratings/check-2016-03/explanations/sol-iletskiy-go', viewer)).statusCode,
    ).toBe(403);
  });

  it('lists each draft with its review: null until an analyst marks it, then who and when', async () => {
    const stateOf = async (code: string) =>
      (await get('/api/ratings')).json().find((s: { code: string }) => s.code === code).review;
    expect(await stateOf('check-2016-03')).toBeNull();
    // the demo's Table 1 was published from its document: nobody reviewed it here
    expect(await stateOf('orenburg-2016-03-table1')).toBeNull();
    const marked = await post('/api/ratings/check-2016-03/review', {
      remark: 'Сверено с Таблицей 1',
    });
    expect(marked.statusCode).toBe(200);
    const review = await stateOf('check-2016-03');
    expect(review).toEqual({
      reviewedBy: 'review-analyst',
      reviewedAt: marked.json().reviewedAt,
      remark: 'Сверено с Таблицей 1',
      contentHash: (await get('/api/ratings/check-2016-03')).json().contentHash,
    });
    expect(review.reviewedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('issues errata only for a published snapshot, linked both ways on the public pages', async () => {
    const errata = { code: 'check-2016-03', errataNote: 'Уточнены регистрации в ЕСИА' };
    const early = await post('/api/ratings', draft('check-2016-03-r1', { supersedes: errata }));
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('не опубликован');

    await post('/api/ratings/check-2016-03/publish', { note: 'проверено' });
    // the same methodology over the same data gives the same snapshot: nothing to correct
    const same = await post('/api/ratings', draft('check-2016-03-r1', { supersedes: errata }));
    expect(same.statusCode).toBe(409);
    expect(same.json().message).toMatch(
      /^Исправление не отличается от снимка «check-2016-03»: те же методика, данные и результат \(хеш [0-9a-f]{12}…\)\. Исправьте данные или методику и рассчитайте снова\.$/,
    );
    expect((await get('/api/ratings/check-2016-03-r1')).statusCode).toBe(404);
    const fix = await post(
      '/api/ratings',
      draft('check-2016-03-r1', { supersedes: errata, methodology: VALUE_ONLY }),
    );
    expect(fix.statusCode).toBe(201);
    // a draft correction is the staff's business only
    expect((await get('/api/snapshots/check-2016-03', {})).json().correctedBy).toEqual([]);
    const staffList = (await get('/api/ratings')).json();
    expect(staffList.find((s: { code: string }) => s.code === 'check-2016-03').correctedBy).toEqual(
      [
        {
          code: 'check-2016-03-r1',
          title: 'Рейтинг check-2016-03-r1',
          errataNote: 'Уточнены регистрации в ЕСИА',
          publishedAt: null,
        },
      ],
    );

    await post('/api/ratings/check-2016-03-r1/publish', {});
    const corrected = (await get('/api/snapshots/check-2016-03-r1', {})).json();
    expect(corrected).toMatchObject({
      supersedes: { code: 'check-2016-03', title: 'Рейтинг check-2016-03' },
      errataNote: 'Уточнены регистрации в ЕСИА',
      correctedBy: [],
    });
    const old = (await get('/api/snapshots/check-2016-03', {})).json();
    expect(old.supersedes).toBeNull();
    expect(old.correctedBy).toMatchObject([
      { code: 'check-2016-03-r1', errataNote: 'Уточнены регистрации в ЕСИА' },
    ]);
    expect(old.correctedBy[0].publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const publicList = (await get('/api/snapshots', {})).json();
    expect(
      publicList.find((s: { code: string }) => s.code === 'check-2016-03-r1').supersedes,
    ).toEqual({ code: 'check-2016-03', title: 'Рейтинг check-2016-03' });

    const twice = await post('/api/ratings', draft('check-2016-03-r2', { supersedes: errata }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(
      'Снимок «check-2016-03» уже исправлен снимком «check-2016-03-r1»: исправляйте последний',
    );
  });

  it('simulates a methodology change over stored data: places under each and the shift', async () => {
    const res = await post('/api/ratings/simulate', {
      period: '2016-03-01',
      before: { code: 'table1-both' },
      after: { definition: VALUE_ONLY },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.before).toEqual({
      code: 'table1-both',
      version: '1',
      title: 'Методика table1-both',
    });
    expect(body.after.code).toBe('table1-value');
    const unit = (code: string) => body.units.find((u: { code: string }) => u.code === code);
    // Under the value alone the places are Table 1's; under both columns (worked out from
    // Table 1): 1 Соль-Илецкий, 2 Саракташский, 3 Шарлыкский, 4 г.Бугуруслан, 5 Александровский.
    expect(unit('sol-iletskiy-go')).toMatchObject({ rankBefore: 1, rankAfter: 1, shift: 0 });
    expect(unit('saraktashskiy-district')).toMatchObject({
      rankBefore: 2,
      rankAfter: 3,
      shift: -1,
    });
    expect(unit('sharlykskiy-district')).toMatchObject({ rankBefore: 3, rankAfter: 8, shift: -5 });
    expect(unit('buguruslan-city')).toMatchObject({ rankBefore: 4, rankAfter: 24, shift: -20 });
    expect(unit('aleksandrovskiy-district')).toMatchObject({
      rankBefore: 5,
      rankAfter: 2,
      shift: 3,
    });
    expect(unit('saraktashskiy-district').scoreAfter).toBeCloseTo(42.5, 9);
    // ZATO Komarovsky has no 2016 data: no place under either
    expect(unit('komarovsky-zato')).toMatchObject({
      rankBefore: null,
      rankAfter: null,
      shift: null,
    });

    const unknown = await post('/api/ratings/simulate', {
      period: '2016-03-01',
      before: { code: 'nothing-stored' },
      after: { definition: VALUE_ONLY },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(
      'Действующая методика: методика «nothing-stored» не сохранена',
    );
    const broken = await post('/api/ratings/simulate', {
      period: '2016-03-01',
      before: { code: 'table1-both' },
      after: { definition: { ...VALUE_ONLY, outputScale: 7 } },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('Новая методика не прошла проверку');
    expect(broken.json().message).toContain('/outputScale');

    // a period nobody collected: the table would be blanks, so it says so
    const empty = await post('/api/ratings/simulate', {
      period: '2031-01',
      before: { code: 'table1-both' },
      after: { definition: VALUE_ONLY },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toEqual({
      error: 'no_data',
      message:
        'За период 2031-01 в базе нет данных ни по одному показателю действующей методики ' +
        '«Методика table1-both»: сравнивать нечего. Выберите период, за который данные собраны.',
    });
  });
});
