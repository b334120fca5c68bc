import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOUNDARIES } from '../../src/server/features/boundaries/demo-boundaries.js';
import { testDatabases } from '../support/databases.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

beforeAll(assertCliBuilt);

describe('munirank --help', () => {
  it.each([
    [[], 'munirank — рейтинг муниципальных образований'],
    [['serve'], 'Применить миграции и запустить веб-сервер и API'],
    [['start'], 'Первый запуск'],
    [['migrate'], 'Применить к базе данных все недостающие миграции'],
    [['demo'], 'Демонстрационные данные Оренбургской области'],
    [['demo', 'load'], 'повторная загрузка ничего не меняет'],
    [['demo', 'reset'], '--yes'],
  ])('%j --help explains itself in Russian', async (args, expected) => {
    const r = await runCli([...args, '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(expected);
  });

  const EVERY_COMMAND: string[][] = [
    [],
    ['serve'],
    ['start'],
    ['migrate'],
    ['demo'],
    ['demo', 'load'],
    ['demo', 'reset'],
    ['compute'],
    ['verify'],
    ['uncertainty'],
    ['simulate'],
    ['user'],
    ['user', 'add'],
    ['user', 'list'],
    ['user', 'disable'],
    ['user', 'enable'],
    ['user', 'reset-password'],
    ['import'],
    ['region'],
    ['region', 'create'],
    ['registry'],
    ['registry', 'list'],
    ['registry', 'add'],
    ['registry', 'edit'],
    ['registry', 'close'],
    ['registry', 'merge'],
  ];

  it.each(EVERY_COMMAND.map((args) => [args]))(
    '%j --help has no English words of its own',
    async (args) => {
      const r = await runCli([...args, '--help'], {});
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Запуск: munirank/);
      // commander's words, and placeholders (<file>) in Latin letters.
      expect(r.stdout).not.toMatch(
        /Usage|Options|Commands|Arguments|default:|choices:|\[options\]|\[command\]|display help|<[a-z]/i,
      );
    },
  );

  it('names defaults in Russian and each placeholder in words', async () => {
    const r = await runCli(['uncertainty', '--help'], {});
    expect(r.stdout).toContain('--draws <число>       число испытаний (по умолчанию: 1000)');
    const user = await runCli(['user', '--help'], {});
    expect(user.stdout).toContain('Запуск: munirank user [параметры] [команда]');
    expect(user.stdout).toContain('help [команда]');
  });

  it('says in Russian what is missing from a command line', async () => {
    const r = await runCli(['compute', '--methodology', 'm.json'], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^ошибка: не указан обязательный параметр '--data <файл>'/);
  });

  it('rejects an unknown command with a non-zero exit', async () => {
    const r = await runCli(['no-such-command'], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no-such-command');
  });
});

describe.each(testDatabases())('migrate and demo reset on $name', (kind) => {
  it('migrates once, then reports nothing to do; reset reloads the demo from scratch', async () => {
    const instance = await kind.create({ migrate: false });
    try {
      const first = await runCli(['migrate'], instance.env);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('2026-11-24-0001-initial-schema');
      const second = await runCli(['migrate'], instance.env);
      expect(second.stdout).toContain('Схема актуальна, применять нечего.');

      const refused = await runCli(['demo', 'reset'], instance.env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('Повторите с --yes');

      expect((await runCli(['demo', 'load'], instance.env)).code).toBe(0);
      expect((await runCli(['demo', 'load'], instance.env)).code).toBe(0);
      const actions = async () =>
        (
          await instance.handle.db
            .selectFrom('audit_event')
            .select(['action', 'actor_label', 'entity_id'])
            .orderBy('id')
            .execute()
        ).map(
          (e) =>
            `${e.action} ${e.action === 'boundaries.upload' ? 'N' : e.entity_id} ${e.actor_label.replace(/\(.+\)/, '(…)')}`,
        );
      // The demo's map, where the shared OpenStreetMap file sits beside the repository.
      const map = existsSync(DEMO_BOUNDARIES) ? ['boundaries.upload N CLI (…)'] : [];
      // the second load changed nothing and is not recorded
      expect(await actions()).toEqual(['demo.load orenburg CLI (…)', ...map]);
      const reset = await runCli(['demo', 'reset', '--yes'], instance.env);
      expect(reset.code).toBe(0);
      // the trail starts again with the reset that emptied it
      expect(await actions()).toEqual(['demo.reset orenburg CLI (…)', ...map]);
      expect(reset.stdout).toContain('Демо-данные «Оренбургская область» загружены.');
      const units = await sql<{ n: number }>`select count(*) as n from municipality`.execute(
        instance.handle.db,
      );
      expect(Number(units.rows[0]?.n)).toBe(42);
    } finally {
      await instance.dispose();
    }
  });
});
