import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/db/content-hash.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import { checkComputation } from '../../src/engine/rating-computation.js';
import { buildApp } from '../../src/server/app.js';
import { unpackComputation } from '../../src/server/features/rating/stored-snapshot-content.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';

// Three towns, the same values in April and May 2017. Min–max on 0..100:
//   esia_new   Бузулук 100 → 0, Орск 300 → 100, Новотроицк 200 → 50
//   esia_total Бузулук 1000 → 100, Орск 250 → 25, Новотроицк 0 → 0
// Version 1 (weights 1:1): Бузулук 50, Орск 62.5, Новотроицк 25 → places Орск, Бузулук, Новотроицк.
// Version 2 (esia_new weighs 3): Бузулук 25, Орск 81.25, Новотроицк 37.5 → Орск, Новотроицк, Бузулук.
// March 2017 has esia_new of Бузулук and Орск swapped (300, 100, 200): min–max gives
//   esia_new Бузулук 100, Орск 0, Новотроицк 50; with esia_new weighing 3 the index is
//   Бузулук (300 + 100)/4 = 100, Орск (0 + 25)/4 = 6.25, Новотроицк (150 + 0)/4 = 37.5, and under
//   version 1 Бузулук 100, Новотроицк 25, Орск 12.5: the same places, no shift.
const TOWNS = {
  'buzuluk-city': [100, 1000],
  'orsk-city': [300, 250],
  'novotroitsk-city': [200, 0],
};
const NAMES = {
  'buzuluk-city': 'г.Бузулук',
  'orsk-city': 'г.Орск',
  'novotroitsk-city': 'г.Новотроицк',
};
const v1 = methodologyOf('esia-edit', 'Регистрации в ЕСИА', [
  indicatorNode('esia_new', 'Новые регистрации', { method: 'min-max' }),
  indicatorNode('esia_total', 'Всего зарегистрированных', { method: 'min-max' }),
]);
const withWeight = (weight: unknown) => {
  const copy = structuredClone(v1);
  (copy.tree.children[0] as { weight: unknown }).weight = weight;
  return copy;
};

describe.each(testDatabases())('methodology versions in force from a month on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  const versions = async () =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/methodologies/esia-edit/versions',
        headers: analyst,
      })
    ).json();
  const save = (payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/api/methodologies/esia-edit/versions',
      headers: analyst,
      payload,
    });
  const compute = (code: string, period: string) =>
    app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: analyst,
      payload: {
        code,
        title: code,
        period,
        asOf: '2017-06-01',
        methodology: { code: 'esia-edit' },
      },
    });
  const scores = async (code: string) => {
    const view = (
      await app.inject({ method: 'GET', url: `/api/ratings/${code}`, headers: analyst })
    ).json();
    return Object.fromEntries(
      view.rows
        .filter((r: { municipality: { code: string } }) => r.municipality.code in TOWNS)
        .map(
          (r: {
            municipality: { code: string };
            values: Record<string, number>;
            place: number;
          }) => [r.municipality.code, [r.values.index, r.place]],
        ),
    );
  };

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    analyst = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id)).headers;
    const lines = ['2017-04', '2017-05'].flatMap((p) =>
      Object.entries(TOWNS).flatMap(([code, [a, b]]) => [
        `${NAMES[code as keyof typeof NAMES]}\tesia_new\t${p}\t${a}`,
        `${NAMES[code as keyof typeof NAMES]}\tesia_total\t${p}\t${b}`,
      ]),
    );
    for (const [name, a, b] of [
      ['г.Бузулук', 300, 1000],
      ['г.Орск', 100, 250],
      ['г.Новотроицк', 200, 0],
    ])
      lines.push(`${name}\tesia_new\t2017-03\t${a}`, `${name}\tesia_total\t2017-03\t${b}`);
    const text = `ОМСУ\tПоказатель\tПериод\tЗначение\n${lines.join('\n')}\n`;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload: { fileName: 'esia.txt', text, sourceSystem: 'ЕСИА' },
    });
    expect(imported.json().outcome).toBe('committed');
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('refuses a weight of −1 and an unregistered indicator naming the field, storing nothing', async () => {
    const negative = await save({
      definition: withWeight(-1),
      changeNote: 'x',
      effectiveFrom: '2016-01',
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().fields).toEqual([
      { path: '/tree/children/0/weight', message: 'вес должен быть неотрицательным числом' },
    ]);
    const unknown = structuredClone(v1);
    unknown.tree.children[1] = indicatorNode('esia_nowhere', 'Нет такого', { method: 'min-max' });
    const unregistered = await save({
      definition: unknown,
      changeNote: 'x',
      effectiveFrom: '2016-01',
    });
    expect(unregistered.statusCode).toBe(400);
    expect(unregistered.json().fields).toEqual([
      {
        path: '/tree/children/1/code',
        message:
          'показателя «esia_nowhere» нет в реестре показателей: добавьте его паспорт или исправьте код',
      },
    ]);
    expect((await versions()).error).toBe('not_found');
  });

  it('refuses an empty name, a duplicate code and bad colour thresholds naming each field', async () => {
    const unnamed = structuredClone(v1);
    unnamed.tree.children[0] = {
      ...unnamed.tree.children[0],
      name: '',
    } as (typeof unnamed.tree.children)[0];
    const refused = async (definition: object) => {
      const answer = await save({ definition, changeNote: 'x', effectiveFrom: '2016-01' });
      expect(answer.statusCode).toBe(400);
      return answer.json().fields;
    };
    expect(
      await refused({
        ...unnamed,
        colourThresholds: [{ from: 0, colour: 'зелёный', label: 'все' }],
      }),
    ).toEqual([
      {
        path: '/colourThresholds/0/colour',
        message: 'цвет должен иметь вид #RRGGBB, например #2e7d32',
      },
      { path: '/tree/children/0/name', message: 'значение не может быть пустым' },
    ]);
    const twice = structuredClone(v1);
    twice.tree.children[1] = indicatorNode('esia_new', 'Ещё раз', { method: 'min-max' });
    expect(
      await refused({
        ...twice,
        colourThresholds: [
          { from: 50, colour: '#2e7d32', label: 'высокий' },
          { from: 20, colour: '#d73027', label: 'низкий' },
        ],
      }),
    ).toEqual([
      {
        path: '/tree/children/1/code',
        message: 'код «esia_new» уже используется в /tree/children/0',
      },
      {
        path: '/colourThresholds/1/from',
        message: 'границы цветовой шкалы должны строго возрастать',
      },
    ]);
    expect((await versions()).error).toBe('not_found');
  });

  it('computes April under version 1 and May under version 2 in force from May', async () => {
    const first = await save({
      definition: v1,
      changeNote: 'Первая версия',
      effectiveFrom: '2016-01',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: '1', effectiveFrom: '2016-01' });
    expect((await compute('esia-2017-04', '2017-04')).json().methodology).toEqual({
      code: 'esia-edit',
      version: '1',
    });

    const preview = await app.inject({
      method: 'POST',
      url: '/api/methodologies/esia-edit/preview',
      headers: analyst,
      payload: { definition: withWeight(3) },
    });
    const shifts = Object.fromEntries(
      preview
        .json()
        .units.filter((u: { code: string }) => u.code in TOWNS)
        .map((u: { code: string; scoreAfter: number; shift: number }) => [
          u.code,
          [u.scoreAfter, u.shift],
        ]),
    );
    expect(preview.json().period).toBe('2017-05');
    expect(shifts).toEqual({
      'buzuluk-city': [25, -1],
      'orsk-city': [81.25, 0],
      'novotroitsk-city': [37.5, 1],
    });

    const second = await save({
      definition: withWeight(3),
      changeNote: 'Новые регистрации важнее',
      effectiveFrom: '2017-05',
      baseVersion: '1',
    });
    expect(second.json()).toMatchObject({ version: '2', effectiveFrom: '2017-05' });
    const list = await versions();
    expect(
      list.versions.map((v: { version: string; effectiveFrom: string; changeNote: string }) => [
        v.version,
        v.effectiveFrom,
        v.changeNote,
      ]),
    ).toEqual([
      ['2', '2017-05', 'Новые регистрации важнее'],
      ['1', '2016-01', 'Первая версия'],
    ]);

    expect((await compute('esia-2017-05', '2017-05')).json().methodology.version).toBe('2');
    expect(await scores('esia-2017-04')).toEqual({
      'buzuluk-city': [50, 2],
      'orsk-city': [62.5, 1],
      'novotroitsk-city': [25, 3],
    });
    expect(await scores('esia-2017-05')).toEqual({
      'buzuluk-city': [25, 3],
      'orsk-city': [81.25, 1],
      'novotroitsk-city': [37.5, 2],
    });
  });

  it('previews a chosen period and refuses a period it cannot read', async () => {
    const preview = (period: string, definition: object = withWeight(3)) =>
      app.inject({
        method: 'POST',
        url: '/api/methodologies/esia-edit/preview',
        headers: analyst,
        payload: { definition, period },
      });
    const march = await preview('2017-03');
    expect(march.statusCode).toBe(200);
    expect(march.json().period).toBe('2017-03');
    expect(march.json().before.version).toBe('1');
    expect(
      Object.fromEntries(
        march
          .json()
          .units.filter((u: { code: string }) => u.code in TOWNS)
          .map((u: { code: string; scoreAfter: number; rankAfter: number; shift: number }) => [
            u.code,
            [u.scoreAfter, u.rankAfter, u.shift],
          ]),
      ),
    ).toEqual({
      'buzuluk-city': [100, 1, 0],
      'orsk-city': [6.25, 3, 0],
      'novotroitsk-city': [37.5, 2, 0],
    });
    const unread = await preview('март 2017');
    expect(unread.statusCode).toBe(400);
    expect(unread.json()).toEqual({
      error: 'invalid_period',
      message:
        'Период предпросмотра «март 2017» не распознан: укажите год (2022), квартал (2022-Q2), ' +
        'месяц (2017-05) или дату (2016-03-01) либо оставьте поле пустым — тогда берутся ' +
        'последние данные.',
    });
    expect((await preview('2015-01')).json().error).toBe('no_data');
    // The document's problems come first, named by field, before the period's.
    expect((await preview('март 2017', withWeight(-1))).json().fields).toEqual([
      { path: '/tree/children/0/weight', message: 'вес должен быть неотрицательным числом' },
    ]);
  });

  it('still verifies the April snapshot computed under the old version', async () => {
    const publish = await app.inject({
      method: 'POST',
      url: '/api/ratings/esia-2017-04/publish',
      headers: analyst,
      payload: {},
    });
    expect(publish.statusCode).toBe(200);
    const download = (
      await app.inject({ method: 'GET', url: '/api/snapshots/esia-2017-04/download' })
    ).json();
    expect(contentHash(canonicalJson(download.content))).toBe(download.contentHash);
    expect(download.content.computation.methodology.version).toBe(1);
    // Format /3: the columns read back as arrays, as `munirank verify` reads them.
    const check = checkComputation(unpackComputation(download.content.computation), 5);
    expect(check.ok && check.comparison.total).toBe(0);
  });

  it('exports a version as the JSON format and refuses a save based on an outdated version', async () => {
    const exported = await app.inject({
      method: 'GET',
      url: '/api/methodologies/esia-edit/versions/2',
      headers: analyst,
    });
    expect(exported.headers['content-disposition']).toContain('esia-edit-v2.json');
    expect(exported.json()).toMatchObject({ version: 2, effectiveFrom: '2017-05' });
    const stale = await save({
      definition: v1,
      changeNote: 'x',
      effectiveFrom: '2017-06',
      baseVersion: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect((await versions()).versions).toHaveLength(2);
  });
});
