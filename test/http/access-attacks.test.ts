// Attempts that must fail, on both databases, and the audit trail entry each one leaves.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { readAccessConfig } from '../../src/server/features/access/access-config.js';
import {
  createFixtureUser,
  FIXTURE_PASSWORD,
  logInOverHttp,
  openFixtureSession,
} from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const SQL_INJECTION = "Robert'); DROP TABLE user_account; -- ' OR '1'='1";
const SCRIPT_INJECTION = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

// The audit CSV prints local time in the server's zone: Orenburg's, UTC+5 all year.
process.env.TZ = 'Asia/Yekaterinburg';

describe.each(testDatabases())('attacks on access control on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let app: FastifyInstance;
  let clock = new Date('2026-11-25T09:00:00Z');
  const db = () => instance.handle.db;
  const testClockConfig = () => readAccessConfig({}, { now: () => clock });

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    app = await buildApp({
      db: instance.handle.db,
      regionCode: 'orenburg',
      access: { now: () => clock },
    });
  });
  afterAll(async () => {
    await app?.close();
    await instance?.dispose();
  });
  beforeEach(() => {
    clock = new Date(clock.getTime() + 24 * 3_600_000);
  });

  const audit = (action: string) =>
    db().selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

  async function officialSessions() {
    const a = await createFixtureUser(db(), 'official', { municipalityCodes: ['buzuluk-city'] });
    const b = await createFixtureUser(db(), 'official', { municipalityCodes: ['orsk-city'] });
    return {
      a,
      b,
      sa: await logInOverHttp(app, a.username, FIXTURE_PASSWORD),
      sb: await logInOverHttp(app, b.username, FIXTURE_PASSWORD),
    };
  }

  it("refuses another municipality's data by an id in the URL or the body, and audits it", async () => {
    const { a, b, sa, sb } = await officialSessions();
    const created = await app.inject({
      method: 'POST',
      url: '/api/responsible-officials',
      headers: sa.headers,
      payload: {
        municipalityCode: 'buzuluk-city',
        fullName: 'Иванов',
        position: 'зам',
        area: 'ЕСИА',
      },
    });
    expect(created.statusCode).toBe(201);
    const recordId = created.json().id as number;

    const readOther = await app.inject({
      method: 'GET',
      url: '/api/municipalities/buzuluk-city/responsible-officials',
      headers: sb.headers,
    });
    expect(readOther.statusCode).toBe(403);
    expect(readOther.json()).toEqual({
      error: 'forbidden',
      message:
        'Нет доступа к данным этого муниципального образования: вы работаете только с данными своего ОМСУ.',
    });
    const writeOther = await app.inject({
      method: 'POST',
      url: '/api/responsible-officials',
      headers: sb.headers,
      payload: { municipalityCode: 'buzuluk-city', fullName: 'Чужой', position: 'x', area: 'x' },
    });
    expect(writeOther.statusCode).toBe(403);
    const deleteOther = await app.inject({
      method: 'DELETE',
      url: `/api/responsible-officials/${recordId}`,
      headers: sb.headers,
    });
    expect(deleteOther.statusCode).toBe(403);

    // B's own municipality works, and A's data is untouched.
    const own = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: sb.headers,
    });
    expect(own.statusCode).toBe(200);
    const still = await app.inject({
      method: 'GET',
      url: '/api/municipalities/buzuluk-city/responsible-officials',
      headers: sa.headers,
    });
    expect(still.json().map((r: { fullName: string }) => r.fullName)).toEqual(['Иванов']);

    const denied = await db()
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_label', '=', b.username)
      .where('outcome', '=', 'denied')
      .orderBy('id')
      .execute();
    expect(denied.map((e) => [e.action, e.entity_type, e.entity_id])).toEqual([
      ['municipality-data.read', 'municipality', 'buzuluk-city'],
      ['municipality-data.write', 'municipality', 'buzuluk-city'],
      ['municipality-data.write', 'responsible_official', String(recordId)],
    ]);
    expect(denied[0]?.actor_user_id).toBe(b.id);
    expect(denied[0]?.ip).toBe('127.0.0.1');
    const createdAudit = (await audit('responsible-official.create')).at(-1);
    expect(createdAudit?.actor_user_id).toBe(a.id);
  });

  it('refuses a logged-out session when it is replayed, and audits the attempt', async () => {
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await logInOverHttp(app, admin.username, FIXTURE_PASSWORD);
    expect(
      (await app.inject({ method: 'GET', url: '/api/users', headers: session.headers })).statusCode,
    ).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/session/logout',
      headers: session.headers,
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');

    const replay = await app.inject({ method: 'GET', url: '/api/users', headers: session.headers });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual({
      error: 'unauthenticated',
      message: 'Требуется вход в систему.',
    });
    const who = await app.inject({ method: 'GET', url: '/api/session', headers: session.headers });
    expect(who.json()).toEqual({ authenticated: false });

    expect((await audit('auth.logout')).at(-1)?.actor_user_id).toBe(admin.id);
    const replayAudit = (await audit('auth.required')).at(-1);
    expect(replayAudit?.outcome).toBe('denied');
    expect(replayAudit?.actor_label).toBe('аноним');
    expect(replayAudit?.detail).toBe(
      'GET /api/users: Требуется вход в систему. Предъявлена недействительная или завершённая сессия.',
    );
  });

  it('asks an anonymous caller to sign in before it looks at the body', async () => {
    for (const payload of [{ values: 'не объект' }, { nothing: true }]) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/entry-forms/buzuluk-city/2017-05',
        payload,
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: 'unauthenticated',
        message: 'Требуется вход в систему.',
      });
    }
    const login = await app.inject({ method: 'POST', url: '/api/session/login', payload: {} });
    expect(login.statusCode).toBe(400);
  });

  it('logs out everywhere: every session of the user ends', async () => {
    const user = await createFixtureUser(db(), 'viewer');
    const laptop = await logInOverHttp(app, user.username, FIXTURE_PASSWORD);
    const phone = await logInOverHttp(app, user.username, FIXTURE_PASSWORD, '10.0.0.7');
    const res = await app.inject({
      method: 'POST',
      url: '/api/session/logout-all',
      headers: phone.headers,
    });
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 2 });
    for (const s of [laptop, phone]) {
      const who = await app.inject({ method: 'GET', url: '/api/session', headers: s.headers });
      expect(who.json()).toEqual({ authenticated: false });
    }
    expect((await audit('auth.logout-all')).at(-1)?.after_json).toBe('{"sessionsEnded":2}');
  });

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async () => {
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await logInOverHttp(app, admin.username, FIXTURE_PASSWORD);
    const other = await logInOverHttp(app, admin.username, FIXTURE_PASSWORD);
    const payload = { username: 'csrf-victim', displayName: 'Жертва', role: 'administrator' };
    for (const headers of [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) },
      { cookie: session.cookie, 'x-csrf-token': other.csrf },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/users', headers, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('csrf');
      expect(res.json().message).toContain('CSRF');
    }
    const users = await db().selectFrom('user_account').select('username').execute();
    expect(users.map((u) => u.username)).not.toContain('csrf-victim');
    const events = (await audit('auth.csrf')).filter((e) => e.actor_user_id === admin.id);
    expect(events).toHaveLength(3);
    expect(
      events.every((e) => e.outcome === 'denied' && e.detail?.includes('POST /api/users')),
    ).toBe(true);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload,
    });
    expect(ok.statusCode).toBe(201);
  });

  const tryLogin = (username: string, password: string, remoteAddress: string, a = app) =>
    a.inject({
      method: 'POST',
      url: '/api/session/login',
      payload: { username, password },
      remoteAddress,
    });
  const later = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  it('slows a guesser at one address with growing delays; the owner elsewhere gets in at once', async () => {
    const user = await createFixtureUser(db(), 'analyst');
    const guesser = '198.51.100.20';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await tryLogin(user.username, `wrong password ${i}`, guesser)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const held = await tryLogin(user.username, 'wrong again', guesser);
    expect(held.headers['retry-after']).toBe('30');
    expect(held.json()).toEqual({
      error: 'too_many_attempts',
      message:
        'Слишком много неудачных попыток входа. Вход временно заблокирован: повторите через 30 с',
    });
    // the owner, at another address, is not held up by someone else's guesses
    expect((await tryLogin(user.username, FIXTURE_PASSWORD, '203.0.113.9')).statusCode).toBe(200);

    // 30 s after the 5th failure one more guess; then 60 s; then 120 s: the delay doubles
    later(31);
    expect((await tryLogin(user.username, 'sixth', guesser)).statusCode).toBe(401);
    expect((await tryLogin(user.username, 'seventh', guesser)).headers['retry-after']).toBe('60');
    later(61);
    expect((await tryLogin(user.username, 'seventh', guesser)).statusCode).toBe(401);
    const longer = await tryLogin(user.username, FIXTURE_PASSWORD, guesser);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('120');
    expect(longer.json().message).toContain('повторите через 2 мин.');

    const events = (await audit('auth.login')).filter(
      (e) => e.entity_id === user.username || e.entity_id === String(user.id),
    );
    expect(events.map((e) => e.outcome)).toEqual([
      ...Array(5).fill('failed'),
      'denied',
      'denied',
      'allowed',
      'failed',
      'denied',
      'failed',
      'denied',
    ]);
    expect(events[0]?.ip).toBe(guesser);
  });

  it('lets an administrator lift the delays of an account, over the API and audited', async () => {
    const user = await createFixtureUser(db(), 'viewer');
    for (let i = 0; i < 5; i += 1) await tryLogin(user.username, `wrong ${i}`, '198.51.100.21');
    expect((await tryLogin(user.username, FIXTURE_PASSWORD, '198.51.100.21')).statusCode).toBe(429);
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await openFixtureSession(db(), admin.id, testClockConfig());
    const analyst = await createFixtureUser(db(), 'analyst');
    const analystSession = await openFixtureSession(db(), analyst.id, testClockConfig());
    const unlock = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/users/${user.id}/unlock`, headers });
    expect((await unlock(analystSession.headers)).statusCode).toBe(403);
    const lifted = await unlock(session.headers);
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ failuresCleared: 5, user: { username: user.username } });
    expect((await tryLogin(user.username, FIXTURE_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
    const recorded = (await audit('account.unlock')).at(-1);
    expect(recorded).toMatchObject({
      outcome: 'allowed',
      entity_id: String(user.id),
      actor_user_id: admin.id,
    });
    expect(JSON.parse(recorded?.after_json ?? '{}')).toEqual({ failuresCleared: 5 });
  });

  it('holds an address that tries names no one has, not one whose people mistype passwords', async () => {
    const scanner = '192.0.2.77';
    for (let i = 0; i < 20; i += 1)
      expect((await tryLogin(`nobody-${i}`, 'guess guess guess', scanner)).statusCode).toBe(401);
    const user = await createFixtureUser(db(), 'viewer');
    expect((await tryLogin(user.username, FIXTURE_PASSWORD, scanner)).statusCode).toBe(429);
    expect((await tryLogin(user.username, FIXTURE_PASSWORD, '192.0.2.78')).statusCode).toBe(200);

    // an office behind one proxy: 25 people each mistype their password once
    const office = '192.0.2.90';
    const people = await Promise.all(
      Array.from({ length: 25 }, () =>
        createFixtureUser(db(), 'official', {
          municipalityCodes: ['orsk-city'],
        }),
      ),
    );
    for (const p of people)
      expect((await tryLogin(p.username, 'typo typo typo', office)).statusCode).toBe(401);
    for (const p of people.slice(0, 3))
      expect((await tryLogin(p.username, FIXTURE_PASSWORD, office)).statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only behind a configured proxy', async () => {
    const user = await createFixtureUser(db(), 'viewer');
    const viaProxy = (a: FastifyInstance, client: string, password: string) =>
      a.inject({
        method: 'POST',
        url: '/api/session/login',
        payload: { username: user.username, password },
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': client },
      });
    // Not configured: the header is anyone's to write, so the connection's address counts.
    for (let i = 0; i < 5; i += 1) await viaProxy(app, `172.16.0.${i}`, 'wrong wrong');
    expect((await viaProxy(app, '172.16.0.99', FIXTURE_PASSWORD)).statusCode).toBe(429);

    const behindProxy = await buildApp({
      db: instance.handle.db,
      regionCode: 'orenburg',
      access: { now: () => clock },
      trustProxy: ['10.9.9.9'],
    });
    try {
      later(16 * 60);
      for (let i = 0; i < 5; i += 1) await viaProxy(behindProxy, '172.16.1.1', 'wrong wrong');
      expect((await viaProxy(behindProxy, '172.16.1.1', FIXTURE_PASSWORD)).statusCode).toBe(429);
      // another client behind the same proxy is another address
      expect((await viaProxy(behindProxy, '172.16.1.2', FIXTURE_PASSWORD)).statusCode).toBe(200);
      const failed = (await audit('auth.login')).filter(
        (e) => e.entity_id === user.username && e.outcome === 'failed',
      );
      expect(failed.at(-1)?.ip).toBe('172.16.1.1');
    } finally {
      await behindProxy.close();
    }
  });

  it('stores injection strings in text fields as text and returns them as text', async () => {
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await openFixtureSession(db(), admin.id, testClockConfig());
    const created = await app.inject({
      method: 'POST',
      url: '/api/responsible-officials',
      headers: session.headers,
      payload: {
        municipalityCode: 'orsk-city',
        fullName: SQL_INJECTION,
        position: SCRIPT_INJECTION,
        area: FORMULA,
        phone: "1' OR 1=1; --",
        email: '"><svg onload=alert(1)>',
      },
    });
    expect(created.statusCode).toBe(201);
    const list = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: session.headers,
    });
    expect(list.headers['content-type']).toContain('application/json');
    expect(list.json()).toEqual([
      expect.objectContaining({
        fullName: SQL_INJECTION,
        position: SCRIPT_INJECTION,
        area: FORMULA,
        phone: "1' OR 1=1; --",
        email: '"><svg onload=alert(1)>',
      }),
    ]);
    const user = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload: {
        username: 'inject-test',
        displayName: `${SQL_INJECTION} ${SCRIPT_INJECTION}`,
        role: 'viewer',
      },
    });
    expect(user.json().user.displayName).toBe(`${SQL_INJECTION} ${SCRIPT_INJECTION}`);
    const probe = await app.inject({
      method: 'POST',
      url: '/api/session/login',
      payload: { username: "admin' OR '1'='1' --", password: "' OR '1'='1" },
      remoteAddress: '198.51.100.99',
    });
    expect(probe.statusCode).toBe(401);
    // The tables are all still there, and the audit trail holds the text verbatim.
    expect(await db().selectFrom('user_account').select('id').execute()).not.toHaveLength(0);
    const event = (await audit('responsible-official.create')).at(-1);
    expect(JSON.parse(event?.after_json ?? '{}').fullName).toBe(SQL_INJECTION);
    const audited = (await audit('auth.login')).at(-1);
    expect(audited?.entity_id).toBe("admin' or '1'='1' --");

    const csv = await app.inject({
      method: 'GET',
      url: '/api/audit-events.csv?action=responsible-official.create',
      headers: session.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFF№;Время (местное);Время (UTC);Пользователь')).toBe(true);
    // A formula typed by someone is neutralised; quotes are doubled.
    expect(csv.body).toContain('""area"":""=HYPERLINK(');
    expect(csv.body).not.toMatch(/;"=HYPERLINK/);
  });

  it('holds a one-time password to being changed, and enforces the password policy', async () => {
    const user = await createFixtureUser(db(), 'analyst', { mustChangePassword: true });
    const session = await logInOverHttp(app, user.username, FIXTURE_PASSWORD);
    const who = await app.inject({ method: 'GET', url: '/api/session', headers: session.headers });
    expect(who.json().user.mustChangePassword).toBe(true);
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: session.headers,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({
      error: 'password_change_required',
      message: 'Смените временный пароль: до смены пароля остальные действия недоступны.',
    });
    const change = (newPassword: string, currentPassword = FIXTURE_PASSWORD) =>
      app.inject({
        method: 'POST',
        url: '/api/session/password',
        headers: session.headers,
        payload: { currentPassword, newPassword },
      });
    expect((await change('short')).json().message).toBe(
      'Пароль должен быть не короче 12 символов.',
    );
    expect((await change('qwertyuiop123')).json().error).toBe('weak_password');
    expect((await change('a good long passphrase', 'wrong current one')).json().error).toBe(
      'wrong_password',
    );
    expect((await change('a good long passphrase')).statusCode).toBe(200);
    const now = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: session.headers,
    });
    expect(now.statusCode).toBe(200);
    expect(
      (await audit('account.password-change'))
        .filter((e) => e.actor_user_id === user.id)
        .map((e) => e.outcome),
    ).toEqual(['failed', 'failed', 'failed', 'allowed']);
  });

  it('ends a session after 30 idle minutes', async () => {
    const user = await createFixtureUser(db(), 'viewer');
    const session = await logInOverHttp(app, user.username, FIXTURE_PASSWORD);
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: session.headers })).json()
        .authenticated,
    ).toBe(true);
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: session.headers })).json()
        .authenticated,
    ).toBe(true);
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: session.headers })).json(),
    ).toEqual({ authenticated: false });
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, Secure behind TLS', async () => {
    const user = await createFixtureUser(db(), 'viewer');
    const login = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/session/login',
        headers,
        payload: { username: user.username, password: FIXTURE_PASSWORD },
      });
    const plain = String((await login({})).headers['set-cookie']);
    expect(plain).toMatch(
      /^munirank_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const tls = String((await login({ 'x-forwarded-proto': 'https' })).headers['set-cookie']);
    expect(tls).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    // Only the hash of the id is stored.
    const id = plain.split(';')[0]?.split('=')[1] ?? '';
    const stored = await db().selectFrom('user_session').select('id_hash').execute();
    expect(stored.some((s) => s.id_hash === id)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id_hash))).toBe(true);
  });

  it('lets API tokens act within their scopes only, until revoked', async () => {
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await openFixtureSession(db(), admin.id, testClockConfig());
    const created = await app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: session.headers,
      payload: { name: 'ИС СОУ', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^mrk_[A-Za-z0-9_-]{43}$/);
    const listed = await app.inject({
      method: 'GET',
      url: '/api/api-tokens',
      headers: session.headers,
    });
    expect(listed.body).not.toContain(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    const read = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: bearer,
    });
    expect(read.statusCode).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: '/api/responsible-officials',
      headers: bearer,
      payload: { municipalityCode: 'orsk-city', fullName: 'x', position: 'x', area: 'x' },
    });
    expect(write.statusCode).toBe(403);
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: bearer });
    expect(users.statusCode).toBe(403);
    const after = (
      await app.inject({ method: 'GET', url: '/api/api-tokens', headers: session.headers })
    ).json();
    expect(after.find((t: { id: number }) => t.id === token.id).lastUsedAt).not.toBeNull();
    await app.inject({
      method: 'POST',
      url: `/api/api-tokens/${token.id}/revoke`,
      headers: session.headers,
    });
    const revoked = await app.inject({
      method: 'GET',
      url: '/api/municipalities/orsk-city/responsible-officials',
      headers: bearer,
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error).toBe('invalid_token');
    const denials = (await audit('municipality-data.write')).filter(
      (e) => e.actor_label === 'токен «ИС СОУ»',
    );
    expect(denials).toHaveLength(1);
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await expect(sql`UPDATE audit_event SET outcome = 'allowed'`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_event`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('filters the audit trail by user, action and dates', async () => {
    const admin = await createFixtureUser(db(), 'administrator');
    const session = await openFixtureSession(db(), admin.id, testClockConfig());
    await app.inject({ method: 'POST', url: '/api/session/logout', headers: session.headers });
    const day = clock.toISOString().slice(0, 10);
    const admin2 = await openFixtureSession(
      db(),
      (await createFixtureUser(db(), 'administrator')).id,
      testClockConfig(),
    );
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit-events?user=${admin.username}&action=auth.logout&from=${day}&to=${day}`,
      headers: admin2.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ actor: admin.username, action: 'auth.logout', outcome: 'allowed' }),
    ]);
    const before = await app.inject({
      method: 'GET',
      url: `/api/audit-events?user=${admin.username}&to=2020-01-01`,
      headers: admin2.headers,
    });
    expect(before.json()).toEqual([]);
  });

  it('audits a denied read of the measure summary as that read, in Russian with local time', async () => {
    const official = await createFixtureUser(db(), 'official', {
      municipalityCodes: ['buzuluk-city'],
    });
    const viewer = await createFixtureUser(db(), 'viewer');
    const admin = await createFixtureUser(db(), 'administrator');
    clock = new Date('2027-06-01T07:05:09Z');
    const config = testClockConfig();
    const read = async (id: number) =>
      app.inject({
        method: 'GET',
        url: '/api/measure-summary/2030',
        headers: (await openFixtureSession(db(), id, config)).headers,
      });
    expect((await read(official.id)).statusCode).toBe(403);
    // The commission reads the summary made for it.
    expect((await read(viewer.id)).statusCode).toBe(200);

    const denied = await db()
      .selectFrom('audit_event')
      .select(['action', 'entity_type', 'entity_id', 'outcome'])
      .where('actor_label', '=', official.username)
      .execute();
    expect(denied).toEqual([
      {
        action: 'measure-summary.read',
        entity_type: 'measure_summary',
        entity_id: '2030',
        outcome: 'denied',
      },
    ]);
    const csv = await app.inject({
      method: 'GET',
      url: `/api/audit-events.csv?user=${official.username}`,
      headers: (await openFixtureSession(db(), admin.id, config)).headers,
    });
    const [header, row] = csv.body.replace('\uFEFF', '').split('\r\n');
    expect(header).toBe(
      '№;Время (местное);Время (UTC);Пользователь;IP-адрес;Браузер;Действие;' +
        'Код действия;Объект;Код объекта;Идентификатор;Результат;Было;Стало;Подробности',
    );
    // 07:05:09 UTC is 12:05:09 in Orenburg.
    expect(row?.split(';').slice(1, 12)).toEqual([
      '01.06.2027 12:05:09',
      '2027-06-01T07:05:09.000Z',
      official.username,
      '127.0.0.1',
      'lightMyRequest',
      'просмотр сводки по мероприятиям',
      'measure-summary.read',
      'сводка по мероприятиям',
      'measure_summary',
      '2030',
      'отказано',
    ]);
  });
});
