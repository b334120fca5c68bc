import { type Kysely, sql } from 'kysely';
import {
  checkSnapshotContent,
  compareInventories,
  type DatabaseInventory,
  listTables,
  takeInventory,
} from '../backup/database-inventory.js';
import type { DatabaseHandle } from '../connect.js';
import { migrateToLatest } from '../migrate.js';
import { rawPostgresClient, rawSqlite } from '../raw-connection.js';
import type { Database } from '../schema/index.js';
import { copyTable, type TargetColumn } from './copy-table.js';
import { orderByDependencies } from './order-by-dependencies.js';

/** Kept by each database for itself: the migrator's own tables. */
const OWN_TABLES = new Set(['schema_migration', 'schema_migration_lock']);

async function refuseNonEmpty(target: DatabaseHandle): Promise<void> {
  const filled: string[] = [];
  for (const table of await listTables(target.db)) {
    if (OWN_TABLES.has(table)) continue;
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(target.db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) filled.push(`${table} (${n})`);
  }
  if (filled.length > 0)
    throw new Error(
      `База PostgreSQL ${target.location} не пуста, строки есть в таблицах: ${filled.join(', ')}. ` +
        'Перенос выполняется только в пустую базу: создайте новую (CREATE DATABASE) и повторите.',
    );
}

async function targetColumns(db: Kysely<unknown>): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await sql<{ table: string; name: string; type: string }>`
    SELECT table_name AS table, column_name AS name, data_type AS type
    FROM information_schema.columns WHERE table_schema = current_schema()
    ORDER BY table_name, ordinal_position`.execute(db);
  const byTable = new Map<string, TargetColumn[]>();
  for (const r of rows)
    byTable.set(r.table, [...(byTable.get(r.table) ?? []), { name: r.name, type: r.type }]);
  return byTable;
}

async function foreignKeys(db: Kysely<unknown>): Promise<[string, string][]> {
  const { rows } = await sql<{ from: string; to: string }>`
    SELECT f.relname AS from, t.relname AS to FROM pg_constraint c
    JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
    WHERE c.contype = 'f' AND f.relnamespace = current_schema()::regnamespace`.execute(db);
  return rows.map((r) => [r.from, r.to]);
}

/** Sets every identity column's sequence past the largest id copied. */
async function resetSequences(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(db);
  for (const { table, column } of rows)
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce(max(${sql.ref(column)}), 1), max(${sql.ref(column)}) IS NOT NULL)
      FROM ${sql.table(table)}`.execute(db);
}

/**
 * Copies every table of the embedded SQLite database (at the latest schema) into an empty
 * PostgreSQL database: migrates the target, copies the tables in foreign-key order with binary
 * COPY keeping ids, resets the sequences, then compares the row count of every table and every
 * snapshot's content hash inside the same transaction. Any difference rolls it all back.
 * The target keeps its schema (migrated) when the copy fails.
 */
export async function copySqliteToPostgres(
  source: DatabaseHandle,
  target: DatabaseHandle,
  options: {
    /** Records the move in the audit trail, in the transaction that copies. */
    audit: (trx: Kysely<Database>, copied: DatabaseInventory) => Promise<void>;
    onTable?: (table: string, rows: number) => void;
  },
): Promise<DatabaseInventory> {
  const sqlite = rawSqlite(source.db as unknown as Kysely<unknown>);
  if (!sqlite || target.dialect !== 'postgres') throw new Error('ожидается SQLite → PostgreSQL');
  await refuseNonEmpty(target);
  await migrateToLatest(target.db);
  const expected = await takeInventory(source.db);
  const targetDb = target.db as unknown as Kysely<unknown>;
  const columns = await targetColumns(targetDb);
  const tables = (await listTables(source.db)).filter((t) => !OWN_TABLES.has(t));
  const missing = tables.filter((t) => !columns.has(t));
  if (missing.length > 0)
    throw new Error(`В базе PostgreSQL нет таблиц ${missing.join(', ')}: версии схем различаются.`);
  const order = orderByDependencies(tables, await foreignKeys(targetDb));
  return target.db.transaction().execute(async (trx) => {
    const raw = trx as unknown as Kysely<unknown>;
    const client = await rawPostgresClient(raw);
    if (!client) throw new Error('PostgreSQL database without its driver handle');
    for (const table of order) {
      // Copied first: an optional call skips evaluating its arguments when no callback is given.
      const copied = await copyTable(sqlite, client, table, columns.get(table) ?? []);
      options.onTable?.(table, copied);
    }
    await resetSequences(raw);
    const problems = [
      ...compareInventories(expected, await takeInventory(trx)),
      ...(await checkSnapshotContent(trx)),
    ];
    if (problems.length > 0)
      throw new Error(
        `Перенесённые данные не совпали с исходными, перенос отменён: ${problems.join('; ')}.`,
      );
    await options.audit(trx, expected);
    return expected;
  });
}
