import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { insertUser, setUserMunicipalities } from '../../src/db/repositories/user-repository.js';
import type { Database } from '../../src/db/schema/index.js';
import type { Role } from '../../src/domain/access.js';
import type { AccessConfig } from '../../src/server/features/access/access-config.js';
import { readAccessConfig } from '../../src/server/features/access/access-config.js';
import { hashPassword } from '../../src/server/features/access/password-hash.js';
import { createSession, csrfTokenFor } from '../../src/server/features/access/session-service.js';

export const FIXTURE_PASSWORD = 'correct horse battery staple';

let fixtureHash: Promise<string> | null = null;
/** One scrypt hash for every fixture account: tests create many accounts and hash once. */
const fixturePasswordHash = () => {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  return fixtureHash;
};

let counter = 0;

export interface FixtureUser {
  id: number;
  username: string;
  role: Role;
}

/** An account straight in the database, with FIXTURE_PASSWORD. */
export async function createFixtureUser(
  db: Kysely<Database>,
  role: Role,
  options: { municipalityCodes?: string[]; username?: string; mustChangePassword?: boolean } = {},
): Promise<FixtureUser> {
  counter += 1;
  const username = options.username ?? `${role}-${counter}-${Date.now().toString(36)}`;
  const now = new Date().toISOString();
  const id = await insertUser(db, {
    username,
    display_name: `Тест ${username}`,
    role,
    status: 'active',
    password_hash: await fixturePasswordHash(),
    must_change_password: options.mustChangePassword ? 1 : 0,
    is_demo: 0,
    created_at: now,
    updated_at: now,
    password_changed_at: null,
    last_login_at: null,
  });
  if (options.municipalityCodes?.length) {
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const rows = await db
      .selectFrom('municipality')
      .select('id')
      .where('region_id', '=', regionId)
      .where('code', 'in', options.municipalityCodes)
      .execute();
    await setUserMunicipalities(
      db,
      id,
      rows.map((r) => r.id),
    );
  }
  return { id, username, role };
}

export interface Credentials {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** A session opened directly (no password check), with the headers a browser would send. */
export async function openFixtureSession(
  db: Kysely<Database>,
  userId: number,
  config: AccessConfig = readAccessConfig({}),
): Promise<Credentials> {
  const id = await createSession(db, config, userId, { ip: '127.0.0.1', userAgent: 'vitest' });
  const cookie = `munirank_session=${id}`;
  const csrf = csrfTokenFor(id);
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Logs in through the API and returns the session's credentials. */
export async function logInOverHttp(
  app: FastifyInstance,
  username: string,
  password: string,
  remoteAddress = '127.0.0.1',
): Promise<Credentials> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session/login',
    payload: { username, password },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0] ?? '';
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
