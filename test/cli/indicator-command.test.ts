import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { publishMethodologyUsing } from '../support/indicator-fixtures.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

describe.each(testDatabases())('munirank indicator on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => instance?.dispose());

  const cli = (...args: string[]) => runCli(['indicator', ...args], instance.env);
  const cliEvents = () =>
    instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'actor_label'])
      .where('action', 'like', 'indicator.%')
      .where('outcome', '=', 'allowed')
      .orderBy('id')
      .execute();

  it('refuses a self-referring formula naming the field, and creates nothing', async () => {
    const bad = await cli('create', 'cli_rate', '-n', 'Темп', '-u', '%', '-f', 'cli_rate + 1');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Ошибка: Поле «формула»: формула ссылается сама на себя («cli_rate» в позиции 1).\n',
    );
    const stored = await instance.handle.db
      .selectFrom('indicator')
      .select('code')
      .where('code', '=', 'cli_rate')
      .execute();
    expect(stored).toEqual([]);
    expect(await cliEvents()).toEqual([]);
  });

  it('creates and edits a passport, audited; an edit of a published one keeps a version', async () => {
    const created = await cli(
      'create',
      'cli_rate',
      '-n',
      'Регистрации на 1000 жителей',
      '-u',
      'ед.',
      '--min',
      '0',
      '-f',
      'esia_new / population * 1000',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe(
      'Создано: cli_rate\tРегистрации на 1000 жителей\tед.\t0—…\tверсия 1\tesia_new / population * 1000\n',
    );
    await publishMethodologyUsing(instance.handle.db, 'cli_rate', 'cli-published');
    const edited = await cli('edit', 'cli_rate', '--max', '500', '--decimals', '2');
    expect(edited.stdout).toBe(
      'Изменено: cli_rate\tРегистрации на 1000 жителей\tед.\t0—500\tверсия 2\tesia_new / population * 1000\n' +
        'Паспорт используется опубликованным рейтингом «cli-published»: прежняя версия 1 сохранена.\n',
    );
    const events = await cliEvents();
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([
      ['indicator.create', 'cli_rate'],
      ['indicator.update', 'cli_rate'],
    ]);
    expect(events[0]?.actor_label).toMatch(/^CLI \(/);
  });
});
