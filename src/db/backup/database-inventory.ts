import { type QueryExecutorProvider, sql } from 'kysely';
import { contentHash } from '../content-hash.js';
import { dialectOf } from '../dialect-of.js';

/** Any Kysely database or transaction, whatever its tables' types. */
type Db = QueryExecutorProvider;

/** What a backup, a restore and a move to PostgreSQL compare: rows per table, schema, snapshots. */
export interface DatabaseInventory {
  /** The last migration applied, or null for a database without the schema. */
  schemaVersion: string | null;
  rowCounts: Record<string, number>;
  /** Each rating snapshot's stored content hash, by id. */
  snapshotHashes: Record<string, string>;
}

/** The application's tables, sorted by name (SQLite's and PostgreSQL's own are left out). */
export async function listTables(db: Db): Promise<string[]> {
  const rows =
    dialectOf(db) === 'postgres'
      ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master
          WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

/**
 * Counts every table's rows and reads the schema version and the snapshots' hashes. Run it
 * inside one transaction (a snapshot of the data) when others may be writing.
 */
export async function takeInventory(db: Db): Promise<DatabaseInventory> {
  const tables = await listTables(db);
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    rowCounts[table] = Number(rows[0]?.n ?? 0);
  }
  let schemaVersion: string | null = null;
  if (tables.includes('schema_migration')) {
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration
      ORDER BY name DESC LIMIT 1`.execute(db);
    schemaVersion = rows[0]?.name ?? null;
  }
  const snapshotHashes: Record<string, string> = {};
  if (tables.includes('rating_snapshot')) {
    const { rows } = await sql<{ id: number; content_hash: string }>`SELECT id, content_hash
      FROM rating_snapshot ORDER BY id`.execute(db);
    for (const r of rows) snapshotHashes[String(r.id)] = r.content_hash;
  }
  return { schemaVersion, rowCounts, snapshotHashes };
}

/** Differences between two inventories in words, empty when they agree. */
export function compareInventories(expected: DatabaseInventory, actual: DatabaseInventory) {
  const problems: string[] = [];
  if (expected.schemaVersion !== actual.schemaVersion)
    problems.push(`версия схемы ${actual.schemaVersion} вместо ${expected.schemaVersion}`);
  const tables = new Set([...Object.keys(expected.rowCounts), ...Object.keys(actual.rowCounts)]);
  for (const table of [...tables].sort()) {
    const want = expected.rowCounts[table];
    const got = actual.rowCounts[table];
    if (want !== got)
      problems.push(
        `таблица ${table}: строк ${got ?? 'нет таблицы'} вместо ${want ?? 'нет таблицы'}`,
      );
  }
  for (const [id, hash] of Object.entries(expected.snapshotHashes))
    if (actual.snapshotHashes[id] !== hash)
      problems.push(
        `снимок №${id}: контрольная сумма ${actual.snapshotHashes[id] ?? 'нет снимка'} вместо ${hash}`,
      );
  return problems;
}

/** Snapshots whose stored content no longer gives their stored hash, in words. */
export async function checkSnapshotContent(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: number; content: string; content_hash: string }>`
    SELECT id, content, content_hash FROM rating_snapshot ORDER BY id`.execute(db);
  return rows
    .filter((r) => contentHash(r.content) !== r.content_hash)
    .map(
      (r) => `снимок №${r.id}: содержимое не даёт записанную контрольную сумму ${r.content_hash}`,
    );
}
