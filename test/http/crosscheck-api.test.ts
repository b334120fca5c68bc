import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

const EXTRACT = 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_total\t2017-04-01\t10301\n';
const REASON = 'Выгрузка ЕСИА на 01.04.2017 сверена с оператором; в отчёте ОМСУ опечатка';

/**
 * г.Бузулук, March 2017: the ЕСИА extract counts 10 301 registrations on 01.04.2017, the
 * official then reports 10 176 in the form, which counts as the last write. The difference is
 * 125, i.e. 125 / 10 176 = 1,228 % of the report.
 */
describe.each(testDatabases())('cross-source checks on $name', (kind) => {
  let s: StaffApp;
  let viewer: Record<string, string>;
  let batchId: number;
  const report = async () => (await s.call('GET', '/api/crosscheck/2017-03', s.analyst)).json();
  const tolerance = (payload: object) =>
    s.call('PUT', '/api/crosscheck/tolerances/esia_total', s.analyst, payload);

  beforeAll(async () => {
    s = await openStaffApp(kind);
    const db = s.instance.handle.db;
    viewer = (await openFixtureSession(db, (await createFixtureUser(db, 'viewer')).id)).headers;
    const imported = await s.call('POST', '/api/imports', s.analyst, {
      fileName: 'esia-2017-03.txt',
      text: EXTRACT,
      sourceSystem: 'ЕСИА',
    });
    expect(imported.json().outcome).toBe('committed');
    batchId = imported.json().batchId;
    const saved = await s.call('PUT', '/api/entry-forms/buzuluk-city/2017-03', s.official, {
      values: { esia_total: 10176 },
    });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(async () => s?.close());

  it('shows both values side by side with provenance, flagged with no tolerance set', async () => {
    const r = await report();
    expect(r.open).toBe(1);
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0];
    expect(row).toMatchObject({
      municipalityCode: 'buzuluk-city',
      municipalityName: 'г.Бузулук',
      indicatorCode: 'esia_total',
      period: '2017-04-01',
      currentValue: 10176,
      difference: 125,
      status: 'open',
      tolerance: { absolute: null, relativePercent: null },
      report: { revision: 2, value: 10176, source: 'форма ввода', author: s.officialName },
      extract: {
        revision: 1,
        value: 10301,
        source: `импорт №${batchId}: «esia-2017-03.txt» (ЕСИА)`,
        sourceSystem: 'ЕСИА',
        batchId,
        fileName: 'esia-2017-03.txt',
        row: 2,
        author: s.analystName,
      },
    });
    expect(row.relativePercent).toBeCloseTo(1.2284, 4);
  });

  it('flags 1,23 % over a tolerance of 1 % and not under 2 %', async () => {
    expect((await tolerance({ absolute: null, relativePercent: 2 })).statusCode).toBe(200);
    expect(await report()).toMatchObject({ open: 0, rows: [{ status: 'within' }] });
    const set = await tolerance({ absolute: null, relativePercent: 1 });
    expect(set.json()).toMatchObject({
      indicatorCode: 'esia_total',
      relativePercent: 1,
      updatedBy: s.analystName,
    });
    expect(await report()).toMatchObject({
      open: 1,
      rows: [{ status: 'open', tolerance: { absolute: null, relativePercent: 1 } }],
    });
  });

  it('refuses a bad tolerance naming the field, and writes nothing', async () => {
    const refused = await tolerance({ absolute: -5, relativePercent: 150 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      error: 'invalid_tolerance',
      message:
        'Поле «absolute» (допуск в единицах показателя): нужно число не меньше 0, получено -5. ' +
        'Поле «relativePercent» (допуск в процентах): нужно число от 0 до 100, получено 150.',
    });
    const all = (await s.call('GET', '/api/crosscheck/tolerances', s.analyst)).json();
    expect(
      all.find((t: { indicatorCode: string }) => t.indicatorCode === 'esia_total'),
    ).toMatchObject({ absolute: null, relativePercent: 1 });
    const audited = await s.instance.handle.db
      .selectFrom('audit_event')
      .select(['after_json'])
      .where('action', '=', 'crosscheck.tolerance')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => JSON.parse(a.after_json ?? 'null'))).toEqual([
      { absolute: null, relativePercent: 2 },
      { absolute: null, relativePercent: 1 },
    ]);
  });

  it('keeps the discrepancy from viewers and officials', async () => {
    expect((await s.call('GET', '/api/crosscheck/2017-03', viewer)).statusCode).toBe(403);
    expect((await s.call('GET', '/api/crosscheck/2017-03', s.official)).statusCode).toBe(403);
  });

  it("makes the extract's 10 301 the rating input when chosen, recording who and why", async () => {
    const open = (await report()).rows[0];
    const choose = (reason: string) =>
      s.call('POST', '/api/crosscheck/resolutions', s.analyst, {
        observationId: open.observationId,
        reportRevision: open.report.revision,
        extractRevision: open.extract.revision,
        choice: 'extract',
        reason,
      });
    const blank = await choose('  ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toContain('«reason»');

    const chosen = await choose(REASON);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({
      observationId: open.observationId,
      chosen: 'extract',
      chosenValue: 10301,
      writtenRevision: 3,
    });
    const db = s.instance.handle.db;
    const stored = await db
      .selectFrom('observation')
      .select(['value', 'revision', 'source', 'author'])
      .where('id', '=', open.observationId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      value: 10301,
      revision: 3,
      source: 'сверка источников: засчитано значение выгрузки ЕСИА',
      author: s.analystName,
    });
    const history = (
      await s.call('GET', `/api/observations/${open.observationId}/revisions`, s.analyst)
    ).json();
    expect(history.map((h: { newValue: number }) => h.newValue)).toEqual([10301, 10176, 10301]);
    expect(history[2]).toMatchObject({ oldValue: 10176, author: s.analystName, note: REASON });

    const after = await report();
    expect(after.open).toBe(0);
    expect(after.rows[0]).toMatchObject({
      status: 'resolved',
      currentValue: 10301,
      resolution: {
        chosen: 'extract',
        chosenValue: 10301,
        reason: REASON,
        resolvedBy: s.analystName,
      },
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor_label', 'detail', 'after_json'])
      .where('action', '=', 'crosscheck.resolve')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe(s.analystName);
    expect(audit.detail).toBe(REASON);
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ source: 'ЕСИА', value: 10301 });

    const again = await choose('ещё раз');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('crosscheck_resolved');
  });
});
