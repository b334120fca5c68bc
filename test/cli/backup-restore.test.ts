import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSnapshotContent,
  type DatabaseInventory,
  listTables,
  takeInventory,
} from '../../src/db/backup/database-inventory.js';
import { openSqlite } from '../../src/db/connect.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli, startCli } from '../support/run-cli.js';
import { serveCli } from '../support/serve-cli.js';

let dir: string;
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A new, empty database of the same kind (no schema) to restore into. */
async function emptyTarget(kind: (typeof databases)[number], name: string) {
  if (kind.name === 'postgres') return kind.create({ migrate: false });
  const data = join(dir, name);
  return {
    env: { MUNIRANK_DATA_DIR: data },
    open: () => openSqlite(join(data, 'munirank.sqlite')),
    dispose: async () => {},
  };
}

const databases = testDatabases();

describe.each(databases)('munirank backup and restore on $name', (kind) => {
  it('backs up a running server, restores the backup state exactly, refuses a bad file', async () => {
    const source = await createDemoDatabase(kind);
    const server = serveCli(source.env);
    const file = join(dir, `${kind.name}.backup`);
    let expected: DatabaseInventory | undefined;
    let tables = 0;
    try {
      await server.address;
      expected = await takeInventory(source.handle.db);
      // every table of the schema; the demo's 42 units, 99 observations and 2 snapshots
      tables = (await listTables(source.handle.db)).length;
      expect(Object.keys(expected.rowCounts)).toHaveLength(tables);
      expect(tables).toBeGreaterThanOrEqual(40);
      expect(expected.rowCounts).toMatchObject({
        municipality: 42,
        observation: 99,
        rating_snapshot: 2,
      });
      expect(Object.keys(expected.snapshotHashes)).toHaveLength(2);

      const made = await runCli(['backup', file], source.env);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      expect(made.stdout).toContain(
        `Резервная копия записана: ${file} (схема ${expected.schemaVersion}, таблиц ${tables},`,
      );
      const header = readFileSync(file).subarray(0, 200_000).toString('latin1').split('\n');
      expect(header[0]).toBe('MUNIRANK-BACKUP 1');
      const manifest = JSON.parse(Buffer.from(header[1] ?? '', 'latin1').toString('utf8'));
      expect(manifest).toMatchObject({ dialect: kind.name, schemaVersion: expected.schemaVersion });
      expect(manifest.rowCounts).toEqual(expected.rowCounts);
      expect(manifest.snapshotHashes).toEqual(expected.snapshotHashes);

      // The data changes after the backup: a two-value import while the server runs.
      const csv = join(dir, `${kind.name}-late.csv`);
      writeFileSync(
        csv,
        'ОМСУ;Показатель;Период;Значение\nг.Бузулук;esia_total;2030-01-01;7\nг.Орск;esia_total;2030-01-01;9\n',
      );
      const late = await runCli(['import', csv, '--author', 'тест'], source.env);
      expect(late.code).toBe(0);
      const changed = await takeInventory(source.handle.db);
      expect(changed.rowCounts.observation).toBe(101);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }

    const target = await emptyTarget(kind, 'restored');
    try {
      const restored = await runCli(['restore', file], target.env);
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('восстановлена и сверена с описанием');
      const handle = 'handle' in target ? target.handle : target.open();
      const state = await takeInventory(handle.db);
      // the backup's state, and one more audit event: the restore itself
      const copied = await takeInventoryFromManifest(file);
      expect(state).toEqual({
        ...copied,
        rowCounts: { ...copied.rowCounts, audit_event: copied.rowCounts.audit_event + 1 },
      });
      expect(copied).toEqual(expected);
      const audit = await handle.db
        .selectFrom('audit_event')
        .select(['action', 'after_json'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe('database.restore');
      expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
        file,
        schemaVersion: expected.schemaVersion,
      });
      expect(state.rowCounts.observation).toBe(99);
      expect(await checkSnapshotContent(handle.db)).toEqual([]);
      if (!('handle' in target)) await handle.close();

      // Into a database that is not empty: refused.
      const again = await runCli(['restore', file], target.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        `не пуста (таблиц: ${tables}): копия восстанавливается только в пустую базу`,
      );
    } finally {
      await target.dispose();
      await source.dispose();
    }

    // A truncated copy and a copy of a newer schema: refused, the empty database stays empty.
    const bytes = readFileSync(file);
    const truncated = join(dir, `${kind.name}-truncated.backup`);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 1000));
    const newer = join(dir, `${kind.name}-newer.backup`);
    const text = bytes.toString('latin1');
    writeFileSync(
      newer,
      Buffer.from(
        text.replace(/"schemaVersion":"[^"]+"/, '"schemaVersion":"2099-01-01-0001-future"'),
        'latin1',
      ),
    );
    const untouched = await emptyTarget(kind, 'untouched');
    try {
      const cut = await runCli(['restore', truncated], untouched.env);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain(
        `${kind.name}-truncated.backup: файл резервной копии обрезан: данных `,
      );
      expect(cut.stderr).toContain('Копия не восстановлена, база не изменена.');
      const future = await runCli(['restore', newer], untouched.env);
      expect(future.code).toBe(1);
      expect(future.stderr).toContain(
        'копия сделана более новой версией munirank (схема «2099-01-01-0001-future»)',
      );
      const handle = 'handle' in untouched ? untouched.handle : untouched.open();
      expect(await listTables(handle.db)).toEqual([]);
      if (!('handle' in untouched)) await handle.close();
    } finally {
      await untouched.dispose();
    }
  });
});

describe.each(databases)('backups on $name while others write', (kind) => {
  it('hold what was committed when the backup began, never half an import', async () => {
    const source = await createDemoDatabase(kind);
    const csv = join(dir, `${kind.name}-slow.csv`);
    const lines = ['ОМСУ;Показатель;Период;Значение'];
    for (let d = 0; d < 2000; d += 1)
      lines.push(
        `г.Бузулук;esia_total;${2000 + Math.floor(d / 12)}-${String((d % 12) + 1).padStart(2, '0')};${d}`,
      );
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const file = join(dir, `${kind.name}-during-import.backup`);
    try {
      const before = await takeInventory(source.handle.db);
      // The import pauses 8 s inside its transaction after writing; the backup runs meanwhile.
      const importing = startCli(['import', csv, '--author', 'тест'], {
        ...source.env,
        MUNIRANK_IMPORT_CHUNK_DELAY_MS: '8000',
      });
      const importEnded = new Promise((resolve) => importing.on('exit', resolve));
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        importing.stderr?.on('data', (d) => {
          stderr += d;
          if (/запись: [1-9]/.test(stderr)) resolve();
        });
        importing.on('exit', () => reject(new Error(`the import ended first: ${stderr}`)));
      });
      const made = await runCli(['backup', file], source.env);
      expect(made.code).toBe(0);
      await importEnded;
      expect(importing.exitCode).toBe(0);
      const after = await takeInventory(source.handle.db);
      expect(after.rowCounts.observation).toBe(99 + 2000);
      // Before the import (the usual case), or after it on a machine slow enough for the
      // import to commit first; never in between.
      const copied = await takeInventoryFromManifest(file);
      expect([before, after]).toContainEqual(copied);

      // Two restores of it into one empty database at once: one restores, the other is refused.
      const target = await emptyTarget(kind, 'raced');
      try {
        const both = await Promise.all([
          runCli(['restore', file], target.env),
          runCli(['restore', file], target.env),
        ]);
        expect(both.map((r) => r.code).sort()).toEqual([0, 1]);
        expect(both.find((r) => r.code === 1)?.stderr).toMatch(
          /уже идёт восстановление|не пуста \(таблиц: \d+\)/,
        );
        const handle = 'handle' in target ? target.handle : target.open();
        const state = await takeInventory(handle.db);
        expect(state.rowCounts).toEqual({
          ...copied.rowCounts,
          audit_event: (copied.rowCounts.audit_event ?? 0) + 1,
        });
        if (!('handle' in target)) await handle.close();
      } finally {
        await target.dispose();
      }
      if (kind.name === 'postgres') {
        const missing = await runCli(['backup', join(dir, 'never.backup')], {
          ...source.env,
          PATH: '/nonexistent',
        });
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain(
          'Программа pg_dump не найдена (PATH: /nonexistent). Установите клиент PostgreSQL',
        );
      }
    } finally {
      await source.dispose();
    }
  });
});

/** The state the backup file says it holds. */
async function takeInventoryFromManifest(file: string) {
  const line = readFileSync(file).subarray(0, 200_000).toString('utf8').split('\n')[1] ?? '{}';
  const { schemaVersion, rowCounts, snapshotHashes } = JSON.parse(line);
  return { schemaVersion, rowCounts, snapshotHashes };
}

describe('scheduled backups', () => {
  it('writes a dated copy into the folder and keeps the newest of the last N days', async () => {
    const [sqlite] = databases;
    if (!sqlite) return;
    const source = await createDemoDatabase(sqlite);
    const folder = join(dir, 'scheduled');
    const day = 86_400_000;
    const name = (t: number) =>
      `munirank-${new Date(t).toISOString().slice(0, 19).replaceAll(':', '-')}Z.backup`;
    const yesterday = Math.floor(Date.now() / day) * day - day;
    const old = [yesterday + 3_600_000, yesterday + 7_200_000, yesterday - 400 * day].map(name);
    try {
      const first = await runCli(['backup', '--dir', folder], source.env);
      expect(first.code).toBe(0);
      for (const n of [...old, 'notes.txt']) writeFileSync(join(folder, n), 'x');
      const [written] = readdirSync(folder).filter((n) => !old.includes(n) && n !== 'notes.txt');
      rmSync(join(folder, written ?? ''));
      const run = await runCli(
        ['backup', '--dir', folder, '--keep-daily', '2', '--keep-monthly', '0'],
        source.env,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const now = readdirSync(folder).filter((n) => !old.includes(n) && n !== 'notes.txt');
      expect(now).toHaveLength(1);
      expect(readdirSync(folder).sort()).toEqual([old[1], now[0], 'notes.txt'].sort());
      expect(run.stdout).toContain(`Удалена старая копия: ${old[0]}`);
      expect(run.stdout).toContain(`Удалена старая копия: ${old[2]}`);
    } finally {
      await source.dispose();
    }
  });
});
