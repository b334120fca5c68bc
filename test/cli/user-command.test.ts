import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLoginFailure } from '../../src/db/repositories/login-failure-repository.js';
import { findUserByUsername } from '../../src/db/repositories/user-repository.js';
import { verifyPassword } from '../../src/server/features/access/password-hash.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

describe.each(testDatabases())('munirank user on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  it('adds, lists, resets and disables accounts, printing one-time passwords once', async () => {
    const add = await runCli(
      [
        'user',
        'add',
        'ivanova',
        '--role',
        'official',
        '-m',
        'orsk-city',
        '--name',
        'Иванова А. А.',
      ],
      instance.env,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const password = add.stdout.match(/^ {2}(\S+)$/m)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    const row = await findUserByUsername(instance.handle.db, 'ivanova');
    expect(row).toMatchObject({ role: 'official', must_change_password: 1, status: 'active' });
    expect(await verifyPassword(password, row?.password_hash ?? '')).toBe(true);

    const list = await runCli(['user', 'list'], instance.env);
    expect(list.stdout).toContain(
      'ivanova\tпредставитель ОМСУ\tактивен, временный пароль\tИванова А. А.\torsk-city',
    );

    const reset = await runCli(['user', 'reset-password', 'ivanova'], instance.env);
    const second = reset.stdout.match(/^ {2}(\S+)$/m)?.[1] ?? '';
    expect(second).not.toBe(password);
    const after = await findUserByUsername(instance.handle.db, 'ivanova');
    expect(await verifyPassword(second, after?.password_hash ?? '')).toBe(true);

    // three wrong passwords from two addresses: unlock forgets them all
    for (const ip of ['10.0.0.1', '10.0.0.1', '10.0.0.2'])
      await insertLoginFailure(instance.handle.db, {
        username: 'ivanova',
        ip,
        at: new Date().toISOString(),
        accountKnown: true,
      });
    const unlock = await runCli(['user', 'unlock', 'ivanova'], instance.env);
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain(
      'Блокировка входа ivanova снята (забыто неудачных попыток: 3).',
    );
    expect(await instance.handle.db.selectFrom('login_failure').selectAll().execute()).toEqual([]);

    expect((await runCli(['user', 'disable', 'ivanova'], instance.env)).code).toBe(0);
    expect((await findUserByUsername(instance.handle.db, 'ivanova'))?.status).toBe('disabled');

    const bad = await runCli(['user', 'add', 'x1x', '--role', 'root'], instance.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Неизвестная роль «root»');
    const help = await runCli(['user', '--help'], instance.env);
    expect(help.stdout).toContain('Учётные записи пользователей');

    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'actor_label'])
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual([
      'account.create',
      'account.reset-password',
      'account.unlock',
      'account.disable',
    ]);
    expect(audit[0]?.actor_label).toMatch(/^CLI \(.+\)$/);
  });
});
