import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import { rawSqliteDialect, trackingPostgresDialect } from './raw-connection.js';
import type { Database } from './schema/index.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for messages: a file path or the URL without its password. */
  location: string;
  close(): Promise<void>;
  /** Connections of the pool (PostgreSQL); absent for SQLite's single connection. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

// COUNT(*) and other int8 results arrive as strings from pg; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens SQLite in WAL mode, with foreign keys enforced. A committed transaction survives a crash
 * or a power cut: the driver syncs the WAL before the writer goes on (the guarantee of
 * synchronous=FULL), in the thread pool and shared by the commits made meanwhile, so the
 * connection itself runs with synchronous=NORMAL (decision 0190).
 */
export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: rawSqliteDialect(sqlite) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

export function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (a restart, an administrator, a dropped database) is
  // reported here; the pool has already discarded it and opens a new one for the next query.
  // Without a listener the event would end the whole process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: trackingPostgresDialect(pool) });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function openDatabase(options: { databaseUrl?: string | undefined; sqliteFile: string }) {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.sqliteFile);
}
