import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type {
  UncertaintyLine,
  UncertaintyResult,
} from '../../src/server/features/rating/uncertainty-schemas.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

/** Table 1's published value alone: every normalisation and aggregation keeps its order. */
const SINGLE = methodologyOf('uncertainty-single', 'Только значение рейтинга', [RATING_VALUE]);
/** Table 1's two columns equally weighted: weights and alternatives do move places. */
const PAIR = methodologyOf('uncertainty-pair', 'Значение рейтинга и ЕСИА', [
  RATING_VALUE,
  ESIA_PER_1000,
]);

const lines = (res: LightMyRequestResponse) =>
  res.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as UncertaintyLine);

const resultOf = (res: LightMyRequestResponse): UncertaintyResult => {
  const last = lines(res).at(-1);
  if (!last || !('result' in last)) throw new Error(`no result: ${res.body.slice(-500)}`);
  return last.result;
};

describe.each(testDatabases())('rank uncertainty of a stored snapshot on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  let viewer: Record<string, string>;
  let official: Record<string, string>;

  const run = (code: string, payload: object, headers = analyst) =>
    app.inject({
      method: 'POST',
      url: `/api/ratings/${code}/uncertainty`,
      headers,
      payload: payload as Record<string, unknown>,
    });

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
    for (const [code, methodology] of [
      ['single-2016-03', SINGLE],
      ['pair-2016-03', PAIR],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/ratings',
        headers: analyst,
        payload: { code, title: code, period: '2016-03-01', asOf: '2016-03-01', methodology },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  const progressOf = (res: LightMyRequestResponse) =>
    lines(res).flatMap((l) => ('progress' in l ? [l.progress] : []));
  const placed = (r: UncertaintyResult) => r.units.filter((u) => u.place !== null);

  it('streams progress, then every unit with a band that collapses where no draw can move it', async () => {
    const res = await run('single-2016-03', { draws: 50, seed: 7 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const progress = progressOf(res);
    expect(progress[0]).toEqual({ done: 0, total: 50 });
    expect(progress.at(-1)).toEqual({ done: 50, total: 50 });
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const result = resultOf(res);
    expect(result.snapshot).toEqual({ code: 'single-2016-03', title: 'single-2016-03' });
    expect(result.methodology).toEqual({ code: 'uncertainty-single', version: 1 });
    expect(result.settings).toEqual({
      draws: 50,
      seed: 7,
      noise: 0.25,
      alternatives: true,
      workers: 2,
    });
    // 41 units with a 2016 value and ZATO Komarovsky without one, listed last.
    expect(result.units).toHaveLength(42);
    expect(result.units.at(-1)).toEqual({
      code: 'komarovsky-zato',
      name: 'ЗАТО Комаровский',
      place: null,
      median: null,
      p05: null,
      p95: null,
    });
    // One indicator: every normalisation keeps its order, so every draw gives the same places.
    for (const u of placed(result))
      expect([u.p05, u.median, u.p95]).toEqual([u.place, u.place, u.place]);
    expect(result.units[0]).toMatchObject({ code: 'sol-iletskiy-go', place: 1, median: 1 });
    expect(result.units[40]).toMatchObject({ code: 'abdulinskiy-go', place: 41, p95: 41 });
    // Table 1 ties Илекский район and г.Оренбург at 32nd place.
    expect(result.units.filter((u) => u.place === 32).map((u) => u.code)).toEqual([
      'ilekskiy-district',
      'orenburg-city',
    ]);
  });

  it('reproduces the snapshot’s places without weight noise or alternatives', async () => {
    const result = resultOf(
      await run('pair-2016-03', { draws: 20, noise: 0, alternatives: false }),
    );
    expect(result.settings).toMatchObject({ draws: 20, seed: 42, noise: 0, alternatives: false });
    const snapshot = (
      await app.inject({ method: 'GET', url: '/api/ratings/pair-2016-03', headers: analyst })
    ).json() as { rows: { place: number | null; municipality: { code: string } }[] };
    expect(result.units.map((u) => [u.code, u.place, u.p05, u.median, u.p95])).toEqual(
      snapshot.rows.map((r) => [r.municipality.code, r.place, r.place, r.place, r.place]),
    );
    expect(result.units.slice(0, 2).map((u) => u.code)).toEqual([
      'sol-iletskiy-go',
      'saraktashskiy-district',
    ]);
  });

  it('gives the same bands for the same seed on one worker and on two', async () => {
    const one = resultOf(await run('pair-2016-03', { draws: 200, seed: 42, workers: 1 }));
    const two = resultOf(await run('pair-2016-03', { draws: 200, seed: 42, workers: 2 }));
    expect(one.settings).toEqual({
      draws: 200,
      seed: 42,
      noise: 0.25,
      alternatives: true,
      workers: 1,
    });
    expect(two.settings.workers).toBe(2);
    expect(two.units).toEqual(one.units);
    expect(one.units).toHaveLength(42);
    for (const u of placed(one)) {
      expect(u.p05).toBeGreaterThanOrEqual(1);
      expect(u.median).toBeGreaterThanOrEqual(u.p05 as number);
      expect(u.p95).toBeGreaterThanOrEqual(u.median as number);
      expect(u.p95).toBeLessThanOrEqual(41);
    }
    // Weights and normalisations do matter here: some band is wide.
    expect(placed(one).some((u) => (u.p95 as number) - (u.p05 as number) >= 5)).toBe(true);
    const other = resultOf(await run('pair-2016-03', { draws: 200, seed: 43, workers: 1 }));
    expect(other.units).not.toEqual(one.units);
  });

  it('runs one computation at a time and says when to come back', async () => {
    const [a, b] = await Promise.all([
      run('pair-2016-03', { draws: 2000 }),
      run('pair-2016-03', { draws: 2000 }),
    ]);
    const [ok, busy] = a.statusCode === 200 ? [a, b] : [b, a];
    expect([ok.statusCode, busy.statusCode]).toEqual([200, 429]);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(busy.json()).toEqual({
      error: 'uncertainty_busy',
      message:
        'Сейчас уже идёт расчёт неопределённости мест: одновременно выполняется только один. ' +
        'Повторите через несколько секунд.',
    });
    expect(resultOf(ok).settings.draws).toBe(2000);
    expect((await run('pair-2016-03', { draws: 10 })).statusCode).toBe(200);
  });

  it('refuses viewers and officials, unknown and document snapshots, settings out of range', async () => {
    for (const headers of [viewer, official]) {
      const denied = await run('pair-2016-03', {}, headers);
      expect(denied.statusCode).toBe(403);
    }
    expect((await run('pair-2016-03', {}, {})).statusCode).toBe(401);
    const unknown = await run('no-such-snapshot', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Снимок рейтинга «no-such-snapshot» не найден');
    const document = await run('orenburg-2016-03-table1', {});
    expect(document.statusCode).toBe(409);
    expect(document.json()).toEqual({
      error: 'not_computed',
      message:
        'Снимок «orenburg-2016-03-table1» перенесён из документа, а не рассчитан munirank: в нём ' +
        'нет методики и исходных данных, поэтому неопределённость мест для него оценить нельзя',
    });
    for (const draws of [0, 10_001, 2.5]) {
      const res = await run('pair-2016-03', { draws });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe(
        'Неверные параметры: число испытаний (draws) — целое от 1 до 10000.',
      );
    }
    const noisy = await run('pair-2016-03', { noise: 0.95 });
    expect(noisy.statusCode).toBe(400);
    expect(noisy.json().message).toBe(
      'Неверные параметры: разброс весов (noise) — число от 0 до 0.9.',
    );
  });

  it('is described in the OpenAPI document with its stream and its refusals', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/ratings/{code}/uncertainty'].post;
    expect(post.description).toContain('application/x-ndjson');
    expect(Object.keys(post.responses)).toEqual(['200', '400', '401', '403', '404', '409', '429']);
  });

  it('keeps every finished run beside the snapshot, audited; the public table shows the newest band once published', async () => {
    const db = instance.handle.db;
    const audited = async () =>
      (
        await db
          .selectFrom('audit_event')
          .select('action')
          .where('entity_id', '=', 'pair-2016-03')
          .where('outcome', '=', 'allowed')
          .orderBy('id')
          .execute()
      ).map((a) => a.action);
    // One computation, then the six runs above that finished (busy and refused ones are not kept).
    expect(await audited()).toEqual(['rating.compute', ...Array(6).fill('rating.uncertainty')]);
    expect((await app.inject({ method: 'GET', url: '/rating/pair-2016-03' })).statusCode).toBe(404);

    const publish = await app.inject({
      method: 'POST',
      url: '/api/ratings/pair-2016-03/publish',
      headers: analyst,
      payload: {},
    });
    expect(publish.statusCode).toBe(200);
    const before = (await app.inject({ method: 'GET', url: '/rating/pair-2016-03' })).body;
    // The newest run had 10 draws.
    expect(before).toContain('от 5-го до 95-го процентиля мест в 10 пересчётах');

    const newest = resultOf(await run('pair-2016-03', { draws: 200, seed: 42, workers: 1 }));
    const page = (await app.inject({ method: 'GET', url: '/rating/pair-2016-03' })).body;
    expect(page).toContain(
      '<th scope="col" class="num" data-sort="number">Диапазон мест (5–95 %)</th>',
    );
    expect(page).toContain(
      'в 200 пересчётах рейтинга, в которых веса случайно менялись в пределах ±25 %, а нормировка',
    );
    const rowOf = (code: string) =>
      page
        .split('<tr data-testid="rating-row"')
        .find((r) => r.includes(`/municipalities/${code}"`)) ?? '';
    for (const u of placed(newest)) {
      const text = u.p05 === u.p95 ? `${u.p05}` : `${u.p05}–${u.p95}`;
      expect(rowOf(u.code)).toContain(
        `data-value="${(u.p95 as number) - (u.p05 as number)}">${text}<span class="visually-hidden"> (медиана ${u.median})</span>`,
      );
    }
    const stored = await db.selectFrom('snapshot_uncertainty').select('id').execute();
    expect(stored).toHaveLength(8);
  });
});
