import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { openDiscrepancy } from '../support/crosscheck-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

describe.each(testDatabases())('munirank crosscheck on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let period: string;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
    const db = instance.handle.db;
    const app = await buildApp({ db, regionCode: 'orenburg' });
    const admin = await createFixtureUser(db, 'administrator');
    ({ period } = await openDiscrepancy(app, (await openFixtureSession(db, admin.id)).headers));
    await app.close();
  });
  afterAll(async () => instance?.dispose());
  const cli = (...args: string[]) => runCli(['crosscheck', ...args], instance.env);

  it('refuses a negative tolerance naming the field, and lists the open discrepancy', async () => {
    const bad = await cli('tolerance', 'esia_new', '--percent', '-1');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Ошибка: Поле «relativePercent» (допуск в процентах): нужно число от 0 до 100, получено -1.\n',
    );
    const list = await cli('list', '--period', period);
    expect(list.stderr).toBe('');
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Расхождения источников за ${period}: открытых 1`);
    expect(lines[1]?.split('\t').slice(0, 3)).toEqual(['г.Бузулук', 'esia_new', period]);
    expect(lines[1]).toContain('отчёт ОМСУ 900 — форма ввода');
    expect(lines[1]).toContain(`ЕСИА 1\u00a0000 — импорт №`);
    expect(lines[1]?.endsWith('разница 100 (11,11 %)')).toBe(true);

    const set = await cli('tolerance', 'esia_new', '--percent', '12');
    expect(set.stdout).toBe('Допуск для esia_new: — чел.; 12 %\n');
    const stored = await instance.handle.db
      .selectFrom('crosscheck_tolerance')
      .select(['absolute', 'relative_percent'])
      .execute();
    expect(stored).toEqual([{ absolute: null, relative_percent: 12 }]);
  });

  it('resolves the discrepancy for the extract, writing its value and an audit record', async () => {
    expect((await cli('tolerance', 'esia_new', '--percent', '-')).code).toBe(0);
    const wrong = await cli(
      'resolve',
      'г.Бузулук',
      'esia_new',
      '-p',
      period,
      '--choose',
      'both',
      '--reason',
      'x',
    );
    expect(wrong.stderr).toBe(
      'Ошибка: Поле «--choose»: «both» — нужно report (отчёт ОМСУ) или extract (выгрузка)\n',
    );
    const none = await cli(
      'resolve',
      'г.Орск',
      'esia_new',
      '-p',
      period,
      '--choose',
      'extract',
      '--reason',
      'x',
    );
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Открытого расхождения «г.Орск» × «esia_new»');

    const done = await cli(
      'resolve',
      'г.Бузулук',
      'esia_new',
      '-p',
      period,
      '--choose',
      'extract',
      '--reason',
      'Выгрузка ЕСИА полнее',
    );
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(
      new RegExp(
        `^Засчитано значение выгрузки 1\u00a0000: г\\.Бузулук, esia_new, ${period}; версия \\d+\n$`,
      ),
    );
    const list = await cli('list', '--period', period);
    expect(list.stdout).toBe(`Расхождения источников за ${period}: открытых 0\n`);
    const audit = await instance.handle.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', '=', 'crosscheck.resolve')
      .execute();
    expect(audit).toEqual([{ action: 'crosscheck.resolve', outcome: 'allowed' }]);
  });
});
