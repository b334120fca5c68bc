import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { buildApp } from '../../src/server/app.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { COMPLETE_MONTH, SYSTEM } from '../support/collection-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';

const methodology = methodologyOf('esia-month', 'Регистрации в ЕСИА за месяц', [
  indicatorNode('esia_new', 'Регистрации в ЕСИА за месяц', { method: 'min-max' }),
]);
const STAFF_ONLY = 'Этот шаг выполняет аналитик или администратор.';
const NO_DRAFT = 'Нет рассчитанного неопубликованного рейтинга за период: сначала рассчитайте.';
const REASON = 'Комиссия 10.05.2017: данные Соль-Илецкого ГО сверены по телефону';
const NOT_REVIEWED =
  'Расчёт не проверен: сначала отметьте черновик проверенным (шаг «Проверить расчёт»).';

describe.each(testDatabases())('the monthly cycle of April 2017 on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  let viewer: Record<string, string>;
  let official: Record<string, string>;
  const cycle = async (headers = analyst) =>
    (await app.inject({ method: 'GET', url: '/api/cycle/2017-04', headers })).json();
  const reasons = async () =>
    Object.fromEntries(
      (await cycle()).steps.map((s: { step: string; reason: string | null }) => [s.step, s.reason]),
    );
  const compute = (code: string) =>
    app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: { code, title: 'Апрель 2017', period: '2017-04', asOf: '2017-05-01', methodology },
    });
  const publish = (code: string, payload: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/ratings/${code}/publish`, headers: analyst, payload });
  const review = (code: string, headers = analyst, payload: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/ratings/${code}/review`, headers, payload });

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    const session = async (role: 'analyst' | 'viewer') =>
      (await openFixtureSession(db, (await createFixtureUser(db, role)).id)).headers;
    analyst = await session('analyst');
    viewer = await session('viewer');
    const o = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
    official = (await openFixtureSession(db, o.id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('starts with 42 municipalities not started, nothing imported, nothing to approve', async () => {
    const start = await cycle();
    expect(start.board.counts).toMatchObject({
      total: 42,
      notStarted: 42,
      submitted: 0,
      approved: 0,
      complete: 0,
    });
    expect(start.imports).toEqual([]);
    expect(start.ratings).toEqual([]);
    expect(await reasons()).toEqual({
      import: null,
      approve: 'Нет отправленных форм: утверждать нечего.',
      compute: 'За период нет ни одного значения: сначала загрузите выгрузку или дождитесь форм.',
      review: NO_DRAFT,
      publish: NO_DRAFT,
    });
  });

  it('shows the imported ЕСИА extract and a submitted form, then allows computing', async () => {
    const text =
      'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t900\nг.Орск\tesia_new\t2017-04\t1500\n';
    const commit = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload: { fileName: 'esia-2017-04.txt', text, sourceSystem: 'ЕСИА' },
    });
    expect(commit.json().outcome).toBe('committed');
    const db = instance.handle.db;
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const solIletsk = 'sol-iletskiy-go';
    await saveEntryForm(db, regionId, solIletsk, '2017-04', { values: COMPLETE_MONTH }, SYSTEM);
    await transitionSubmission(db, regionId, solIletsk, '2017-04', { action: 'submit' }, SYSTEM);

    const now = await cycle();
    expect(now.imports).toEqual([
      {
        id: commit.json().batchId,
        fileName: 'esia-2017-04.txt',
        sourceSystem: 'ЕСИА',
        author: expect.stringMatching(/^analyst-/),
        importedAt: expect.any(String),
        valuesRead: 2,
      },
    ]);
    // Бузулук and Орск have 1 of 3 values, Соль-Илецк all 3 and has sent them.
    expect(now.board.counts).toMatchObject({
      total: 42,
      notStarted: 39,
      submitted: 1,
      complete: 1,
    });
    expect(now.unapproved).toEqual([{ code: solIletsk, name: 'Соль-Илецкий городской округ' }]);
    expect(await reasons()).toMatchObject({ approve: null, compute: null, review: NO_DRAFT });
  });

  it('waits for a review before publishing; officials and viewers may not review', async () => {
    const computedAnswer = await compute('cycle-2017-04');
    expect(computedAnswer.statusCode).toBe(201);
    const computed = await cycle();
    expect(computed.ratings).toMatchObject([
      { code: 'cycle-2017-04', period: '2017-04', publishedAt: null, review: null },
    ]);
    expect(computed.steps.find((s: { step: string }) => s.step === 'publish')).toMatchObject({
      allowed: false,
      overridable: false,
      reason: NOT_REVIEWED,
    });
    expect(computed.steps.find((s: { step: string }) => s.step === 'review')).toMatchObject({
      allowed: true,
      href: '/data/ratings?snapshot=cycle-2017-04',
    });

    expect((await review('cycle-2017-04', official)).statusCode).toBe(403);
    expect((await review('cycle-2017-04', viewer)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/ratings/cycle-2017-04/review' })).statusCode,
    ).toBe(401);
    expect((await review('no-such-draft')).json()).toMatchObject({
      error: 'not_found',
      message: 'Снимок рейтинга «no-such-draft» не найден',
    });
    const unread = await app.inject({
      method: 'GET',
      url: '/api/ratings/cycle-2017-04/review',
      headers: analyst,
    });
    expect(unread.json()).toEqual({ review: null });

    const done = await review('cycle-2017-04', analyst, { remark: '  Места сверены с мартом  ' });
    expect(done.statusCode).toBe(200);
    // The review names the content it saw: the hash the computation answered with.
    expect(done.json()).toMatchObject({
      reviewedBy: expect.stringMatching(/^analyst-/),
      remark: 'Места сверены с мартом',
      contentHash: computedAnswer.json().contentHash,
    });
    const again = await review('cycle-2017-04');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('already_reviewed');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/ratings/cycle-2017-04/review',
          headers: viewer,
        })
      ).statusCode,
    ).toBe(403);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select('after_json')
      .where('action', '=', 'rating.review')
      .where('entity_id', '=', 'cycle-2017-04')
      .where('outcome', '=', 'allowed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? '{}').remark)).toEqual([
      'Места сверены с мартом',
    ]);
  });

  it('refuses to publish over unapproved data, then publishes with a kept, audited override', async () => {
    const drafted = await cycle();
    expect(drafted.ratings).toMatchObject([
      {
        code: 'cycle-2017-04',
        period: '2017-04',
        publishedAt: null,
        overrideReason: null,
        review: { remark: 'Места сверены с мартом' },
      },
    ]);
    const publishStep = drafted.steps.find((s: { step: string }) => s.step === 'publish');
    expect(publishStep).toMatchObject({
      allowed: false,
      overridable: true,
      href: '/data/ratings?snapshot=cycle-2017-04',
      reason:
        'Не утверждены данные ОМСУ (1): Соль-Илецкий городской округ. ' +
        'Опубликовать можно только с обоснованием отступления.',
    });
    expect((await reasons()).review).toBe('Все рассчитанные черновики периода уже проверены.');

    const refused = await publish('cycle-2017-04');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: 'unapproved_data',
      message:
        'Нельзя опубликовать: не утверждены данные за апрель 2017 — Соль-Илецкий городской округ. ' +
        'Утвердите их или укажите обоснование публикации (поле «overrideReason»).',
    });
    expect((await publish('cycle-2017-04', { overrideReason: '   ' })).statusCode).toBe(409);
    expect(
      (await app.inject({ method: 'GET', url: '/api/snapshots/cycle-2017-04' })).statusCode,
    ).toBe(404);

    const done = await publish('cycle-2017-04', { overrideReason: REASON, note: 'к комиссии' });
    expect(done.statusCode).toBe(200);
    expect((await review('cycle-2017-04')).json()).toEqual({
      error: 'already_published',
      message: 'Снимок «cycle-2017-04» уже опубликован: проверка нужна только черновику',
    });
    expect((await cycle()).ratings).toMatchObject([
      {
        code: 'cycle-2017-04',
        publishedAt: expect.any(String),
        publishedBy: expect.stringMatching(/^analyst-/),
        note: 'к комиссии',
        overrideReason: REASON,
      },
    ]);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select('after_json')
      .where('action', '=', 'rating.publish')
      .where('entity_id', '=', 'cycle-2017-04')
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      note: 'к комиссии',
      override: { reason: REASON, unapproved: ['sol-iletskiy-go'] },
    });
  });

  it('lets viewers read the cycle without steps, and refuses officials', async () => {
    const read = await cycle(viewer);
    expect(read.ratings.map((r: { code: string }) => r.code)).toEqual(['cycle-2017-04']);
    expect(read.steps.map((s: { reason: string }) => s.reason)).toEqual(Array(5).fill(STAFF_ONLY));
    const denied = await app.inject({
      method: 'GET',
      url: '/api/cycle/2017-04',
      headers: official,
    });
    expect(denied.statusCode).toBe(403);
    const bad = await app.inject({ method: 'GET', url: '/api/cycle/2017-13', headers: analyst });
    expect(bad.statusCode).toBe(400);
  });

  it('publishes without an override once the submissions are approved', async () => {
    const approved = await app.inject({
      method: 'POST',
      url: '/api/entry-approvals',
      headers: analyst,
      payload: { period: '2017-04', municipalityCodes: ['sol-iletskiy-go'] },
    });
    expect(approved.json()).toEqual({ approved: ['sol-iletskiy-go'], skipped: [] });
    expect((await compute('cycle-2017-04-b')).statusCode).toBe(201);
    const now = await cycle();
    expect(now.unapproved).toEqual([]);
    expect(now.board.counts).toMatchObject({ submitted: 0, approved: 1 });
    expect(await reasons()).toMatchObject({ publish: NOT_REVIEWED, review: null });
    expect((await review('cycle-2017-04-b')).statusCode).toBe(200);
    expect(await reasons()).toMatchObject({ publish: null, approve: expect.any(String) });
    expect((await publish('cycle-2017-04-b')).statusCode).toBe(200);
    expect((await cycle()).ratings.at(-1)).toMatchObject({
      code: 'cycle-2017-04-b',
      overrideReason: null,
    });
  });
});
