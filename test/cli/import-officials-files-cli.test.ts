import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const HEADER = 'Доля документов, подписанных ЭП, %';
const SIGNED = 'Доля документов, подписанных электронной подписью в СЭД';

let dir: string;
let wideFile: string;
let longFile: string;
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-officials-cli-'));
  wideFile = join(dir, 'СЭД.csv');
  writeFileSync(
    wideFile,
    `ОМСУ;Год;${HEADER}\nг.Орск;2019;64,5\nБузулукский р-н;2019;70\nИтого;2019;134,5\n`,
  );
  longFile = join(dir, 'длинный.csv');
  writeFileSync(
    longFile,
    'ОМСУ;Показатель;Отчётный период;Значение\nг.Орск;esia_new;март 2019;5\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testDatabases())('munirank import of officials’ files on $name', (kind) => {
  it('asks about an indicator header, reads it once confirmed, and remembers it', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const asked = await runCli(['import', wideFile, '--dry-run'], instance.env);
      expect(asked.code).toBe(1);
      expect(asked.stdout).toContain(
        `Показатель не опознан: «${HEADER}»; ближайшие: «${SIGNED}» (sed_signed_share)`,
      );

      const confirmed = `--indicator-alias=${HEADER}=sed_signed_share`;
      const dry = await runCli(['import', wideFile, '--dry-run', confirmed], instance.env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`Графа «${HEADER}» → ${SIGNED}`);
      expect(dry.stdout).toContain('Строки итогов пропущены: строка 4 «Итого»');
      expect(dry.stdout).not.toContain('Не используются графы');
      expect(dry.stdout).toContain('Значений: 2; добавить: 2;');

      const run = await runCli(['import', wideFile, confirmed, '--author', 'тест'], instance.env);
      expect(run.code).toBe(0);
      const saved = await sql<{ alias: string }>`SELECT alias FROM indicator_alias`.execute(
        instance.handle.db,
      );
      expect(saved.rows).toEqual([{ alias: HEADER }]);
      const again = await runCli(['import', wideFile, '--dry-run'], instance.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Изменений нет: все 2 значений уже в базе.');
    } finally {
      await instance.dispose();
    }
  });

  it('a long file read from its indicator and period columns lists no column as unused', async () => {
    const instance = await createDemoDatabase(kind);
    try {
      const dry = await runCli(['import', longFile, '--dry-run'], instance.env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).not.toContain('Не используются графы');
      expect(dry.stdout).toContain('Значений: 1; добавить: 1;');
    } finally {
      await instance.dispose();
    }
  });
});
