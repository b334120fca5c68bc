import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const REFERENCE_TABLES = ['reference_value', 'plan_target', 'reference_revision', 'import_batch'];

let dir: string;
let file: string;
let startFile: string;
let badStartFile: string;
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-reference-cli-'));
  file = join(dir, 'население.csv');
  writeFileSync(
    file,
    'ОМСУ;Численность населения МО;Всего граждан, зарегистрированных в ЕСИА\nг.Бузулук;90 000;10 500\nБузулукский район;30 589;\n',
  );
  startFile = join(dir, 'начало года.csv');
  writeFileSync(
    startFile,
    'ОМСУ;Показатель;Период;Значение\nг.Бузулук;start:esia_total;2017;8 000\nг.Орск;target:esia_total;2017;40 000\nг.Орск;start:esia_total;2017;21 500\n',
  );
  badStartFile = join(dir, 'плохое начало.csv');
  writeFileSync(badStartFile, 'ОМСУ;На начало года esia_total\nг.Бузулук;восемь тысяч\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testDatabases())('munirank import of reference data on $name', (kind) => {
  it('records who imported what in the audit trail, as an import over the API does', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const run = await runCli(['import', file, '--period', '2017'], instance.env);
      expect(run.code).toBe(0);
      const batch = await instance.handle.db
        .selectFrom('import_batch')
        .select(['id', 'file_sha256'])
        .executeTakeFirstOrThrow();
      const audit = await instance.handle.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label', 'entity_type', 'entity_id', 'outcome', 'after_json'])
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'import.commit',
        entity_type: 'import_batch',
        entity_id: String(batch.id),
        outcome: 'allowed',
      });
      expect(audit[0]?.actor_label).toMatch(/^CLI \(.+\)$/);
      expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
        fileName: 'население.csv',
        sha256: batch.file_sha256,
        counts: { insert: 1, update: 1 },
      });
    } finally {
      await instance.dispose();
    }
  });

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

  it('previews start-of-year values with --dry-run and names a bad cell by file, row and column', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const before = await fingerprintTables(instance.handle.db, REFERENCE_TABLES);
      const dry = await runCli(['import', startFile, '--dry-run'], instance.env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('Справочные данные: добавить: 2; изменить: 1; без изменений: 0');
      const start = 'Значение на начало года «Всего граждан, зарегистрированных в ЕСИА»';
      expect(dry.stdout).toContain(
        `  строка 3: г.Орск · Целевое значение «Всего граждан, зарегистрированных в ЕСИА» · 2017: — → 40\u00a0000`,
      );
      expect(dry.stdout).toContain(`  строка 4: г.Орск · ${start} · 2017: — → 21\u00a0500`);
      expect(dry.stdout).toContain(
        `  строка 2: г.Бузулук · ${start} · 2017: 7\u00a0694 → 8\u00a0000`,
      );

      const bad = await runCli(['import', badStartFile, '--period', '2017'], instance.env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        '  плохое начало.csv, строка 2, графа «На начало года esia_total»: «восемь тысяч»',
      );
      expect(await fingerprintTables(instance.handle.db, REFERENCE_TABLES)).toEqual(before);
    } finally {
      await instance.dispose();
    }
  });
});
