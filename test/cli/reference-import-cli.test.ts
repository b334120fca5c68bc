import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

let dir: string;
let file: string;
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-reference-cli-'));
  file = join(dir, 'население.csv');
  writeFileSync(
    file,
    'ОМСУ;Численность населения МО;Всего граждан, зарегистрированных в ЕСИА\nг.Бузулук;90 000;10 500\nБузулукский район;30 589;\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testDatabases())('munirank import of reference data on $name', (kind) => {
  it('previews and writes a population column beside an indicator, printing progress', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const dry = await runCli(['import', file, '--period', '2017', '--dry-run'], instance.env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('Справочные данные: добавить: 0; изменить: 1; без изменений: 1');
      expect(dry.stdout).toContain(
        '  строка 2: г.Бузулук · Численность населения · 2017: 85\u00a0199 → 90\u00a0000',
      );
      expect(dry.stderr).toContain('чтение: 0 из');
      expect(dry.stderr).toContain('сравнение: 0 из 1');

      const run = await runCli(
        ['import', file, '--period', '2017', '--author', 'тест'],
        instance.env,
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('запись: 1 из 1');
      expect(run.stdout).toMatch(/Записано: пакет импорта №\d+ \(добавлено 1, изменено 1\)/);
      const stored = await instance.handle.db
        .selectFrom('reference_revision')
        .select(['old_value', 'new_value', 'author', 'source_row'])
        .execute();
      expect(stored).toEqual([
        { old_value: 85199, new_value: 90000, author: 'тест', source_row: 2 },
      ]);
    } finally {
      await instance.dispose();
    }
  });
});
