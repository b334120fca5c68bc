import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openPostgres } from '../connect.js';
import { MIGRATIONS } from '../migrate.js';
import { BackupFileError, extractBackupData, readBackupFile } from './backup-file.js';
import type { BackupManifest } from './backup-manifest.js';
import { openSqliteReadOnly } from './create-backup.js';
import { compareInventories, listTables, takeInventory } from './database-inventory.js';
import { runPgTool } from './pg-tools.js';

export interface RestoreTarget {
  /** PostgreSQL when set, else the SQLite file. */
  databaseUrl: string | undefined;
  sqliteFile: string;
}

/** The advisory lock key of a PostgreSQL restore (any constant of our own). */
const RESTORE_LOCK = 7_305_001;

const DIALECT_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

function refuseNewerSchema(manifest: BackupManifest, name: string): void {
  const known = Object.keys(MIGRATIONS);
  if (known.includes(manifest.schemaVersion)) return;
  throw new BackupFileError(
    `${name}: копия сделана более новой версией munirank (схема «${manifest.schemaVersion}»), ` +
      `а эта версия знает схемы до «${known.at(-1)}». Обновите munirank и повторите восстановление.`,
  );
}

function refuseNonEmpty(tables: string[], where: string): void {
  if (tables.length === 0) return;
  throw new BackupFileError(
    `База данных ${where} не пуста (таблиц: ${tables.length}): копия восстанавливается только в пустую ` +
      'базу. Создайте новую базу (или укажите пустой каталог данных) и повторите.',
  );
}

async function checkRestored(db: DatabaseHandle['db'], manifest: BackupManifest, name: string) {
  const problems = compareInventories(manifest, await takeInventory(db));
  if (problems.length > 0)
    throw new BackupFileError(
      `${name}: восстановленные данные не совпадают с описанием копии: ${problems.join('; ')}.`,
    );
}

/**
 * One restore at a time into a data folder: a second one started meanwhile is refused (it
 * would find the database empty too, and the two copies would replace each other).
 */
async function withRestoreLock<T>(target: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const lock = `${target}.restore-lock`;
  const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    throw new BackupFileError(
      `В ${dirname(target)} уже идёт восстановление (${basename(lock)}); если оно прервано, удалите этот файл.`,
    );
  });
  try {
    return await work();
  } finally {
    await handle.close();
    await rm(lock, { force: true });
  }
}

async function restoreSqlite(
  file: string,
  dataStart: number,
  manifest: BackupManifest,
  target: string,
) {
  await withRestoreLock(target, () => replaceEmptySqlite(file, dataStart, manifest, target));
}

async function replaceEmptySqlite(
  file: string,
  dataStart: number,
  manifest: BackupManifest,
  target: string,
) {
  const name = basename(file);
  if (existsSync(target)) {
    const current = openSqliteReadOnly(target);
    try {
      refuseNonEmpty(await listTables(current), target);
    } finally {
      await current.destroy();
    }
  }
  // The copy is checked under a temporary name and only then takes the database's place.
  const incoming = `${target}.restoring`;
  await extractBackupData(file, dataStart, incoming);
  try {
    const copy = openSqliteReadOnly(incoming);
    try {
      await checkRestored(copy, manifest, name);
    } finally {
      await copy.destroy();
    }
    for (const suffix of ['-wal', '-shm']) await rm(`${target}${suffix}`, { force: true });
    await rename(incoming, target);
  } finally {
    await rm(incoming, { force: true });
  }
}

async function restorePostgres(
  file: string,
  dataStart: number,
  manifest: BackupManifest,
  url: string,
) {
  const handle = openPostgres(url);
  const dir = await mkdtemp(join(tmpdir(), 'munirank-restore-'));
  try {
    // One restore at a time into a database: the lock lasts as long as this connection.
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_lock(${RESTORE_LOCK}) AS ok`.execute(handle.db);
    if (!rows[0]?.ok)
      throw new BackupFileError(
        `В базу ${handle.location} уже идёт восстановление: дождитесь его конца.`,
      );
    refuseNonEmpty(await listTables(handle.db), handle.location);
    const dump = join(dir, 'data.dump');
    await extractBackupData(file, dataStart, dump);
    // One transaction: a failure part-way leaves the database empty as it was.
    await runPgTool(
      'pg_restore',
      ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', dump],
      url,
    );
    await checkRestored(handle.db, manifest, basename(file));
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Restores a backup into an empty database after checking the file (length, SHA-256), its
 * schema (not newer than this version knows) and its kind of database; then compares the
 * restored rows with the manifest. Nothing is touched when a check before the restore fails.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<BackupManifest> {
  const { manifest, dataStart } = await readBackupFile(file);
  const name = basename(file);
  refuseNewerSchema(manifest, name);
  const dialect = target.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.dialect !== dialect)
    throw new BackupFileError(
      `${name}: копия сделана из ${DIALECT_NAMES[manifest.dialect]}, а восстанавливать предлагается в ` +
        `${DIALECT_NAMES[dialect]}. Восстановите её в базу того же вида` +
        (manifest.dialect === 'sqlite'
          ? ', затем перенесите командой munirank migrate-to-postgres.'
          : '.'),
    );
  if (target.databaseUrl) await restorePostgres(file, dataStart, manifest, target.databaseUrl);
  else await restoreSqlite(file, dataStart, manifest, target.sqliteFile);
  return manifest;
}
