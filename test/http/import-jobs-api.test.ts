import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJobStatus } from '../../src/domain/import-job.js';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { pollImportJob } from '../support/import-job-polling.js';

const table = (rows: [string, string, string, number | string][]) =>
  ['ОМСУ\tПоказатель\tПериод\tЗначение', ...rows.map((r) => r.join('\t'))].join('\n');

describe.each(testDatabases())('import jobs over HTTP on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let official: Record<string, string>;
  let otherOfficial: Record<string, string>;
  let analyst: Record<string, string>;
  const count = async (t: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(
          instance.handle.db,
        )
      ).rows[0]?.n,
    );
  const start = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/imports/jobs', headers, payload });

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    const a = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
    official = (await openFixtureSession(db, a.id)).headers;
    const b = await createFixtureUser(db, 'official', { municipalityCodes: ['orsk-city'] });
    otherOfficial = (await openFixtureSession(db, b.id)).headers;
    const c = await createFixtureUser(db, 'analyst');
    analyst = (await openFixtureSession(db, c.id)).headers;
  });
  afterEach(() => {
    delete process.env.MUNIRANK_IMPORT_CHUNK_DELAY_MS;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('previews, then commits as a job with phases, visible only to the one who started it', async () => {
    const payload = {
      fileName: 'апрель.txt',
      text: table([
        ['г.Бузулук', 'esia_new', '2017-04', 1250],
        ['г.Бузулук', 'esia_new', '2017-05', 1310],
      ]),
    };
    const preview = await start(official, { ...payload, mode: 'preview' });
    expect(preview.statusCode).toBe(202);
    expect(preview.json()).toMatchObject({ mode: 'preview', state: 'running', percent: 0 });
    const previewEnd = (await pollImportJob(app, preview.json().id, official)).at(-1);
    expect(previewEnd).toMatchObject({
      state: 'succeeded',
      percent: 100,
      result: null,
      error: null,
      preview: { counts: { insert: 2, update: 0, problems: 0 } },
    });
    expect(await count('import_batch')).toBe(0);

    // Slow writes; the status streams as JSON lines in the answer to the start itself.
    process.env.MUNIRANK_IMPORT_CHUNK_DELAY_MS = '200';
    const commit = await app.inject({
      method: 'POST',
      url: '/api/imports/jobs',
      headers: { ...official, accept: 'application/x-ndjson' },
      payload: { ...payload, mode: 'commit', expectedSha256: previewEnd?.preview?.sha256 },
    });
    expect(commit.statusCode).toBe(200);
    expect(commit.headers['content-type']).toContain('application/x-ndjson');
    const lines = commit.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ImportJobStatus);
    const running = lines.filter((l) => l.state === 'running');
    expect(running[0]).toMatchObject({ phase: null, percent: 0 });
    expect([...new Set(running.map((l) => l.phase))]).toEqual([
      null,
      'чтение',
      'проверка',
      'сравнение',
      'запись',
    ]);
    const end = lines.at(-1);
    expect(lines.filter((l) => l.state !== 'running')).toEqual([end]);
    expect(end).toMatchObject({
      state: 'succeeded',
      phase: 'запись',
      done: 2,
      total: 2,
      percent: 100,
      result: { outcome: 'committed', preview: { counts: { insert: 2 } } },
    });
    // The same ending by polling, for its owner only.
    const id = end?.id as string;
    expect((await pollImportJob(app, id, official)).at(-1)).toEqual(end);
    for (const stranger of [otherOfficial, analyst]) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/imports/jobs/${id}`,
        headers: stranger,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toContain('Задание импорта не найдено');
    }
    expect(await count('import_batch')).toBe(1);
    const stored = await instance.handle.db
      .selectFrom('observation as o')
      .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
      // an imported value's author is its batch's (provenance is stored once per batch)
      .innerJoin('import_batch as b', 'b.id', 'o.import_batch_id')
      .select(['o.period', 'o.value', 'b.author'])
      .where('i.code', '=', 'esia_new')
      .where('o.period', 'in', ['2017-04', '2017-05'])
      .orderBy('o.period')
      .execute();
    expect(stored).toEqual([
      { period: '2017-04', value: 1250, author: expect.stringMatching(/^official-/) },
      { period: '2017-05', value: 1310, author: expect.stringMatching(/^official-/) },
    ]);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'import.commit')
      .execute();
    expect(audit).toEqual([{ entity_id: String(end?.result?.batchId) }]);
  });

  it('tells the import page what to choose on the page, never a command-line flag', async () => {
    const messagesOf = async (text: string) => {
      const started = await start(analyst, { fileName: 'таблица.txt', text, mode: 'preview' });
      const end = (await pollImportJob(app, started.json().id, analyst)).at(-1);
      return (end?.preview?.problems ?? []).map((p) => p.message);
    };
    // A wide table without a period column, and a name the registry does not know.
    const noPeriod = await messagesOf('ОМСУ\tesia_new\nг.Бузулук\t1200\n');
    expect(noPeriod).toContain(
      'не указан период значений: в таблице нет графы периода («Период», «Дата», «Месяц», «Год») — укажите его на странице в поле «Период значений» (например, 2017-03)',
    );
    const unknown = await messagesOf(table([['г.Бузулукк', 'esia_new', '2017-03', 1]]));
    expect(unknown[0]).toMatch(
      /^неизвестное муниципальное образование «г\.Бузулукк»; ближайшие: «г\.Бузулук» \(buzuluk-city\).*\. Подтвердите соответствие кнопкой «это …» у названия в списке «Неизвестные названия»: оно запомнится для следующих импортов$/,
    );
    for (const message of [...noPeriod, ...unknown]) expect(message).not.toMatch(/--[a-z]/);
  });

  it('ends a commit with a bad value as rejected (422) with the problems, writing nothing', async () => {
    const before = await count('observation');
    const res = await start(analyst, {
      fileName: 'плохой.txt',
      text: table([['г.Орск', 'esia_new', '2017-06', 'много']]),
      mode: 'commit',
    });
    const end = (await pollImportJob(app, res.json().id, analyst)).at(-1);
    expect(end?.state).toBe('rejected');
    expect(end?.error).toEqual({
      status: 422,
      message: expect.stringContaining('Найдено ошибок: 1'),
    });
    expect(end?.preview?.problems).toEqual([
      {
        file: 'плохой.txt',
        row: 2,
        column: 'Значение',
        message: expect.stringContaining('«много»'),
      },
    ]);
    expect(await count('observation')).toBe(before);
  });

  it("fails an official's job touching another municipality (403), audited as a denial", async () => {
    const before = await count('observation');
    const res = await start(official, {
      fileName: 'орск.txt',
      text: table([['г.Орск', 'esia_new', '2017-06', 10]]),
      mode: 'commit',
    });
    const end = (await pollImportJob(app, res.json().id, official)).at(-1);
    expect(end).toMatchObject({
      state: 'failed',
      error: { status: 403, message: expect.stringContaining('только с данными своего ОМСУ') },
    });
    expect(await count('observation')).toBe(before);
    const denial = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('outcome', '=', 'denied')
      .where('detail', 'like', 'задание импорта%')
      .execute();
    expect(denial).toEqual([
      { action: 'import.write', detail: expect.stringContaining('задание импорта (commit)') },
    ]);
  });

  it('commits a population column as a job; its history is readable by the own official only', async () => {
    const res = await start(analyst, {
      fileName: 'население.txt',
      text: 'ОМСУ\tЧисленность населения\nг.Бузулук\t86 000\n',
      period: '2017',
      mode: 'commit',
    });
    const end = (await pollImportJob(app, res.json().id, analyst)).at(-1);
    expect(end?.state).toBe('succeeded');
    expect(end?.result?.preview.reference).toMatchObject({ insert: 0, update: 1, unchanged: 0 });
    const history = await app.inject({
      method: 'GET',
      url: '/api/municipalities/buzuluk-city/reference-revisions/2017',
      headers: official,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      {
        kind: 'population',
        indicator: null,
        oldValue: 85199,
        newValue: 86000,
        author: expect.stringMatching(/^analyst-/),
        changedAt: expect.any(String),
        source: `импорт №${end?.result?.batchId}: «население.txt»`,
        batch: {
          id: end?.result?.batchId,
          fileName: 'население.txt',
          sha256: end?.preview?.sha256,
          sourceSystem: null,
          row: 2,
        },
      },
    ]);
    const foreign = await app.inject({
      method: 'GET',
      url: '/api/municipalities/buzuluk-city/reference-revisions/2017',
      headers: otherOfficial,
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses a commit of another file than the previewed one before starting a job', async () => {
    const res = await start(analyst, {
      fileName: 'x.txt',
      text: table([['г.Орск', 'esia_new', '2017-06', 10]]),
      mode: 'commit',
      expectedSha256: '0'.repeat(64),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('Файл отличается');
  });

  it('refuses viewers and the anonymous public before reading the file', async () => {
    const viewer = await createFixtureUser(instance.handle.db, 'viewer');
    const headers = (await openFixtureSession(instance.handle.db, viewer.id)).headers;
    const payload = { fileName: 'x.txt', text: table([]), mode: 'preview' };
    expect((await start(headers, payload)).statusCode).toBe(403);
    expect((await start({}, payload)).statusCode).toBe(401);
  });
});
