import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { findUserByUsername } from '../../src/db/repositories/user-repository.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoAccounts } from '../../src/demo/demo-accounts.js';
import { readAccessConfig } from '../../src/server/features/access/access-config.js';
import { ensureInitialAdministrator } from '../../src/server/features/access/account-service.js';
import type { AuditContext } from '../../src/server/features/access/audit.js';
import {
  hashPassword,
  SCRYPT_PARAMS,
  verifyPassword,
} from '../../src/server/features/access/password-hash.js';
import { checkPasswordPolicy } from '../../src/server/features/access/password-policy.js';
import {
  createSession,
  describeSessionUser,
  resolveSession,
} from '../../src/server/features/access/session-service.js';
import { createFixtureUser } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const context = (): AuditContext => ({
  actor: { kind: 'system', label: 'CLI (тест)' },
  ip: null,
  userAgent: null,
  at: new Date(),
});

describe('password hashing and policy', () => {
  it('uses scrypt with at least 16 MiB, stores its parameters, and verifies', async () => {
    expect(128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^scrypt\$16384\$10\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long enough passphrasf', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    // Parameters travel with the hash: an older, cheaper hash still verifies.
    const old = await hashPassword('legacy passphrase', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('legacy passphrase', old)).toBe(true);
  });

  it('refuses short, common and monotonous passwords', () => {
    expect(checkPasswordPolicy('short1')).toBe('Пароль должен быть не короче 12 символов.');
    expect(checkPasswordPolicy('qwertyuiop123')).toContain('распространённых');
    expect(checkPasswordPolicy('ЙЦУКЕНГШЩЗХЪ')).toContain('распространённых');
    expect(checkPasswordPolicy('aaaaaaaaaaaaaa')).toContain('однообразен');
    expect(checkPasswordPolicy('ivanov-orsk-2026', 'ivanov')).toContain('имя пользователя');
    expect(checkPasswordPolicy('лес поле река 2026')).toBeNull();
  });
});

describe.each(testDatabases())('accounts on first start and in demo mode on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeEach(async () => {
    instance = await createDemoDatabase(kind);
  });
  afterEach(async () => {
    await instance?.dispose();
  });

  it('creates one administrator with a one-time password on a database without accounts', async () => {
    const db = instance.handle.db;
    const first = await ensureInitialAdministrator(db, context());
    expect(first?.username).toBe('admin');
    expect(first?.oneTimePassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    const row = await findUserByUsername(db, 'admin');
    expect(row).toMatchObject({ role: 'administrator', must_change_password: 1, is_demo: 0 });
    expect(row?.password_hash).not.toContain(first?.oneTimePassword ?? '-');
    expect(await verifyPassword(first?.oneTimePassword ?? '', row?.password_hash ?? '')).toBe(true);
    expect(await ensureInitialAdministrator(db, context())).toBeNull();
    const audit = await db.selectFrom('audit_event').selectAll().execute();
    expect(audit.map((e) => [e.action, e.actor_label, e.entity_id])).toEqual([
      ['account.create', 'CLI (тест)', String(row?.id)],
    ]);
    expect(audit[0]?.after_json).not.toContain(first?.oneTimePassword ?? '-');
  });

  it('creates the documented demo accounts only in demo mode', async () => {
    const db = instance.handle.db;
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    await expect(ensureDemoAccounts(db, regionId, { demo: false }, context())).rejects.toThrow(
      'Демо-учётные записи с известным паролем создаются только в демо-режиме (munirank start).',
    );
    expect(await db.selectFrom('user_account').select('id').execute()).toEqual([]);
    expect(await ensureDemoAccounts(db, regionId, { demo: true }, context())).toEqual(
      DEMO_ACCOUNTS.map((a) => a.username),
    );
    const buzuluk = await findUserByUsername(db, 'demo-buzuluk');
    expect(buzuluk).toMatchObject({ role: 'official', is_demo: 1, must_change_password: 0 });
    expect(await verifyPassword(DEMO_PASSWORD, buzuluk?.password_hash ?? '')).toBe(true);
    expect(await ensureDemoAccounts(db, regionId, { demo: true }, context())).toEqual([]);
    // After demo accounts exist, no bootstrap administrator is needed.
    expect(await ensureInitialAdministrator(db, context())).toBeNull();
  });

  it('does not add demo accounts next to real ones', async () => {
    const db = instance.handle.db;
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    await createFixtureUser(db, 'administrator', { username: 'real-admin' });
    expect(await ensureDemoAccounts(db, regionId, { demo: true }, context())).toBeNull();
    expect(await findUserByUsername(db, 'demo-admin')).toBeUndefined();
  });

  it("describes an official's session with exactly its own municipalities, by name", async () => {
    const db = instance.handle.db;
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const config = readAccessConfig({});
    const official = await createFixtureUser(db, 'official', {
      municipalityCodes: ['orsk-city', 'buzuluk-city'],
    });
    const sessionId = await createSession(db, config, official.id, { ip: null, userAgent: null });
    const session = await resolveSession(db, config, sessionId);
    if (!session) throw new Error('the session just opened is not found');
    const user = await describeSessionUser(db, regionId, session);
    expect(user.municipalities.map((m) => [m.code, m.name, m.kind])).toEqual([
      ['buzuluk-city', 'г.Бузулук', 'city_okrug'],
      ['orsk-city', 'г.Орск', 'city_okrug'],
    ]);
    // Another region has none of them.
    expect((await describeSessionUser(db, regionId + 1000, session)).municipalities).toEqual([]);
  });
});
