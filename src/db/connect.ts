import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import { preparedName } from './prepared-statements.js';
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
  /** Statements sent to the database through this handle so far, BEGIN and COMMIT included. */
  statementsSent(): number;
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
  const dialect = rawSqliteDialect(sqlite);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: () => db.destroy(),
    statementsSent: () => dialect.statementsSent(),
  };
}

/**
 * A pg client that counts what it sends: each `query` call is one statement and one round trip
 * (Kysely's BEGIN and COMMIT included), which is what a request costs the database's CPU. A
 * text marked by `prepareOnPostgres` goes as a named statement, prepared once per connection.
 */
function countingClient(counter: { sent: number }): typeof pg.Client {
  return class CountingClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; all are passed on.
    override query(...args: unknown[]): any {
      counter.sent += 1;
      const [text, values, ...rest] = args;
      const name = typeof text === 'string' ? preparedName(text) : undefined;
      const query = super.query as (...a: unknown[]) => unknown;
      if (name !== undefined && Array.isArray(values) && rest.length === 0)
        return query.call(this, { name, text, values });
      return query.apply(this, args);
    }
  };
}

/** `poolSize`: connections at most (the server's is MUNIRANK_DB_POOL_SIZE, see config.ts). */
export function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const counter = { sent: 0 };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    Client: countingClient(counter),
  });
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
    statementsSent: () => counter.sent,
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

export function openDatabase(options: {
  databaseUrl?: string | undefined;
  sqliteFile: string;
  poolSize?: number;
}) {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize)
    : openSqlite(options.sqliteFile);
}
