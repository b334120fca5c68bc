import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import type { ValueRevision } from '../../src/domain/import-preview.js';
import type { ValuePage } from '../../src/domain/value-browser.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { freshPeriod, SYSTEM } from '../support/collection-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { type Headers, openStaffApp, type StaffApp } from '../support/staff-app.js';

describe.each(testDatabases())('values browser on $name', (kind) => {
  let env: StaffApp;
  let official: Headers;
  let otherOfficial: Headers;
  let analyst: Headers;
  let analystName: string;
  let period: string;

  const get = (url: string, headers: Headers) => env.call('GET', url, headers);
  const browse = async (query: string, headers: Headers = analyst) => {
    const res = await get(`/api/values?${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ValuePage;
  };
  const brief = (page: ValuePage) =>
    page.rows.map((r) => `${r.municipality.code} ${r.indicator.code} ${r.period} = ${r.value}`);

  beforeAll(async () => {
    env = await openStaffApp(kind);
    ({ official, otherOfficial, analyst, analystName } = env);
    const db = env.instance.handle.db;

    // Бузулук types two values, then corrects one with a comment; Орск's value is imported.
    period = freshPeriod();
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const first = { ...SYSTEM, at: new Date('2030-01-15T10:00:00Z') };
    const second = {
      ...SYSTEM,
      actor: { kind: 'system' as const, label: 'оператор' },
      at: new Date('2030-02-01T08:30:00Z'),
    };
    await saveEntryForm(
      db,
      regionId,
      'buzuluk-city',
      period,
      { values: { rating_2016: 0.5, esia_new: 500 } },
      first,
    );
    await saveEntryForm(
      db,
      regionId,
      'buzuluk-city',
      period,
      { values: { esia_new: 650 }, comments: { esia_new: 'уточнено по выгрузке ЕСИА' } },
      second,
    );
    const imported = await env.call('POST', '/api/imports', analyst, {
      fileName: 'орск-есиа.txt',
      text: `ОМСУ\tПоказатель\tПериод\tЗначение\nг.Орск\tesia_new\t${period}\t777\n`,
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(async () => env?.close());

  it('lists current values with their source and last change, filtered and paginated on the server', async () => {
    const all = await browse(`period=${period}`);
    expect(all.total).toBe(3);
    expect(all.pageSize).toBe(50);
    expect(brief(all).sort()).toEqual(
      [
        `buzuluk-city esia_new ${period} = 650`,
        `buzuluk-city rating_2016 ${period} = 0.5`,
        `orsk-city esia_new ${period} = 777`,
      ].sort(),
    );
    const own = await browse(`municipality=buzuluk-city&period=${period}`);
    expect(own.rows).toEqual([
      expect.objectContaining({
        municipality: expect.objectContaining({ code: 'buzuluk-city', name: 'г.Бузулук' }),
        indicator: expect.objectContaining({ code: 'rating_2016', decimals: expect.any(Number) }),
        value: 0.5,
        source: 'форма ввода',
        author: 'тест',
        recordedAt: '2030-01-15T10:00:00.000Z',
        revision: 1,
      }),
      expect.objectContaining({
        indicator: expect.objectContaining({
          code: 'esia_new',
          name: 'Количество регистраций в ЕСИА за месяц',
          unit: 'чел.',
        }),
        value: 650,
        source: 'форма ввода',
        author: 'оператор',
        recordedAt: '2030-02-01T08:30:00.000Z',
        revision: 2,
      }),
    ]);
    const esia = await browse(`indicator=esia_new&period=${period}`);
    expect(esia.total).toBe(2);
    expect(esia.rows.find((r) => r.municipality.code === 'orsk-city')).toMatchObject({
      value: 777,
      author: analystName,
      // imported values keep their provenance on the batch; the browser names it
      source: expect.stringMatching(/^импорт №\d+: «орск-есиа\.txt»$/),
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      revision: 1,
    });

    const pages = [1, 2, 3].map((page) => browse(`period=${period}&pageSize=2&page=${page}`));
    const [p1, p2, p3] = await Promise.all(pages);
    expect([p1?.rows.length, p2?.rows.length, p3?.rows.length]).toEqual([2, 1, 0]);
    expect([p1?.total, p2?.total, p3?.total]).toEqual([3, 3, 3]);
    expect(
      new Set([...(p1?.rows ?? []), ...(p2?.rows ?? [])].map((r) => r.observationId)).size,
    ).toBe(3);
    // A year finds every period in it: the demo's February 2017 ЕСИА values of four municipalities.
    expect((await browse('indicator=esia_new&period=2017-02')).total).toBe(4);
    expect((await browse('indicator=esia_new&period=2017')).total).toBe(8);
  });

  it('limits an official to the own municipality and refuses bad filters in Russian', async () => {
    const own = await browse(`period=${period}`, official);
    expect(brief(own).sort()).toEqual(
      [`buzuluk-city esia_new ${period} = 650`, `buzuluk-city rating_2016 ${period} = 0.5`].sort(),
    );
    const other = await get(`/api/values?municipality=orsk-city&period=${period}`, official);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe(
      'Нет доступа к данным этого муниципального образования: вы работаете только с данными своего ОМСУ.',
    );
    expect((await get('/api/values', {})).statusCode).toBe(401);
    const unknown = await get('/api/values?indicator=esia_bogus', analyst);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Показатель «esia_bogus» не найден');
    expect((await get('/api/values?period=2017%25', analyst)).statusCode).toBe(400);
    expect((await get('/api/values?pageSize=500', analyst)).statusCode).toBe(400);
  });

  it('opens any listed value’s history: old → new, who, when, source with file and row, comment', async () => {
    const [rating, esia] = (await browse(`municipality=buzuluk-city&period=${period}`)).rows;
    const history = await get(`/api/observations/${esia?.observationId}/revisions`, official);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      expect.objectContaining({
        revision: 1,
        oldValue: null,
        newValue: 500,
        author: 'тест',
        changedAt: '2030-01-15T10:00:00.000Z',
        source: 'форма ввода',
        note: null,
        batch: null,
      }),
      expect.objectContaining({
        revision: 2,
        oldValue: 500,
        newValue: 650,
        author: 'оператор',
        changedAt: '2030-02-01T08:30:00.000Z',
        source: 'форма ввода',
        note: 'уточнено по выгрузке ЕСИА',
        batch: null,
      }),
    ]);
    expect(
      (await get(`/api/observations/${rating?.observationId}/revisions`, otherOfficial)).statusCode,
    ).toBe(403);

    const orsk = (await browse(`municipality=orsk-city&period=${period}`)).rows[0];
    const imported = (
      await get(`/api/observations/${orsk?.observationId}/revisions`, otherOfficial)
    ).json() as ValueRevision[];
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      oldValue: null,
      newValue: 777,
      author: analystName,
      batch: { fileName: 'орск-есиа.txt', row: 2 },
    });
  });
});
