// Two munirank instances on one PostgreSQL, as a region runs them behind a balancer: each with
// its own connection pool, nothing shared but the database.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPostgres } from '../../src/db/connect.js';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, FIXTURE_PASSWORD } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { HeldImportJobs } from '../support/held-import-jobs.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

const postgres = testDatabases().filter((d) => d.name === 'postgres');

interface Answer {
  status: number;
  body: Record<string, unknown>;
  cookie: string | null;
}

describe.each(postgres)('two instances on one $name', (kind) => {
  let second: DatabaseHandle;
  const apps: FastifyInstance[] = [];
  const bases: string[] = [];
  const jobs: HeldImportJobs[] = [];
  let dispose = async () => {};

  beforeAll(async () => {
    const instance = await createDemoDatabase(kind);
    const url = instance.env.DATABASE_URL;
    if (!url) throw new Error('no DATABASE_URL for the PostgreSQL test database');
    second = openPostgres(url);
    for (const db of [instance.handle.db, second.db]) {
      const importJobs = new HeldImportJobs();
      jobs.push(importJobs);
      const app = await buildApp({ db, regionCode: 'orenburg', importJobs });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (address === null || typeof address !== 'object') throw new Error('no address');
      apps.push(app);
      bases.push(`http://127.0.0.1:${address.port}`);
    }
    dispose = async () => {
      for (const app of apps) await app.close();
      await second.close();
      await instance.dispose();
    };
  });
  afterAll(async () => dispose());

  async function send(
    on: number,
    method: 'GET' | 'POST',
    path: string,
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(bases[on] + path, {
      method,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const text = await res.text();
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
    return { status: res.status, body: text === '' ? {} : JSON.parse(text), cookie };
  }

  const signIn = async (on: number, username: string) => {
    const res = await send(on, 'POST', '/api/session/login', {
      username,
      password: FIXTURE_PASSWORD,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { cookie: res.cookie ?? '', csrf: String(res.body.csrfToken) };
  };

  it('a session opened on one instance is valid on the other, and signing out there ends it on both', async () => {
    const analyst = await createFixtureUser(second.db, 'analyst');
    const session = await signIn(0, analyst.username);
    const there = await send(1, 'GET', '/api/session', undefined, { cookie: session.cookie });
    expect(there.body).toMatchObject({ authenticated: true, user: { username: analyst.username } });
    const out = await send(
      1,
      'POST',
      '/api/session/logout',
      {},
      {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
      },
    );
    expect(out.status).toBeLessThan(300);
    const back = await send(0, 'GET', '/api/session', undefined, { cookie: session.cookie });
    expect(back.body).toMatchObject({ authenticated: false });
  });

  it('counts failed sign-ins made on both instances: the sixth attempt is held on either', async () => {
    const viewer = await createFixtureUser(second.db, 'viewer');
    const wrong = { username: viewer.username, password: 'не тот пароль, совсем не тот' };
    // Three failures on one instance and two on the other: five from this address in all.
    for (const on of [0, 1, 0, 1, 0])
      expect((await send(on, 'POST', '/api/session/login', wrong)).status).toBe(401);
    const held = await send(1, 'POST', '/api/session/login', {
      username: viewer.username,
      password: FIXTURE_PASSWORD,
    });
    expect(held.status).toBe(429);
    expect(held.body.error).toBe('too_many_attempts');
  });

  it('runs one uncertainty computation per region across instances: the other gets 429', async () => {
    const analyst = await createFixtureUser(second.db, 'analyst');
    const sessions = [await signIn(0, analyst.username), await signIn(1, analyst.username)];
    const headers = (i: number) => ({
      cookie: sessions[i]?.cookie ?? '',
      'x-csrf-token': sessions[i]?.csrf ?? '',
    });
    const methodology = methodologyOf('two-instances', 'Два экземпляра', [
      RATING_VALUE,
      ESIA_PER_1000,
    ]);
    const computed = await send(
      0,
      'POST',
      '/api/ratings',
      {
        code: 'two-2016-03',
        title: 'Два экземпляра',
        period: '2016-03-01',
        asOf: '2016-03-01',
        methodology,
      },
      headers(0),
    );
    expect(computed.status, JSON.stringify(computed.body)).toBe(201);
    const run = (i: number) =>
      fetch(`${bases[i]}/api/ratings/two-2016-03/uncertainty`, {
        method: 'POST',
        headers: { ...headers(i), 'content-type': 'application/json' },
        body: JSON.stringify({ draws: 3000, workers: 1 }),
      }).then(async (res) => ({ status: res.status, text: await res.text() }));
    const [a, b] = await Promise.all([run(0), run(1)]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    const ok = a.status === 200 ? a : b;
    expect(ok.text.trim().split('\n').at(-1)).toContain('"result"');
    // The lock is given back: the next run on either instance goes ahead.
    expect((await run(1)).status).toBe(200);
  });

  it('counts a user’s running import jobs on both instances: the third is refused on either', async () => {
    const official = await createFixtureUser(second.db, 'analyst');
    const sessions = [await signIn(0, official.username), await signIn(1, official.username)];
    const headers = (i: number) => ({
      cookie: sessions[i]?.cookie ?? '',
      'x-csrf-token': sessions[i]?.csrf ?? '',
    });
    const file = {
      fileName: 'апрель.txt',
      text: 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t1250\n',
      mode: 'preview',
    };
    const start = (i: number) => send(i, 'POST', '/api/imports/jobs', file, headers(i));
    const first = await start(0);
    const second_ = await start(1);
    expect([first.status, second_.status]).toEqual([202, 202]);
    // Two run (one on each instance): a third is refused on both, naming the limit.
    for (const i of [0, 1]) {
      const third = await start(i);
      expect(third.status).toBe(429);
      expect(third.body.message).toContain('У вас уже выполняется заданий импорта: 2');
    }
    // One ends on the first instance: the second instance may start one again.
    jobs[0]?.release(String(first.body.id));
    await expect
      .poll(
        async () =>
          (await send(0, 'GET', `/api/imports/jobs/${first.body.id}`, undefined, headers(0))).body
            .state,
      )
      .toBe('succeeded');
    const again = await start(1);
    expect(again.status).toBe(202);
    jobs[1]?.release(String(second_.body.id));
    jobs[1]?.release(String(again.body.id));
  });
});
