import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase, municipalityIdOf } from '../support/demo-database.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const REFERENCE_TABLES = ['reference_value', 'plan_target', 'reference_revision', 'import_batch'];
const ESIA = 'Всего граждан, зарегистрированных в ЕСИА';

describe.each(testDatabases())('start-of-year values of targets over HTTP on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let analyst: Record<string, string>;
  let official: Record<string, string>;
  const db = () => instance.handle.db;
  const post = (url: string, headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url, headers, payload });
  const targetRow = async (code: string) =>
    db()
      .selectFrom('plan_target as t')
      .innerJoin('indicator as i', 'i.id', 't.indicator_id')
      .select(['t.start_value', 't.target_value', 't.source'])
      .where('t.municipality_id', '=', await municipalityIdOf(db(), code))
      .where('i.code', '=', 'esia_total')
      .where('t.year', '=', 2017)
      .executeTakeFirst();

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: db(), regionCode: 'orenburg' });
    const a = await createFixtureUser(db(), 'analyst', { username: 'analyst-start' });
    analyst = (await openFixtureSession(db(), a.id)).headers;
    const o = await createFixtureUser(db(), 'official', { municipalityCodes: ['buzuluk-city'] });
    official = (await openFixtureSession(db(), o.id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('previews start values as add / change / unchanged, commits them with history; the plan follows', async () => {
    const payload = {
      fileName: 'на начало года.csv',
      base64: Buffer.from(
        [
          'ОМСУ;Показатель;Период;Значение',
          'г.Бузулук;start:esia_total;2017;8 000',
          'Бузулукский район;start:esia_total;2017;507',
          'г.Орск;target:esia_total;2017;40 000',
          'г.Орск;target_start:esia_total;2017;21 500',
        ].join('\n'),
      ).toString('base64'),
    };
    const preview = await post('/api/imports/preview', analyst, payload);
    expect(preview.statusCode).toBe(200);
    const ref = (code: string, name: string) => ({ code, name });
    expect(preview.json().reference).toEqual({
      insert: 2,
      update: 1,
      unchanged: 1,
      changes: [
        {
          row: 4,
          municipality: ref('orsk-city', 'г.Орск'),
          kind: 'target',
          indicator: 'esia_total',
          label: `Целевое значение «${ESIA}»`,
          year: 2017,
          oldValue: null,
          newValue: 40000,
        },
        {
          row: 5,
          municipality: ref('orsk-city', 'г.Орск'),
          kind: 'target_start',
          indicator: 'esia_total',
          label: `Значение на начало года «${ESIA}»`,
          year: 2017,
          oldValue: null,
          newValue: 21500,
        },
        {
          row: 2,
          municipality: ref('buzuluk-city', 'г.Бузулук'),
          kind: 'target_start',
          indicator: 'esia_total',
          label: `Значение на начало года «${ESIA}»`,
          year: 2017,
          oldValue: 7694,
          newValue: 8000,
        },
      ],
      jumps: [],
    });
    expect(preview.json().summary).toBe('Будет добавлено: 2, изменено: 1, без изменений: 1.');
    expect(await targetRow('orsk-city')).toBeUndefined();

    const commit = await post('/api/imports', analyst, payload);
    expect(commit.statusCode).toBe(200);
    const batchId = commit.json().batchId as number;
    const source = `импорт №${batchId}: «на начало года.csv»`;
    expect(await targetRow('orsk-city')).toEqual({
      start_value: 21500,
      target_value: 40000,
      source,
    });
    expect(await targetRow('buzuluk-city')).toEqual({
      start_value: 8000,
      target_value: 14480,
      source,
    });

    const history = async (code: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/municipalities/${code}/reference-revisions/2017`,
          headers: analyst,
        })
      )
        .json()
        .map((r: Record<string, unknown>) => [r.kind, r.indicator, r.oldValue, r.newValue]);
    expect(await history('buzuluk-city')).toEqual([['target_start', 'esia_total', 7694, 8000]]);
    expect(await history('orsk-city')).toEqual([
      ['target', 'esia_total', null, 40000],
      ['target_start', 'esia_total', null, 21500],
    ]);

    // The plan page counts the year's increment from the imported start value.
    const plan = (await app.inject({ url: '/api/plan-reports/orenburg-2017-esia' })).json();
    const row = (code: string) =>
      plan.rows.find((r: { municipality: { code: string } }) => r.municipality.code === code);
    const increment = (code: string) =>
      row(code).figures.find((f: { key: string }) => f.key === 'year_increment').computed;
    expect(row('buzuluk-city').inputs).toMatchObject({ startOfYear: 8000, targetYearEnd: 14480 });
    expect(increment('buzuluk-city')).toBe(14480 - 8000);
    expect(row('orsk-city').inputs).toMatchObject({ startOfYear: 21500, targetYearEnd: 40000 });
    expect(increment('orsk-city')).toBe(40000 - 21500);

    // A wide file names the start value by a header; the same values change nothing.
    const wide = await post('/api/imports', analyst, {
      fileName: 'база.txt',
      text: 'ОМСУ\tБазовое значение esia_total\tНа начало года: Всего граждан, зарегистрированных в ЕСИА\nг.Бузулук\t8 000\t\nг.Орск\t\t21 500\n',
      period: '2017',
    });
    expect(wide.json()).toMatchObject({
      outcome: 'no-changes',
      preview: { reference: { insert: 0, update: 0, unchanged: 2 } },
    });
  });

  it('refuses text in a start value column and a start value without a target, writing nothing', async () => {
    const before = await fingerprintTables(db(), REFERENCE_TABLES);
    const res = await post('/api/imports', analyst, {
      fileName: 'плохое начало года.txt',
      text: 'ОМСУ\tЗначение на начало года esia_total\nг.Бузулук\tмного\nАдамовский район\t1 200\nБузулукский район\t600\n',
      period: '2017',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().preview.problems).toEqual([
      {
        file: 'плохое начало года.txt',
        row: 2,
        column: 'Значение на начало года esia_total',
        message: expect.stringContaining('«много»'),
      },
      {
        file: 'плохое начало года.txt',
        row: 3,
        column: `Значение на начало года «${ESIA}»`,
        message:
          'нет целевого значения esia_total на 2017 год для этого ОМСУ: значение на начало года хранится вместе с целевым, дайте в файле и целевое значение (target:esia_total)',
      },
    ]);
    expect(await fingerprintTables(db(), REFERENCE_TABLES)).toEqual(before);
  });

  it('refuses start values to an official, even for the own municipality', async () => {
    const before = await fingerprintTables(db(), REFERENCE_TABLES);
    const res = await post('/api/imports', official, {
      fileName: 'начало.txt',
      text: 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tstart:esia_total\t2017\t9 000\n',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('есть справочные данные');
    expect(await fingerprintTables(db(), REFERENCE_TABLES)).toEqual(before);
  });
});
