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
