import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { ImportJobLimits } from '../../src/server/features/imports/import-job-limits.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { HeldImportJobs } from '../support/held-import-jobs.js';
import { pollImportJob } from '../support/import-job-polling.js';

/** A pasted file of `bytes` bytes (ASCII padding after the table) that previews cleanly. */
const fileOf = (bytes: number) => {
  const table = 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t1250\n';
  const size = Buffer.byteLength(table);
  return { fileName: 'апрель.txt', text: table + '\n'.repeat(bytes - size), mode: 'preview' };
};

describe.each(testDatabases())('limits on import jobs over HTTP on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let first: Record<string, string>;
  let second: Record<string, string>;
  let app: FastifyInstance | null = null;
  let jobs: HeldImportJobs;
  const open = async (limits: ImportJobLimits) => {
    jobs = new HeldImportJobs({ limits });
    app = await buildApp({ db: instance.handle.db, regionCode: 'orenburg', importJobs: jobs });
    return app;
  };
  const start = (headers: Record<string, string>, payload: object) =>
    (app as FastifyInstance).inject({ method: 'POST', url: '/api/imports/jobs', headers, payload });
  const finish = async (id: string, headers: Record<string, string>) => {
    jobs.release(id);
    return (await pollImportJob(app as FastifyInstance, id, headers)).at(-1);
  };

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    const db = instance.handle.db;
    const a = await createFixtureUser(db, 'analyst', { username: 'analyst-first' });
    first = (await openFixtureSession(db, a.id)).headers;
    const b = await createFixtureUser(db, 'analyst', { username: 'analyst-second' });
    second = (await openFixtureSession(db, b.id)).headers;
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(async () => instance?.dispose());

  it('refuses a third running job of one user with 429 and Retry-After; another user starts one', async () => {
    await open({ runningPerOwner: 2, maxHeldBytes: 1024 * 1024 });
    const a = await start(first, fileOf(200));
    const b = await start(first, fileOf(200));
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const third = await start(first, fileOf(200));
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('10');
    expect(third.json()).toEqual({
      error: 'too_many_import_jobs',
      message:
        'У вас уже выполняется заданий импорта: 2 (можно не больше 2 одновременно). Дождитесь окончания одного из них и запустите снова.',
    });
    const other = await start(second, fileOf(200));
    expect(other.statusCode).toBe(202);

    // Once one of the first user's jobs has ended, the user starts again.
    expect(await finish(a.json().id, first)).toMatchObject({
      state: 'succeeded',
      preview: { counts: { insert: 1, problems: 0 } },
    });
    const again = await start(first, fileOf(200));
    expect(again.statusCode).toBe(202);
    for (const [res, headers] of [
      [b, first],
      [other, second],
      [again, first],
    ] as const)
      expect((await finish(res.json().id, headers))?.state).toBe('succeeded');
    expect(jobs.heldBytes).toBe(0);
  });

  it('refuses new jobs with 503 while running jobs hold the byte cap, until one ends', async () => {
    await open({ runningPerOwner: 2, maxHeldBytes: 3000 });
    const big = await start(first, fileOf(2000));
    expect(big.statusCode).toBe(202);
    expect(jobs.heldBytes).toBe(2000);
    const refused = await start(second, fileOf(1001));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json()).toEqual({
      error: 'import_memory_full',
      message:
        'Сервер занят: файлы выполняющихся заданий импорта занимают 2 КБ из 3 КБ, а этот файл — 1 КБ. Память освобождается, как только задание заканчивается; повторите через 10 с.',
    });
    const fits = await start(second, fileOf(1000));
    expect(fits.statusCode).toBe(202);
    expect(jobs.heldBytes).toBe(3000);

    // The finished job keeps its outcome for its owner, but its file no longer counts.
    expect((await finish(big.json().id, first))?.state).toBe('succeeded');
    expect(jobs.heldBytes).toBe(1000);
    const read = await (app as FastifyInstance).inject({
      url: `/api/imports/jobs/${big.json().id}`,
      headers: first,
    });
    expect(read.json()).toMatchObject({ state: 'succeeded', preview: { size: 2000 } });
    const now = await start(second, fileOf(2000));
    expect(now.statusCode).toBe(202);
    for (const id of [fits.json().id, now.json().id])
      expect((await finish(id, second))?.state).toBe('succeeded');
    expect(jobs.heldBytes).toBe(0);
  });
});
