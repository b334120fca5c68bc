import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

/** Table 1's two published columns combined: a small methodology over the demo's stored data. */
const methodology = methodologyOf('table1-check', 'Проверочная методика по Таблице №1', [
  RATING_VALUE,
  ESIA_PER_1000,
]);

describe.each(testDatabases())('computing and publishing from stored data on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  let official: Record<string, string>;
  const body = {
    code: 'table1-check-2016-03',
    title: 'Проверка',
    period: '2016-03-01',
    asOf: '2016-03-01',
    methodology,
  };

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    analyst = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
    const o = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
    official = (await openFixtureSession(db, o.id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('computes a draft from the period’s observations that only staff can see', async () => {
    const refused = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: official,
      payload: body,
    });
    expect(refused.statusCode).toBe(403);

    const res = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await app.inject({ method: 'GET', url: `/api/snapshots/${body.code}` })).statusCode,
    ).toBe(404);

    const draft = (
      await app.inject({ method: 'GET', url: `/api/ratings/${body.code}`, headers: analyst })
    ).json();
    expect(draft.publishedAt).toBeNull();
    // Соль-Илецкий: 0,574 on goalposts 0..1 → 57,4; 34,71 per 1000 between the min 4,79
    // (Оренбургский) and the max 39,83 (Саракташский) → 85,388…; index = their mean.
    const solIletsk = (57.4 + (100 * (34.71 - 4.79)) / (39.83 - 4.79)) / 2;
    const saraktash = (42.5 + 100) / 2;
    expect(draft.rows[0]).toMatchObject({ place: 1, municipality: { code: 'sol-iletskiy-go' } });
    expect(draft.rows[0].values.index).toBeCloseTo(solIletsk, 9);
    expect(draft.rows[1]).toMatchObject({
      place: 2,
      municipality: { code: 'saraktashskiy-district' },
    });
    expect(draft.rows[1].values.index).toBeCloseTo(saraktash, 9);
    // ZATO Komarovsky has no 2016 data: no score and no place.
    expect(draft.rows.at(-1)).toMatchObject({
      place: null,
      municipality: { code: 'komarovsky-zato' },
    });
  });

  it('publishes once, explicitly, with both acts in the audit trail', async () => {
    const published = await app.inject({
      method: 'POST',
      url: `/api/ratings/${body.code}/publish`,
      headers: analyst,
      payload: { note: 'проверено' },
    });
    expect(published.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `/api/snapshots/${body.code}` })).statusCode,
    ).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: `/api/ratings/${body.code}/publish`,
      headers: analyst,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    const overwrite = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: body,
    });
    expect(overwrite.statusCode).toBe(409);
    expect(overwrite.json().message).toBe(
      `Снимок «${body.code}» уже есть: снимки не перезаписываются`,
    );
    const actions = await instance.handle.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', body.code)
      .where('outcome', '=', 'allowed')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['rating.compute', 'rating.publish']);
  });

  it('shows each unit’s group and place within it when the methodology groups units', async () => {
    const grouped = {
      ...methodologyOf('table1-grouped', 'Проверка групп', [RATING_VALUE, ESIA_PER_1000]),
      grouping: {
        title: 'Группа по регистрациям в ЕСИА',
        reference: 'esia_per_1000',
        bands: [
          { from: 0, label: 'меньше 20 на 1000' },
          { from: 20, label: '20 на 1000 и больше' },
        ],
      },
    };
    const code = 'table1-grouped-2016-03';
    const res = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: { ...body, code, methodology: grouped },
    });
    expect(res.statusCode).toBe(201);
    const draft = (
      await app.inject({ method: 'GET', url: `/api/ratings/${code}`, headers: analyst })
    ).json();
    expect(draft.columns.slice(-2)).toEqual([
      { key: 'group:number', title: 'Группа по регистрациям в ЕСИА', unit: null, decimals: 0 },
      { key: 'group:place', title: 'Место в группе', unit: null, decimals: 0 },
    ]);
    const row = (municipality: string) =>
      draft.rows.find(
        (r: { municipality: { code: string } }) => r.municipality.code === municipality,
      );
    // Соль-Илецкий (34,71 per 1000) leads overall and in the second group; Оренбургский
    // (4,79, the minimum) is in the first.
    expect(row('sol-iletskiy-go').values).toMatchObject({ 'group:number': 2, 'group:place': 1 });
    expect(row('orenburgskiy-district').values['group:number']).toBe(1);
    const firstGroup = draft.rows.filter(
      (r: { values: Record<string, number | null> }) => r.values['group:number'] === 1,
    );
    expect(
      firstGroup.map((r: { values: Record<string, number> }) => r.values['group:place']),
    ).toEqual(firstGroup.map((_: unknown, k: number) => k + 1));
    expect(draft.notes).toContain(
      'Группа по регистрациям в ЕСИА (по значению «esia_per_1000»): 1 — меньше 20 на 1000 (от 0); ' +
        '2 — 20 на 1000 и больше (от 20). Место в группе — среди ОМСУ той же группы.',
    );
  });

  it('refuses an invalid methodology with the path of each problem', async () => {
    const broken = {
      ...methodology,
      tree: { ...methodology.tree, children: [{ ...methodology.tree.children[0], weight: -1 }] },
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: { ...body, code: 'broken', methodology: broken },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('/tree/children/0/weight');
  });
});
