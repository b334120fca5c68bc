import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { COMPLETE_MONTH, SYSTEM } from '../support/collection-fixtures.js';
import { testDatabases } from '../support/databases.js';
import {
  countStatuses,
  fireTogether,
  type LiveStaffApp,
  openLiveStaffApp,
} from '../support/live-staff-app.js';
import {
  ESIA_PER_1000,
  indicatorNode,
  methodologyOf,
  RATING_VALUE,
} from '../support/rating-methodologies.js';

const draft = (code: string, children: unknown[], extra: object = {}) => ({
  code,
  title: 'Проверка одновременной публикации',
  period: '2016-03-01',
  asOf: '2016-03-01',
  methodology: methodologyOf(`m-${code}`, 'Проверочная методика', children),
  ...extra,
});

/** Two analysts press «Опубликовать» or issue a correction at the same moment. */
describe.each(testDatabases())('races on rating snapshots on $name', (kind) => {
  let live: LiveStaffApp;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
  });
  afterAll(async () => live?.close());

  const compute = (body: object) => live.send('POST', '/api/ratings', live.analyst, body);
  const publish = (code: string) =>
    live.send('POST', `/api/ratings/${code}/publish`, live.analyst, {});

  async function rowsOf(table: 'snapshot_publication' | 'rating_snapshot', codes: string[]) {
    const db = live.instance.handle.db;
    const ids = db.selectFrom('rating_snapshot').select('id').where('code', 'in', codes);
    const q =
      table === 'rating_snapshot'
        ? db.selectFrom('rating_snapshot').select('id').where('code', 'in', codes)
        : db.selectFrom('snapshot_publication').select('id').where('snapshot_id', 'in', ids);
    return (await q.execute()).length;
  }

  async function auditCount(action: string, codes: string[]) {
    return (
      await live.instance.handle.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', action)
        .where('entity_id', 'in', codes)
        .where('outcome', '=', 'allowed')
        .execute()
    ).length;
  }

  it('stores one snapshot when the same code is computed five times at once', async () => {
    const answers = await fireTogether(5, () => compute(draft('race-compute', [RATING_VALUE])));
    expect(countStatuses(answers)).toEqual({ 201: 1, 409: 4 });
    expect(answers.find((a) => a.status === 409)?.body.message).toBe(
      'Снимок «race-compute» уже есть: снимки не перезаписываются',
    );
    expect(await rowsOf('rating_snapshot', ['race-compute'])).toBe(1);
    expect(await auditCount('rating.compute', ['race-compute'])).toBe(1);
  });

  it('publishes a snapshot once when it is published ten times at once', async () => {
    expect((await compute(draft('race-publish', [RATING_VALUE]))).status).toBe(201);
    const answers = await fireTogether(10, () => publish('race-publish'));
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 9 });
    expect(answers.find((a) => a.status === 409)?.body.message).toBe(
      'Снимок «race-publish» уже опубликован',
    );
    expect(await rowsOf('snapshot_publication', ['race-publish'])).toBe(1);
    expect(await auditCount('rating.publish', ['race-publish'])).toBe(1);
  });

  it('publishes one of two corrections of the same snapshot issued at once', async () => {
    expect((await compute(draft('race-original', [RATING_VALUE]))).status).toBe(201);
    expect((await publish('race-original')).status).toBe(200);
    const supersedes = (note: string) => ({
      supersedes: { code: 'race-original', errataNote: note },
    });
    expect(
      (await compute(draft('race-fix-a', [RATING_VALUE, ESIA_PER_1000], supersedes('а')))).status,
    ).toBe(201);
    expect((await compute(draft('race-fix-b', [ESIA_PER_1000], supersedes('б')))).status).toBe(201);
    const answers = await Promise.all([publish('race-fix-a'), publish('race-fix-b')]);
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 1 });
    const winner = answers[0]?.status === 200 ? 'race-fix-a' : 'race-fix-b';
    expect(answers.find((a) => a.status === 409)?.body.message).toBe(
      `Снимок «race-original» уже исправлен снимком «${winner}»: исправляйте последний`,
    );
    expect(await rowsOf('snapshot_publication', ['race-fix-a', 'race-fix-b'])).toBe(1);
    expect(await auditCount('rating.publish', ['race-fix-a', 'race-fix-b'])).toBe(1);
  });

  it('keeps one override when five analysts publish over unapproved data at once', async () => {
    const db = live.instance.handle.db;
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    for (const code of ['buzuluk-city', 'orsk-city']) {
      await saveEntryForm(db, regionId, code, '2017-04', { values: COMPLETE_MONTH }, SYSTEM);
      await transitionSubmission(db, regionId, code, '2017-04', { action: 'submit' }, SYSTEM);
    }
    const esiaNew = indicatorNode('esia_new', 'Регистрации за месяц', { method: 'min-max' });
    const body = { ...draft('race-override', [esiaNew]), period: '2017-04', asOf: '2017-05-01' };
    expect((await compute(body)).status).toBe(201);
    const answers = await fireTogether(5, (i) =>
      live.send('POST', '/api/ratings/race-override/publish', live.analyst, {
        overrideReason: `причина ${i}`,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 4 });
    expect(answers.find((a) => a.status === 409)?.body.message).toBe(
      'Снимок «race-override» уже опубликован',
    );
    const kept = await db
      .selectFrom('snapshot_publication as p')
      .innerJoin('rating_snapshot as s', 's.id', 'p.snapshot_id')
      .select('p.override_reason')
      .where('s.code', '=', 'race-override')
      .execute();
    expect(kept).toEqual([
      { override_reason: `причина ${answers.findIndex((a) => a.status === 200)}` },
    ]);
    expect(await auditCount('rating.publish', ['race-override'])).toBe(1);
  });

  it('records one review when two analysts mark the same draft reviewed at once', async () => {
    const db = live.instance.handle.db;
    const second = await createFixtureUser(db, 'analyst');
    const analysts = [
      { headers: live.analyst, name: live.analystName },
      { headers: (await openFixtureSession(db, second.id)).headers, name: second.username },
    ];
    expect((await compute(draft('race-review', [RATING_VALUE]))).status).toBe(201);
    const answers = await fireTogether(2, (i) =>
      live.send('POST', '/api/ratings/race-review/review', analysts[i]?.headers ?? {}, {
        remark: `замечание ${i}`,
      }),
    );
    expect(countStatuses(answers)).toEqual({ 200: 1, 409: 1 });
    const winner = answers.findIndex((a) => a.status === 200);
    const kept = await db
      .selectFrom('snapshot_review as r')
      .innerJoin('rating_snapshot as s', 's.id', 'r.snapshot_id')
      .select(['r.reviewed_by', 'r.remark'])
      .where('s.code', '=', 'race-review')
      .execute();
    expect(kept).toEqual([{ reviewed_by: analysts[winner]?.name, remark: `замечание ${winner}` }]);
    expect(answers.find((a) => a.status === 409)?.body.message).toMatch(
      new RegExp(`^Снимок «race-review» уже проверен: ${analysts[winner]?.name}, `),
    );
    expect(await auditCount('rating.review', ['race-review'])).toBe(1);
  });
});
