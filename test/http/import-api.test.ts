import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { preparedForm } from '../support/collection-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const table = (rows: [string, string, string, number][]) =>
  ['ОМСУ\tПоказатель\tПериод\tЗначение', ...rows.map((r) => r.join('\t'))].join('\n');

describe.each(testDatabases())('imports over HTTP on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let official: Record<string, string>;
  let analyst: Record<string, string>;
  const count = async (t: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(
          instance.handle.db,
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg' });
    const db = instance.handle.db;
    const o = await createFixtureUser(db, 'official', { municipalityCodes: ['buzuluk-city'] });
    official = (await openFixtureSession(db, o.id)).headers;
    const a = await createFixtureUser(db, 'analyst', { username: 'analyst-import' });
    analyst = (await openFixtureSession(db, a.id)).headers;
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });

  it('lets an official preview and commit the own municipality, with audit and history', async () => {
    const payload = {
      fileName: 'март.txt',
      text: table([['г.Бузулук', 'esia_new', '2017-03', 1200]]),
    };
    const preview = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: official,
      payload,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().counts).toMatchObject({ insert: 1, update: 0, problems: 0 });
    expect(await count('import_batch')).toBe(0);

    const commit = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: official,
      payload,
    });
    expect(commit.statusCode).toBe(200);
    expect(commit.json().outcome).toBe('committed');
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select(['actor_label', 'entity_id'])
      .where('action', '=', 'import.commit')
      .execute();
    expect(audit).toEqual([
      {
        actor_label: expect.stringMatching(/^official-/),
        entity_id: String(commit.json().batchId),
      },
    ]);

    // The value's history names the batch's author, time, file and row.
    const batchId = commit.json().batchId;
    const observation = await instance.handle.db
      .selectFrom('observation as o')
      .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
      .select('o.id')
      .where('i.code', '=', 'esia_new')
      .where('o.period', '=', '2017-03')
      .executeTakeFirstOrThrow();
    const batch = await instance.handle.db
      .selectFrom('import_batch')
      .select(['author', 'imported_at', 'file_sha256'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    const history = await app.inject({
      method: 'GET',
      url: `/api/observations/${observation.id}/revisions`,
      headers: official,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      {
        revision: 1,
        oldValue: null,
        newValue: 1200,
        author: batch.author,
        changedAt: batch.imported_at,
        source: `импорт №${batchId}: «март.txt»`,
        note: null,
        batch: {
          id: batchId,
          fileName: 'март.txt',
          sha256: batch.file_sha256,
          sourceSystem: null,
          row: 2,
        },
      },
    ]);

    const again = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: official,
      payload,
    });
    expect(again.json().outcome).toBe('no-changes');

    // A later file changes the value: revision 1, kept in the value's row until now, is
    // written out with its first batch and row, then revision 2 with the new ones.
    const revisionRows = async () =>
      (
        await instance.handle.db
          .selectFrom('observation_revision')
          .select('revision')
          .where('observation_id', '=', observation.id)
          .execute()
      ).map((r) => r.revision);
    expect(await revisionRows()).toEqual([]);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: official,
      payload: {
        fileName: 'март-уточнение.txt',
        text: table([
          ['г.Бузулук', 'esia_new', '2017-02', 1100],
          ['г.Бузулук', 'esia_new', '2017-03', 1234],
        ]),
      },
    });
    expect(changed.statusCode).toBe(200);
    const secondBatch = changed.json().batchId;
    expect(await revisionRows()).toEqual([1, 2]);
    const after = await app.inject({
      method: 'GET',
      url: `/api/observations/${observation.id}/revisions`,
      headers: official,
    });
    expect(
      after
        .json()
        .map(
          (r: {
            revision: number;
            oldValue: number | null;
            newValue: number;
            batch: { id: number; row: number };
          }) => [r.revision, r.oldValue, r.newValue, r.batch.id, r.batch.row],
        ),
    ).toEqual([
      [1, null, 1200, batchId, 2],
      [2, 1200, 1234, secondBatch, 3],
    ]);
    expect(after.json()[0]).toEqual(history.json()[0]);
  });

  it("refuses an official's file that touches another municipality, writing nothing", async () => {
    const before = await count('observation');
    const payload = {
      fileName: 'чужое.txt',
      text: table([
        ['г.Бузулук', 'esia_new', '2017-04', 900],
        ['г.Орск', 'esia_new', '2017-04', 800],
      ]),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: official,
      payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('только с данными своего ОМСУ');
    expect(await count('observation')).toBe(before);
    const analystRes = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload,
    });
    expect(analystRes.statusCode).toBe(200);
    expect(analystRes.json().preview.counts.insert).toBe(2);
  });

  it('refuses a commit whose file differs from the previewed one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload: {
        fileName: 'x.txt',
        text: table([['г.Орск', 'esia_new', '2017-05', 1]]),
        expectedSha256: '0'.repeat(64),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'Файл отличается от того, что был в предпросмотре: ничего не записано',
    );
  });

  it('answers a rejected file with 422 and every problem located', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload: {
        fileName: 'плохой.txt',
        text: table([['Нет такого района', 'esia_new', '2017-03', 5]]),
      },
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json().preview.problems[0];
    expect(problem).toMatchObject({ file: 'плохой.txt', row: 2 });
  });

  it('refuses to change an approved or locked period until it is reopened', async () => {
    const db = instance.handle.db;
    const locked = await preparedForm(db, 'buzuluk-city', 'locked');
    const approved = await preparedForm(db, 'buzuluk-city', 'approved');
    const month = (p: string) =>
      [
        'январь',
        'февраль',
        'март',
        'апрель',
        'май',
        'июнь',
        'июль',
        'август',
        'сентябрь',
        'октябрь',
        'ноябрь',
        'декабрь',
      ][Number(p.slice(5, 7)) - 1];
    const payload = {
      fileName: 'закрытые.txt',
      text: table([
        ['г.Бузулук', 'esia_new', locked, 1],
        ['г.Бузулук', 'esia_new', approved, 2],
      ]),
    };
    const before = await count('observation_revision');
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: analyst,
      payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().preview.problems).toEqual([
      {
        file: 'закрытые.txt',
        row: 2,
        column: null,
        message: `данные «г.Бузулук» за ${month(locked)} ${locked.slice(0, 4)} закрыты: изменить их можно только после возврата или открытия периода аналитиком`,
      },
      {
        file: 'закрытые.txt',
        row: 3,
        column: null,
        message: `данные «г.Бузулук» за ${month(approved)} ${approved.slice(0, 4)} утверждены: изменить их можно только после возврата или открытия периода аналитиком`,
      },
    ]);
    expect(await count('observation_revision')).toBe(before);
  });
});
