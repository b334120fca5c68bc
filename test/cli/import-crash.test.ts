import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema/index.js';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli, startCli } from '../support/run-cli.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

// 42 units × 2400 days: above 100,000 values, so that the kill lands after the indexes of
// observation (and, on PostgreSQL, the foreign keys) were dropped inside the transaction.
const DAYS = 2400;
let dir: string;
let file: string;
let total: number;

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-import-crash-'));
  file = join(dir, 'esia-daily.csv');
  const units = readDemoDataset().municipalities.map((m) => m.name);
  const lines = ['ОМСУ;Показатель;Период;Значение'];
  for (const unit of units)
    for (let d = 0; d < DAYS; d += 1) {
      const date = new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${unit};esia_total;${date};${(d * 37) % 5000}`);
    }
  total = units.length * DAYS;
  writeFileSync(file, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Indexes and constraints of the tables a large import suspends and restores. */
async function observationSchema(db: Kysely<Database>, dialect: string): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes
          WHERE tablename IN ('observation', 'observation_revision')
          UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint
          WHERE conrelid IN ('observation'::regclass, 'observation_revision'::regclass)`.execute(db)
      : await sql<{ d: string }>`SELECT coalesce(sql, name) AS d FROM sqlite_master
          WHERE tbl_name IN ('observation', 'observation_revision')`.execute(db);
  return rows.rows.map((r) => r.d).sort();
}

describe.each(testDatabases())('import killed with SIGKILL on $name', (kind) => {
  it('leaves the database exactly as before; the next run imports everything once', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const before = await fingerprintTables(instance.handle.db);
      const schemaBefore = await observationSchema(instance.handle.db, kind.name);
      // Slow the writes down so that the kill lands while the transaction is open.
      const child = startCli(['import', file, '--author', 'тест', '--source-system', 'ЕСИА'], {
        ...instance.env,
        MUNIRANK_IMPORT_CHUNK_DELAY_MS: '3000',
      });
      let stderr = '';
      let stdout = '';
      child.stdout?.on('data', (d) => {
        stdout += d;
      });
      await new Promise<void>((resolve, reject) => {
        child.stderr?.on('data', (d) => {
          stderr += d;
          if (/запись: [1-9]/.test(stderr)) resolve();
        });
        child.on('exit', () =>
          reject(new Error(`CLI ended before the kill: ${stdout}\n${stderr}`)),
        );
      });
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(stdout).not.toContain('Записано');
      expect(await fingerprintTables(instance.handle.db)).toEqual(before);
      expect(await observationSchema(instance.handle.db, kind.name)).toEqual(schemaBefore);

      const again = await runCli(['import', file, '--author', 'тест'], instance.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`добавить: ${total.toLocaleString('ru-RU')}`);
      // PostgreSQL sequences are not transactional: the killed run used up a batch number.
      expect(again.stdout).toMatch(/Записано: пакет импорта №\d+ \(добавлено /);
      const third = await runCli(['import', file, '--author', 'тест'], instance.env);
      expect(third.code).toBe(0);
      expect(third.stdout).toContain('Этот файл уже импортирован');
      expect(third.stdout).toContain('Ничего не записано: изменений нет.');
    } finally {
      await instance.dispose();
    }
  });
});

describe('munirank import on the command line', () => {
  it('explains itself in Russian', async () => {
    const help = await runCli(['import', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Запуск: munirank import \[параметры\] <ФАЙЛ>/);
    expect(help.stdout).toContain('Параметры:');
    expect(help.stdout).toContain('--dry-run');
    expect(help.stdout).toContain('только предпросмотр, ничего не записывать');
    expect(help.stdout).not.toMatch(/Usage:|Options:/);
  });

  it('prints every problem with file, row and column and exits non-zero', async () => {
    const [kind] = testDatabases();
    if (!kind) return;
    const instance = await createDemoDatabase(kind);
    try {
      const bad = join(dir, 'bad.csv');
      writeFileSync(
        bad,
        'ОМСУ;Показатель;Период;Значение\nг.Бузулук;sed_signed_share;2022;101\nГайский район;sed_signed_share;2022;50\n',
      );
      const result = await runCli(['import', bad, '--dry-run'], instance.env);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'bad.csv, строка 2, графа «Значение»: «101» — процент больше 100',
      );
      expect(result.stdout).toContain(
        'bad.csv, строка 3, графа «ОМСУ»: неизвестное муниципальное образование «Гайский район»; ближайшие: «Гайский городской округ» (gayskiy-go)',
      );
      expect(result.stdout).toContain('Найдено ошибок: 2. Ничего не записано');
    } finally {
      await instance.dispose();
    }
  });
});
