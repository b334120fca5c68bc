import { rm } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DatabaseHandle } from '../connect.js';
import { rawSqlite } from '../raw-connection.js';
import { writeBackupFile } from './backup-file.js';
import type { BackupManifest } from './backup-manifest.js';
import { type DatabaseInventory, takeInventory } from './database-inventory.js';
import { runPgTool } from './pg-tools.js';

/** Opens a SQLite file read-only for counting; the caller destroys it. */
export function openSqliteReadOnly(file: string): Kysely<unknown> {
  return new Kysely({
    dialect: new SqliteDialect({ database: new SqliteDatabase(file, { readonly: true }) }),
  });
}

/** SQLite: VACUUM INTO writes the database as one read transaction sees it; writers go on. */
async function copySqlite(handle: DatabaseHandle, dataFile: string): Promise<DatabaseInventory> {
  const raw = rawSqlite(handle.db as unknown as Kysely<unknown>);
  if (!raw) throw new Error('SQLite database without its driver handle');
  raw.prepare('VACUUM INTO ?').run(dataFile);
  const copy = openSqliteReadOnly(dataFile);
  try {
    return await takeInventory(copy);
  } finally {
    await copy.destroy();
  }
}

/**
 * PostgreSQL: a repeatable-read transaction exports its snapshot; pg_dump dumps exactly that
 * snapshot while the same transaction counts the rows, so the manifest describes the dump.
 */
async function copyPostgres(
  handle: DatabaseHandle,
  databaseUrl: string,
  dataFile: string,
): Promise<DatabaseInventory> {
  return handle.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx);
      const inventory = await takeInventory(trx);
      await runPgTool(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--snapshot=${rows[0]?.id}`,
          `--file=${dataFile}`,
        ],
        databaseUrl,
      );
      return inventory;
    });
}

/**
 * Writes a consistent backup of a running database to `target`: the data (a SQLite file or a
 * pg_dump archive) behind a manifest with the schema version, row counts and SHA-256.
 */
export async function createBackup(
  handle: DatabaseHandle,
  target: string,
  databaseUrl: string | undefined,
  now = new Date(),
): Promise<BackupManifest> {
  const dataFile = `${target}.data`;
  await rm(dataFile, { force: true });
  try {
    const inventory =
      handle.dialect === 'postgres'
        ? await copyPostgres(handle, databaseUrl ?? '', dataFile)
        : await copySqlite(handle, dataFile);
    if (inventory.schemaVersion === null)
      throw new Error('В базе данных нет схемы munirank: сохранять нечего.');
    return await writeBackupFile(
      target,
      {
        format: 'munirank-backup',
        version: 1,
        dialect: handle.dialect,
        payload: handle.dialect === 'postgres' ? 'pg_dump-custom' : 'sqlite-file',
        createdAt: now.toISOString(),
        schemaVersion: inventory.schemaVersion,
        rowCounts: inventory.rowCounts,
        snapshotHashes: inventory.snapshotHashes,
      },
      dataFile,
    );
  } finally {
    await rm(dataFile, { force: true });
  }
}
