import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

describe.each(testDatabases())('munirank registry on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => instance?.dispose());

  const cli = (...args: string[]) => runCli(['registry', ...args], instance.env);
  const cliEvents = () =>
    instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'actor_label'])
      .where('action', 'like', 'municipality.%')
      .orderBy('id')
      .execute();

  it('refuses an ОКТМО of 7 digits naming the field, and adds nothing', async () => {
    const bad = await cli(
      'add',
      'cli-district',
      'Консольный район',
      '-k',
      'municipal_district',
      '--oktmo',
      '5360100',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Ошибка: Поле «ОКТМО»: код ОКТМО — 8 или 11 цифр, а здесь 7 цифр: «5360100».\n',
    );
    expect((await cli('list')).stdout).not.toContain('cli-district');
    expect(await cliEvents()).toEqual([]);
  });

  it('adds, edits, merges and lists units, each change audited as the CLI', async () => {
    const add = await cli(
      'add',
      'cli-district',
      'Консольный район',
      '-k',
      'municipal_district',
      '--oktmo',
      '53601000',
      '--from',
      '2010-01-01',
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe(
      'Добавлено: cli-district\tКонсольный район\tмуниципальный район\t53601000\t2010-01-01—…\t\t\n',
    );
    const edit = await cli('edit', 'cli-district', '--oktmo', '53601000001');
    expect(edit.code).toBe(0);
    const merge = await cli(
      'merge',
      'cli-district',
      'tyulganskiy-district',
      '--date',
      '2026-01-01',
      '--into',
      'cli-okrug',
      '--name',
      'Консольный округ',
    );
    expect(merge.stderr).toBe('');
    expect(merge.stdout).toBe(
      'Объединено с 2026-01-01: Консольный район, Тюльганский район → Консольный округ (cli-okrug)\n',
    );
    const list = (await cli('list')).stdout.split('\n');
    expect(list).toContain(
      'cli-district\tКонсольный район\tмуниципальный район\t53601000001\t2010-01-01—2025-12-31\t→ cli-okrug\t',
    );
    expect(list).toContain('cli-okrug\tКонсольный округ\tмуниципальный округ\t—\t2026-01-01—…\t\t');
    const closed = await cli('close', 'cli-okrug', '--to', '2025-06-30');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toBe(
      'Ошибка: Поле «действует по»: 2025-06-30 раньше начала действия 2026-01-01.\n',
    );
    const events = await cliEvents();
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([
      ['municipality.create', 'cli-district'],
      ['municipality.update', 'cli-district'],
      ['municipality.merge', 'cli-okrug'],
    ]);
    expect(events.every((e) => e.actor_label.startsWith('CLI ('))).toBe(true);
  });
});
