import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { testDatabases } from '../support/databases.js';
import { type LiveStaffApp, openLiveStaffApp } from '../support/live-staff-app.js';

const PAGE = '/rating/orenburg-2016-03-table1';
const OWN = 'Данные области — CC BY 4.0, с указанием источника.';
/** Headers that differ between two answers by nature. */
const PER_ANSWER = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);

/**
 * A published page is given again before routing (decision 0010): a visitor sees the same
 * headers and bytes as the application sends, and a change the public should see shows at once.
 */
describe.each(testDatabases())('published pages given again on $name', (kind) => {
  let live: LiveStaffApp;
  let base = '';
  let admin: Record<string, string>;
  beforeAll(async () => {
    live = await openLiveStaffApp(kind);
    const db = live.instance.handle.db;
    admin = (await openFixtureSession(db, (await createFixtureUser(db, 'administrator')).id))
      .headers;
    const address = live.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('нет адреса');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => live?.close());

  const visit = async (init?: RequestInit) => {
    const res = await fetch(base + PAGE, init);
    const headers = Object.fromEntries([...res.headers].filter(([name]) => !PER_ANSWER.has(name)));
    return {
      status: res.status,
      headers,
      id: res.headers.get('x-request-id'),
      body: await res.text(),
    };
  };

  it('answers every visit alike, a held copy with 304, and a change of the licence at once', async () => {
    const visits = [await visit(), await visit(), await visit(), await visit()];
    for (const v of visits.slice(1)) {
      expect(v.status).toBe(200);
      expect(v.headers).toEqual(visits[0]?.headers);
      expect(v.body).toBe(visits[0]?.body);
    }
    expect(new Set(visits.map((v) => v.id)).size).toBe(4);
    expect(visits[0]?.headers['content-security-policy']).toContain("default-src 'self'");
    expect(visits[0]?.headers['cache-control']).toBe('public, max-age=300');

    const etag = visits[0]?.headers.etag ?? '';
    const held = await visit({ headers: { 'if-none-match': etag } });
    expect(held.status).toBe(304);
    expect(held.body).toBe('');
    expect(held.headers.etag).toBe(etag);

    const saved = await live.send('PUT', '/api/portal/licence', admin, { licence: OWN });
    expect(saved.status).toBe(200);
    const after = await visit();
    expect(after.body).toContain(OWN);
    expect(after.headers.etag).not.toBe(etag);
    expect((await visit({ headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('leaves a visitor with a stale session cookie to the application, which clears it', async () => {
    await visit();
    await visit();
    const res = await fetch(base + PAGE, {
      headers: { cookie: `munirank_session=${'a'.repeat(43)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('munirank_session=;');
  });
});
